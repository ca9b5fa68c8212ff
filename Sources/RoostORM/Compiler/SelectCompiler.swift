import RoostDatabase

/// Compiles a ``Query`` into `SELECT` statements.
///
/// Columns are selected in schema order (root model first, then each `selectRelated`
/// model) so rows decode by position, without name lookups.
struct SelectCompiler {
    let query: Query
    let dialect: any SQLDialect

    /// The models a row holds, in column order, with their offsets.
    struct Layout {
        var relatedOffsets: [(path: RelationPath, offset: Int, schema: ModelSchema)] = []
    }

    /// `SELECT` of full rows.
    func select() throws(QueryError) -> (sql: SQL, layout: Layout) {
        var expressions = ExpressionCompiler(dialect: dialect, plan: JoinPlan(root: query.schema))
        var sql: SQL = query.distinct ? "SELECT DISTINCT " : "SELECT "
        var layout = Layout()
        let tail = try clauses(&expressions)
        if query.selectRelated.isEmpty && expressions.plan.joins.isEmpty && !expressions.hasCorrelatedSubquery {
            // One table: no alias and bare column names, which SQLite parses measurably
            // faster (a 20-row page spent a tenth of its time preparing the statement).
            for (index, field) in query.schema.fields.enumerated() {
                if index > 0 { sql.append(.text(", ")) }
                sql.append(.identifier([field.column]))
            }
            sql.append(" FROM \(identifier: query.schema.table)")
            sql.append(WriteCompiler.unqualified(tail, alias: JoinPlan.rootAlias))
            return (sql, layout)
        }
        for fragment in query.schema.selectList { sql.append(fragment) }
        var offset = query.schema.fields.count
        for path in query.selectRelated {
            let alias = try expressions.plan.alias(for: path)
            guard let schema = expressions.plan.schema(at: path) else { continue }
            layout.relatedOffsets.append((path, offset, schema))
            for field in schema.fields {
                sql.append(.text(", "))
                sql.append(.identifier([alias, field.column]))
            }
            offset += schema.fields.count
        }
        sql.append(" FROM \(expressions.plan.fromClause)")
        sql.append(tail)
        return (sql, layout)
    }

    /// `SELECT` of chosen expressions (for `values`, aggregates over a filtered set).
    func select(_ selected: [SQLExpression], applyingSlice: Bool = true) throws(QueryError) -> SQL {
        var expressions = ExpressionCompiler(dialect: dialect, plan: JoinPlan(root: query.schema))
        var columns: [SQL] = []
        for expression in selected { columns.append(try expressions.compile(expression)) }
        let tail = try clauses(&expressions, applyingSlice: applyingSlice)
        var sql: SQL = query.distinct ? "SELECT DISTINCT " : "SELECT "
        sql.append(columns.joined(separator: ", "))
        sql.append(" FROM \(expressions.plan.fromClause)")
        sql.append(tail)
        return sql
    }

    /// `SELECT COUNT(*)`, wrapping the query when it is sliced or distinct.
    func count() throws(QueryError) -> SQL {
        if query.limit != nil || query.offset != nil || query.distinct {
            let inner = try select([.column(.root, query.schema.primaryKey.column)])
            return "SELECT COUNT(*) FROM (\(inner)) AS \(identifier: "counted")"
        }
        return try select([.aggregate(.count, nil, distinct: false)], applyingSlice: false)
    }

    /// `SELECT 1 … LIMIT 1`.
    func exists() throws(QueryError) -> SQL {
        var limited = query
        limited.ordering = []
        limited.slice(start: 0, end: 1)
        return try SelectCompiler(query: limited, dialect: dialect).select([.value(.int(1))])
    }

    /// The primary keys of the matching rows, for updates and deletes across joins.
    func primaryKeys() throws(QueryError) -> SQL {
        try select([.column(.root, query.schema.primaryKey.column)])
    }

    /// `WHERE`, `ORDER BY`, `LIMIT`/`OFFSET`.
    private func clauses(_ expressions: inout ExpressionCompiler, applyingSlice: Bool = true) throws(QueryError) -> SQL {
        var sql = SQL()
        if let predicate = query.predicate {
            sql.append(" WHERE \(try expressions.compile(predicate))")
        }
        if !query.ordering.isEmpty && applyingSlice {
            var terms: [SQL] = []
            for term in query.ordering {
                guard let expression = term.expression else {
                    terms.append("RANDOM()")
                    continue
                }
                var compiled = try expressions.compile(expression)
                compiled.append(term.descending ? " DESC" : " ASC")
                if let nulls = term.nulls { compiled.append(nulls == .first ? " NULLS FIRST" : " NULLS LAST") }
                terms.append(compiled)
            }
            sql.append(" ORDER BY \(terms.joined(separator: ", "))")
        }
        if applyingSlice, query.limit != nil || query.offset != nil {
            sql.append(dialect.limitOffset(limit: query.limit, offset: query.offset))
        }
        return sql
    }
}
