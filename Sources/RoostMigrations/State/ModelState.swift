import RoostORM

/// One model as the migrations know it at some point of their history: its table, fields,
/// indexes, constraints and automatic join tables. ``ProjectState`` holds one per model.
///
/// ```swift
/// let post = ModelState(app: "blog", name: "Post", table: "blog_post", fields: [
///     FieldSpec("id", .autoIncrement, primaryKey: true),
///     FieldSpec("title", .string(maxLength: 200)),
/// ])
/// post.field(named: "title")?.column   // "title"
/// ```
public struct ModelState: Sendable, Hashable {
    /// The app the model belongs to.
    public var app: String
    /// The model's type name.
    public var name: String
    /// The table name.
    public var table: String
    /// The fields, in column order.
    public var fields: [FieldSpec]
    /// Indexes over several columns (single-column ones are ``FieldSpec/indexed``).
    public var indexes: [IndexSpec]
    /// Table constraints.
    public var constraints: [ConstraintSpec]
    /// Automatic many-to-many join tables.
    public var joinTables: [JoinTableSpec]

    /// Describes a model.
    public init(
        app: String,
        name: String,
        table: String,
        fields: [FieldSpec],
        indexes: [IndexSpec] = [],
        constraints: [ConstraintSpec] = [],
        joinTables: [JoinTableSpec] = []
    ) {
        self.app = app
        self.name = name
        self.table = table
        self.fields = fields
        self.indexes = indexes
        self.constraints = constraints
        self.joinTables = joinTables
    }

    /// The field with this property name.
    public func field(named name: String) -> FieldSpec? {
        fields.first { $0.name == name }
    }

    /// The field with this column name.
    public func field(column: String) -> FieldSpec? {
        fields.first { $0.column == column }
    }

    /// The primary key field (the first field flagged as one).
    public var primaryKey: FieldSpec? {
        fields.first { $0.primaryKey }
    }

    /// The join table of a many-to-many relation.
    public func joinTable(field: String) -> JoinTableSpec? {
        joinTables.first { $0.field == field }
    }

    /// The name of the index that `indexed: true` gives a field's column.
    public func fieldIndexName(_ field: FieldSpec) -> String {
        SchemaDDL.constraintName(table, field.column, "idx")
    }

    /// Renames a column everywhere the model mentions it: its field, indexes and constraints.
    mutating func renameColumn(_ old: String, to new: String) {
        guard old != new else { return }
        for index in indexes.indices {
            indexes[index].columns = indexes[index].columns.map { $0 == old ? new : $0 }
        }
        for index in constraints.indices {
            switch constraints[index].kind {
            case .unique(let columns):
                constraints[index].kind = .unique(columns: columns.map { $0 == old ? new : $0 })
            case .check(let predicate):
                constraints[index].kind = .check(PredicateColumns.rename(predicate, from: old, to: new))
            }
        }
    }

    /// The columns that indexes and constraints of the model mention.
    var columnsInTableObjects: Set<String> {
        var columns = Set(indexes.flatMap(\.columns))
        for constraint in constraints {
            switch constraint.kind {
            case .unique(let names): columns.formUnion(names)
            case .check(let predicate): columns.formUnion(PredicateColumns.columns(in: predicate))
            }
        }
        return columns
    }
}
