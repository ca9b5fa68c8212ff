@_exported public import RoostDatabase

/// Makes a struct a database model: generates its schema, row decoding and encoding, typed
/// column proxies for queries, and the ``Model`` conformance — at compile time.
///
/// ```swift
/// @Model(table: "blog_post")
/// struct Post {
///     var id: Int64?                                   // assigned by the database
///     @Field(maxLength: 200, verboseName: "Title") var title: String
///     var body: String = ""                            // TEXT; "" is the default
///     var publishedAt: Date?                           // nullable
///     @ForeignKey(onDelete: .cascade, relatedName: "posts") var author: Reference<User>
///     @ManyToMany var tags: ManyToMany<Tag>
/// }
/// ```
///
/// Column names are the property names in snake_case (`published_at`, `author_id`); the
/// table is the type name in snake_case unless `table:` says otherwise. Properties must be
/// `var`; computed properties are ignored; `@Transient` ones are not stored.
/// - Parameters:
///   - table: The table name.
///   - verboseName: The human name (forms, admin), the type name in words by default.
///   - verboseNamePlural: The plural human name.
///   - database: The name of the database the model lives in (see `Databases`).
@attached(
    extension,
    conformances: Model, Encodable,
    names: named(schema), named(ID), named(init(row:startingAt:)), named(databaseValues), named(appendDatabaseValues(to:)), named(Columns),
    named(fieldName(for:)), named(primaryKeyValue), named(assignPrimaryKey)
)
public macro Model(
    table: String? = nil,
    verboseName: String? = nil,
    verboseNamePlural: String? = nil,
    database: String? = nil
) = #externalMacro(module: "RoostORMMacros", type: "ModelMacro")

/// Options for a model field; all optional.
///
/// ```swift
/// @Field(maxLength: 80, unique: true, verboseName: "User name", helpText: "Letters and digits only")
/// var username: String
/// ```
/// - Parameters:
///   - column: The column name.
///   - maxLength: For `String`: a `VARCHAR(n)` column and a length validation; without it,
///     `TEXT`.
///   - unique: A unique constraint.
///   - index: An index on the column.
///   - decimalDigits: For `Decimal`: total digits.
///   - decimalPlaces: For `Decimal`: digits after the point.
///   - editable: `false` hides the field from model forms and the admin.
///   - blank: `true` lets forms leave it empty (Django's `blank`).
///   - verboseName: The human name, for forms and the admin.
///   - helpText: An explanation, for forms and the admin.
///   - validators: Extra checks run by `fullClean()`.
@attached(peer)
public macro Field(
    column: String? = nil,
    maxLength: Int? = nil,
    unique: Bool = false,
    index: Bool = false,
    decimalDigits: Int? = nil,
    decimalPlaces: Int? = nil,
    editable: Bool = true,
    blank: Bool = false,
    verboseName: String? = nil,
    helpText: String? = nil,
    validators: [FieldValidator] = []
) = #externalMacro(module: "RoostORMMacros", type: "FieldMarkerMacro")

/// A many-to-one relation stored as a foreign-key column (`author_id`).
///
/// ```swift
/// @ForeignKey(onDelete: .cascade, relatedName: "posts") var author: Reference<User>
/// @ForeignKey(onDelete: .setNull) var editor: Reference<User>?
/// ```
/// - Parameters:
///   - onDelete: What deleting the referenced row does to this one.
///   - column: The column name (`<name>_id` by default).
///   - relatedName: The name of the reverse relation, for the admin and `check`.
///   - index: Index the column (on by default, as Django does).
///   - verboseName: The human name.
///   - helpText: An explanation, for forms and the admin.
@attached(peer)
public macro ForeignKey(
    onDelete: OnDelete,
    column: String? = nil,
    relatedName: String? = nil,
    index: Bool = true,
    verboseName: String? = nil,
    helpText: String? = nil
) = #externalMacro(module: "RoostORMMacros", type: "FieldMarkerMacro")

/// A one-to-one relation: a foreign key with a unique constraint.
@attached(peer)
public macro OneToOne(
    onDelete: OnDelete,
    column: String? = nil,
    relatedName: String? = nil,
    verboseName: String? = nil,
    helpText: String? = nil
) = #externalMacro(module: "RoostORMMacros", type: "FieldMarkerMacro")

/// A many-to-many relation through an automatic join table, or an explicit `through`
/// model.
///
/// ```swift
/// @ManyToMany var tags: ManyToMany<Tag>
/// ```
@attached(peer)
public macro ManyToMany(
    through: (any Model.Type)? = nil,
    table: String? = nil,
    relatedName: String? = nil,
    verboseName: String? = nil
) = #externalMacro(module: "RoostORMMacros", type: "FieldMarkerMacro")

/// A property that is not stored in the database; it needs a default value.
@attached(peer)
public macro Transient() = #externalMacro(module: "RoostORMMacros", type: "FieldMarkerMacro")
