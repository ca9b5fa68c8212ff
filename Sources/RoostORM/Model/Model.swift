public import RoostDatabase

/// A type whose values are rows of a table. Declare models with the ``Model(table:verboseName:verboseNamePlural:database:)``
/// macro rather than conforming by hand: it writes every requirement from the struct's
/// stored properties.
///
/// ```swift
/// @Model struct Tag {
///     var id: Int64?
///     @Field(maxLength: 50, unique: true) var name: String
/// }
/// let tags = try await Tag.objects.orderBy(\.name).all(on: db)
/// ```
public protocol Model: Sendable {
    /// The primary key's type (`Int64` for database-assigned keys).
    associatedtype ID: ModelFieldValue & Hashable & Sendable
    /// Typed column proxies used by `filter`, `exclude` and `orderBy` closures.
    associatedtype Columns: ModelColumns

    /// Everything about the model's table, as values: fields, columns, relations, options.
    static var schema: ModelSchema { get }

    /// Decodes a model from `row`, reading its columns in schema order from `offset`. The row
    /// is borrowed: a driver hands each row on without a copy.
    init(row: borrowing Row, startingAt offset: Int) throws

    /// The values of the model's columns, in schema order.
    func databaseValues() -> [DatabaseValue]

    /// Appends the values of the model's columns, in schema order, to `values`: how
    /// `bulkCreate` gathers thousands of models' values without an array per model.
    func appendDatabaseValues(to values: inout [DatabaseValue])

    /// The field name a key path refers to, for `orderBy(\.title)` and friends.
    static func fieldName(for keyPath: PartialKeyPath<Self>) -> String?

    /// The primary key as a database value (`.null` before the first save of an
    /// auto-incremented model).
    var primaryKeyValue: DatabaseValue { get }

    /// Stores a primary key the database assigned.
    mutating func assignPrimaryKey(_ value: DatabaseValue) throws

    /// Composite indexes, declared with key paths. None by default.
    static var indexes: [ModelIndex<Self>] { get }

    /// Table constraints (check, unique together). None by default.
    static var constraints: [ModelConstraint<Self>] { get }

    /// Runs before an insert or update; may change the model. Throwing cancels the save.
    mutating func willSave(on database: any DatabaseExecutor) async throws
    /// Runs after an insert or update.
    func didSave(on database: any DatabaseExecutor) async throws
    /// Runs before a delete; throwing cancels it.
    func willDelete(on database: any DatabaseExecutor) async throws
    /// Runs after a delete.
    func didDelete(on database: any DatabaseExecutor) async throws
}

extension Model {
    /// Appends ``databaseValues()``; the `@Model` macro writes a version that appends each
    /// value directly.
    public func appendDatabaseValues(to values: inout [DatabaseValue]) {
        values.append(contentsOf: databaseValues())
    }

    public static var indexes: [ModelIndex<Self>] { [] }
    public static var constraints: [ModelConstraint<Self>] { [] }

    /// All rows of the model's table, as a lazy, chainable query: Django's `Model.objects`.
    public static var objects: QuerySet<Self> { QuerySet() }

    /// Whether the model has been saved (its primary key is set).
    public var isSaved: Bool { !primaryKeyValue.isNull }
}

/// The typed column proxies of a model; `@Model` generates a conforming `Columns` struct.
public protocol ModelColumns: Sendable {
    /// The relations followed from the queried model to reach this one.
    var path: RelationPath { get }
    /// Creates the proxies at the end of a relation path.
    init(path: RelationPath)
}
