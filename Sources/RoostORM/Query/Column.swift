import RoostDatabase

/// Something with a SQL form and a Swift value type: a column or a computed expression.
/// Lookups and operators are defined once for all of them.
public protocol TypedExpression<Value>: Sendable {
    /// The Swift type of the expression's values.
    associatedtype Value: ModelFieldValue
    /// The expression tree.
    var sqlExpression: SQLExpression { get }
}

/// A column of a model, as seen from a query. `@Model` generates one per field in the
/// model's `Columns` struct; you get them as `$0.title` in `filter` and `orderBy` closures.
public struct Column<Value: ModelFieldValue>: TypedExpression {
    /// The relations followed to reach the column.
    public let path: RelationPath
    /// The model field name.
    public let field: String
    /// The column name.
    public let column: String

    /// Creates a column proxy; generated code calls this.
    public init(path: RelationPath, field: String, column: String) {
        self.path = path
        self.field = field
        self.column = column
    }

    public var sqlExpression: SQLExpression { .column(path, column) }
}

/// A computed expression (arithmetic, a function, a date part) with a typed value.
public struct ValueExpression<Value: ModelFieldValue>: TypedExpression {
    public let sqlExpression: SQLExpression

    /// Wraps an expression tree.
    public init(_ expression: SQLExpression) {
        self.sqlExpression = expression
    }
}

/// A reference column (`author_id`). Compare it with a model or an ID, or follow it into
/// the referenced model's columns (which joins its table):
///
/// ```swift
/// Post.objects.filter { $0.author == ada }            // author_id = ada.id
/// Post.objects.filter { $0.author.name == "Ada" }     // JOIN user … WHERE user.name = 'Ada'
/// ```
@dynamicMemberLookup
public struct ReferenceColumn<Target: Model>: Sendable {
    /// The relations followed to reach this reference.
    public let path: RelationPath
    /// The reference's field name.
    public let field: String
    /// The foreign-key column.
    public let column: String
    /// Whether the reference is optional.
    public let nullable: Bool

    /// Creates a reference proxy; generated code calls this.
    public init(path: RelationPath, field: String, column: String, nullable: Bool) {
        self.path = path
        self.field = field
        self.column = column
        self.nullable = nullable
    }

    /// The foreign-key column itself (no join).
    public var id: Column<Target.ID> { Column(path: path, field: field, column: column) }

    /// A column of the referenced model, reached through a join.
    public subscript<T>(dynamicMember keyPath: KeyPath<Target.Columns, T>) -> T {
        Target.Columns(path: path.appending(field))[keyPath: keyPath]
    }

    /// Rows referencing `target`.
    public static func == (lhs: ReferenceColumn, rhs: Target) -> Predicate {
        .comparison(.column(lhs.path, lhs.column), .equal, .value(rhs.primaryKeyValue))
    }

    /// Rows referencing the model with this primary key.
    public static func == (lhs: ReferenceColumn, rhs: Target.ID) -> Predicate {
        .comparison(.column(lhs.path, lhs.column), .equal, .value(rhs.databaseValue))
    }

    /// Rows not referencing `target` (rows with no reference included).
    public static func != (lhs: ReferenceColumn, rhs: Target) -> Predicate {
        let different = Predicate.comparison(.column(lhs.path, lhs.column), .notEqual, .value(rhs.primaryKeyValue))
        return lhs.nullable ? different || .isNull(.column(lhs.path, lhs.column)) : different
    }

    /// Rows referencing any of these models.
    public func isIn(_ targets: some Sequence<Target>) -> Predicate {
        .inList(.column(path, column), targets.map { $0.primaryKeyValue })
    }

    /// Rows without a reference.
    public var isNull: Predicate { .isNull(.column(path, column)) }

    /// Rows with a reference.
    public var isNotNull: Predicate { .isNotNull(.column(path, column)) }
}
