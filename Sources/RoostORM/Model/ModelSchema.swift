import RoostDatabase

/// Everything about a model's table, as values: its fields in column order, relations,
/// indexes, constraints and options. The migrations autodetector, model forms and the
/// admin all read it; `@Model` builds it at compile time.
public final class ModelSchema: Sendable, CustomStringConvertible {
    /// The model's type name.
    public let name: String
    /// The table name.
    public let table: String
    /// The columns, in the order rows are read and written.
    public let fields: [FieldDescriptor]
    /// The primary key field.
    public let primaryKey: FieldDescriptor
    /// Many-to-many relations (no column on this table).
    public let manyToMany: [ManyToManyDescriptor]
    /// Model options.
    public let options: ModelOptions
    /// Indexes on several columns (single-column ones are on their fields).
    public let indexes: [IndexDescriptor]
    /// Table constraints.
    public let constraints: [ConstraintDescriptor]
    private let positions: [String: Int]
    /// The primary key's position in rows.
    public let primaryKeyPosition: Int
    /// The quoted column list of the model under the alias `t0`, built once for every
    /// `SELECT` of the model.
    let selectList: [SQL.Fragment]
    /// `get(pk:)`'s compiled statement.
    let primaryKeyLookups = PrimaryKeyLookupCache()
    /// Compiled `SELECT`s by query shape.
    let selectStatements = SelectStatementCache()
    /// Many-to-many prefetch statement texts (see ``PrefetchStatementCache``).
    let prefetchStatements = PrefetchStatementCache()

    /// Builds a schema; generated code calls this.
    public convenience init<M: Model>(
        name: String,
        table: String,
        primaryKey: String,
        fields: [FieldDescriptor],
        manyToMany: [ManyToManyDescriptor],
        options: ModelOptions,
        indexes: [ModelIndex<M>],
        constraints: [ModelConstraint<M>]
    ) {
        self.init(
            name: name,
            table: table,
            primaryKey: primaryKey,
            fields: fields,
            manyToMany: manyToMany,
            options: options,
            resolvedIndexes: indexes.map { $0.resolve(table: table, fields: fields) },
            resolvedConstraints: constraints.map { $0.resolve(table: table, fields: fields) }
        )
    }

    /// Builds a schema from values, without a model type: the historical models that
    /// migrations rebuild from their operations.
    package init(
        name: String,
        table: String,
        primaryKey: String,
        fields: [FieldDescriptor],
        manyToMany: [ManyToManyDescriptor],
        options: ModelOptions,
        resolvedIndexes indexes: [IndexDescriptor],
        resolvedConstraints constraints: [ConstraintDescriptor]
    ) {
        self.name = name
        self.table = table
        self.fields = fields
        self.primaryKey = fields.first { $0.name == primaryKey } ?? fields[0]
        self.manyToMany = manyToMany
        self.options = options
        var positions: [String: Int] = [:]
        for (index, field) in fields.enumerated() { positions[field.name] = index }
        self.positions = positions
        self.primaryKeyPosition = positions[primaryKey] ?? 0
        var selectList: [SQL.Fragment] = []
        for (index, field) in fields.enumerated() {
            if index > 0 { selectList.append(.text(", ")) }
            selectList.append(.identifier([JoinPlan.rootAlias, field.column]))
        }
        self.selectList = selectList
        self.indexes = indexes
        self.constraints = constraints
    }

    /// The field with a Swift name.
    public func field(named name: String) -> FieldDescriptor? {
        positions[name].map { fields[$0] }
    }

    /// The position of a field in rows.
    public func position(of name: String) -> Int? {
        positions[name]
    }

    /// The field whose column has this name.
    public func field(column: String) -> FieldDescriptor? {
        fields.first { $0.column == column }
    }

    /// The human name.
    public var verboseName: String { options.verboseName ?? FieldDescriptor.words(name) }

    /// The human plural name.
    public var verboseNamePlural: String { options.verboseNamePlural ?? verboseName + "s" }

    /// The name of the database the model lives in.
    public var database: String { options.database ?? "default" }

