public import RoostDatabase

/// An aggregate over a QuerySet's rows: `Count`, `Sum`, `Avg`, `Min`, `Max`.
///
/// ```swift
/// let stats = try await Post.objects.filter { $0.published == true }
///     .aggregate({ [.count(), .sum($0.views), .average($0.views)] }, on: db)
/// let total: Int = try stats.decode(Int.self, at: 1)
/// ```
public struct Aggregate: Sendable {
    let expression: SQLExpression

    /// The number of rows.
    public static func count() -> Aggregate { Aggregate(expression: .aggregate(.count, nil, distinct: false)) }
    /// The number of non-NULL (optionally distinct) values.
    public static func count(_ column: some TypedExpression, distinct: Bool = false) -> Aggregate {
        Aggregate(expression: .aggregate(.count, column.sqlExpression, distinct: distinct))
    }
    /// The sum of the values.
    public static func sum(_ column: some TypedExpression) -> Aggregate {
        Aggregate(expression: .aggregate(.sum, column.sqlExpression, distinct: false))
    }
    /// The average of the values.
    public static func average(_ column: some TypedExpression) -> Aggregate {
        Aggregate(expression: .aggregate(.average, column.sqlExpression, distinct: false))
    }
    /// The smallest value.
    public static func minimum(_ column: some TypedExpression) -> Aggregate {
        Aggregate(expression: .aggregate(.minimum, column.sqlExpression, distinct: false))
    }
    /// The largest value.
    public static func maximum(_ column: some TypedExpression) -> Aggregate {
        Aggregate(expression: .aggregate(.maximum, column.sqlExpression, distinct: false))
    }
}

extension QuerySet {
    /// Computes aggregates over the matching rows in one query; returns one row with a value
    /// per aggregate, in order.
    public func aggregate(_ aggregates: (M.Columns) -> [Aggregate], on database: any DatabaseExecutor) async throws -> Row {
        var unordered = query
        unordered.ordering = []
        let sql = try SelectCompiler(query: unordered, dialect: database.dialect)
            .select(aggregates(Self.columns).map(\.expression), applyingSlice: false)
        guard let row = try await database.query(sql).first else { throw QueryError("aggregate returned no row") }
        return row
    }

    /// Groups the matching rows by columns and computes aggregates per group: Django's
    /// `values(…).annotate(…)`. Each row holds the group columns, then the aggregates.
    ///
    /// ```swift
    /// let perAuthor = try await Post.objects.groupBy({ [$0.author.name] }, { [.count()] }, on: db)
    /// ```
    public func groupBy(
        _ columns: (M.Columns) -> [any TypedExpression],
        _ aggregates: (M.Columns) -> [Aggregate],
        on database: any DatabaseExecutor
    ) async throws -> [Row] {
        let groups = columns(Self.columns).map(\.sqlExpression)
        let selected = groups + aggregates(Self.columns).map(\.expression)
        var unordered = query
        unordered.ordering = []
        var expressions = ExpressionCompiler(dialect: database.dialect, plan: JoinPlan(root: M.schema))
        var groupSQL: [SQL] = []
        for group in groups { groupSQL.append(try expressions.compile(group)) }
        var sql = try SelectCompiler(query: unordered, dialect: database.dialect).select(selected, applyingSlice: false)
        sql.append(" GROUP BY \(groupSQL.joined(separator: ", ")) ORDER BY \(groupSQL.joined(separator: ", "))")
        return try await database.query(sql)
    }
}

extension QuerySet {
    /// Each model with the number of `Child` rows referencing it, in one query: Django's
    /// `annotate(Count("articles"))`.
    ///
    /// ```swift
    /// for (author, count) in try await Author.objects.orderBy(\.name).annotate(count: \Article.author, on: db) { … }
    /// ```
    public func annotate<Child: Model>(
        count keyPath: any KeyPath<Child, Reference<M>> & Sendable, on database: any DatabaseExecutor
    ) async throws -> [(model: M, count: Int)] {
        guard let name = Child.fieldName(for: keyPath), let field = Child.schema.field(named: name) else {
            preconditionFailure("annotate: \(keyPath) is not a reference of \(Child.schema.name)")
        }
        let counted = SQLExpression.countReferencing(
            table: Child.schema.table, column: field.column, outer: .column(.root, M.schema.primaryKey.column)
        )
        let columns = M.schema.fields.map { SQLExpression.column(.root, $0.column) } + [counted]
        let sql = try SelectCompiler(query: query, dialect: database.dialect).select(columns)
        let count = M.schema.fields.count
        return try await database.query(sql).map { row in
            (try M(row: row, startingAt: 0), try row.decode(Int.self, at: count))
        }
    }
}
