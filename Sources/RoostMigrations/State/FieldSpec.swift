public import RoostORM

/// One column of a model as migrations see it: what the database needs to know, nothing
/// about forms or the admin. Migration files spell fields this way:
///
/// ```swift
/// CreateModel("Post", table: "blog_post", fields: [
///     FieldSpec("id", .autoIncrement, primaryKey: true),
///     FieldSpec("title", .string(maxLength: 200)),
///     FieldSpec("publishedAt", .dateTime, nullable: true),
///     FieldSpec("author", .bigInteger, indexed: true, references: "Author", onDelete: .cascade),
/// ])
/// ```
///
/// The column defaults to the name in snake_case (`published_at`), with `_id` appended for a
/// reference (`author_id`), as `@Model` names them.
public struct FieldSpec: Sendable, Hashable {
    /// The Swift property name.
    public var name: String
    /// The column kind.
    public var type: FieldType
    /// The column name.
    public var column: String
    /// Whether `NULL` is allowed.
    public var nullable: Bool
    /// Whether this is the primary key.
    public var primaryKey: Bool
    /// A unique constraint on the column (never set on the primary key, which is unique anyway).
    public var unique: Bool
    /// An index on the column (only when it is neither unique nor the primary key, whose
    /// constraints already index it).
    public var indexed: Bool
    /// For a foreign key: the model it references and what deleting that row does.
    public var reference: ReferenceSpec?

    /// Describes a field.
    ///
    /// ```swift
    /// FieldSpec("slug", .string(maxLength: 50), unique: true)
    /// FieldSpec("editor", .bigInteger, nullable: true, indexed: true, references: "User", onDelete: .setNull)
    /// ```
    /// - Parameters:
    ///   - name: The Swift property name.
    ///   - type: The column kind; for a reference, the kind of the target's primary key
    ///     (`.bigInteger` for an auto-incremented key).
    ///   - column: The column name; derived from `name` when `nil`.
    ///   - nullable: Whether `NULL` is allowed.
    ///   - primaryKey: Whether this is the primary key.
    ///   - unique: A unique constraint (a one-to-one relation is a unique reference).
    ///   - indexed: An index on the column.
    ///   - references: The name of the model a foreign key points at.
    ///   - onDelete: What deleting the referenced row does (references only).
    public init(
        _ name: String,
        _ type: FieldType,
        column: String? = nil,
        nullable: Bool = false,
        primaryKey: Bool = false,
        unique: Bool = false,
        indexed: Bool = false,
        references: String? = nil,
        onDelete: OnDelete = .cascade
    ) {
        self.name = name
        self.type = type
        self.column = column ?? Self.defaultColumn(for: name, reference: references != nil)
        self.nullable = nullable && !primaryKey
        self.primaryKey = primaryKey || type == .autoIncrement
        self.unique = unique && !self.primaryKey
        self.indexed = indexed && !self.unique && !self.primaryKey
        self.reference = references.map { ReferenceSpec(model: $0, onDelete: onDelete) }
    }

    /// The column `@Model` gives a property: snake_case, plus `_id` for a reference.
    ///
    /// ```swift
    /// FieldSpec.defaultColumn(for: "publishedAt", reference: false)   // "published_at"
    /// FieldSpec.defaultColumn(for: "author", reference: true)         // "author_id"
    /// ```
    public static func defaultColumn(for name: String, reference: Bool) -> String {
        SnakeCase.convert(name) + (reference ? "_id" : "")
    }

    /// Whether the column needs a value for every row: not nullable and not assigned by the
    /// database.
    public var requiresValue: Bool { !nullable && type != .autoIncrement }

    /// This field under another name and column.
    func renamed(to newName: String, column newColumn: String) -> FieldSpec {
        var copy = self
        copy.name = newName
        copy.column = newColumn
        return copy
    }
}

/// The target of a foreign key and its on-delete rule.
public struct ReferenceSpec: Sendable, Hashable {
    /// The referenced model's name.
    public var model: String
    /// What deleting the referenced row does.
    public var onDelete: OnDelete

    /// A reference to `model`.
    ///
    /// ```swift
    /// ReferenceSpec(model: "Author", onDelete: .cascade)
    /// ```
    public init(model: String, onDelete: OnDelete) {
        self.model = model
        self.onDelete = onDelete
    }
}

/// `publishedAt` → `published_at`, `HTTPStatus` → `http_status`: the rule `@Model` uses for
/// column and table names.
enum SnakeCase {
    static func convert(_ name: String) -> String {
        var result = ""
        let characters = Array(name)
        for index in characters.indices {
            let character = characters[index]
            guard character.isUppercase else {
                result.append(character)
                continue
            }
            let previous: Character? = index > 0 ? characters[index - 1] : nil
            let next: Character? = index + 1 < characters.count ? characters[index + 1] : nil
            let afterLower = previous.map { $0.isLowercase || $0.isNumber } ?? false
            let acronymEnd = (previous?.isUppercase ?? false) && (next?.isLowercase ?? false)
            if index > 0, afterLower || acronymEnd { result.append("_") }
            result.append(contentsOf: character.lowercased())
        }
        return result
    }
}