    /// Whether the database assigns primary keys.
    public var hasAutoIncrementKey: Bool { primaryKey.type == .autoIncrement }

    public var description: String { "\(name) (\(table)): " + fields.map { "\($0.name) \($0.type)" }.joined(separator: ", ") }
}

/// An index over one or more columns, by name.
public struct IndexDescriptor: Sendable, Hashable {
    /// The index name.
    public let name: String
    /// Its columns, in order.
    public let columns: [String]
    /// Whether it is a unique index.
    public let unique: Bool

    /// An index from its parts (migrations rebuild them from their operations).
    package init(name: String, columns: [String], unique: Bool) {
        self.name = name
        self.columns = columns
        self.unique = unique
    }
}

/// A table constraint: unique over several columns, or a check.
public struct ConstraintDescriptor: Sendable {
    /// What the constraint demands.
    public enum Kind: Sendable {
        /// The columns' values are unique together.
        case unique([String])
        /// Every row satisfies the predicate.
        case check(Predicate)
    }

    /// The constraint name (reported in integrity errors).
    public let name: String
    /// The rule.
    public let kind: Kind

    /// A constraint from its parts (migrations rebuild them from their operations).
    package init(name: String, kind: Kind) {
        self.name = name
        self.kind = kind
    }
}

/// An index declared with key paths.
///
/// ```swift
/// extension Post {
///     static var indexes: [ModelIndex<Post>] { [ModelIndex(\.author, \.publishedAt)] }
/// }
/// ```
public struct ModelIndex<M: Model>: Sendable {
    let keyPaths: [any PartialKeyPath<M> & Sendable]
    let name: String?
    let unique: Bool

    /// An index over these fields, in order.
    public init(_ keyPaths: any PartialKeyPath<M> & Sendable..., name: String? = nil, unique: Bool = false) {
        self.keyPaths = keyPaths
        self.name = name
        self.unique = unique
    }

    func resolve(table: String, fields: [FieldDescriptor]) -> IndexDescriptor {
        let columns = keyPaths.map { keyPath -> String in
            let fieldName = M.fieldName(for: keyPath) ?? "?"
            return fields.first { $0.name == fieldName }?.column ?? fieldName
        }
        return IndexDescriptor(
            name: name ?? "\(table)_\(columns.joined(separator: "_"))_\(unique ? "uniq" : "idx")",
            columns: columns,
            unique: unique
        )
    }
}

/// A constraint declared with key paths or a predicate.
///
/// ```swift
/// extension Post {
///     static var constraints: [ModelConstraint<Post>] {
///         [.unique(\.author, \.slug), .check("post_views_non_negative") { $0.views >= 0 }]
///     }
/// }
/// ```
public struct ModelConstraint<M: Model>: Sendable {
    enum Rule: Sendable {
        case unique([any PartialKeyPath<M> & Sendable])
        case check(Predicate)
    }

    let name: String?
    let rule: Rule

    /// The fields' values must be unique together (Django's `unique_together`).
    public static func unique(_ keyPaths: any PartialKeyPath<M> & Sendable..., name: String? = nil) -> ModelConstraint {
        ModelConstraint(name: name, rule: .unique(keyPaths))
    }

    /// Every row must satisfy the condition (a CHECK constraint).
    public static func check(_ name: String, _ condition: (M.Columns) -> Predicate) -> ModelConstraint {
        ModelConstraint(name: name, rule: .check(condition(M.Columns(path: .root))))
    }

    func resolve(table: String, fields: [FieldDescriptor]) -> ConstraintDescriptor {
        switch rule {
        case .unique(let keyPaths):
            let columns = keyPaths.map { keyPath -> String in
                let fieldName = M.fieldName(for: keyPath) ?? "?"
                return fields.first { $0.name == fieldName }?.column ?? fieldName
            }
            return ConstraintDescriptor(name: name ?? "\(table)_\(columns.joined(separator: "_"))_uniq", kind: .unique(columns))
        case .check(let predicate):
            return ConstraintDescriptor(name: name ?? "\(table)_check", kind: .check(predicate))
        }
    }
}
