import RoostDatabase

/// The tables a query touches: the model's own (`t0`) and one alias per relation path
/// followed, with the join conditions.
struct JoinPlan {
    struct Join {
        let path: RelationPath
        let alias: String
        let schema: ModelSchema
        let parentAlias: String
        let foreignKeyColumn: String
        let outer: Bool
    }

    /// The alias of the model's own table.
    static let rootAlias = "t0"

    let root: ModelSchema
    /// Joins in the order they were needed; queries join few tables, so lookups scan.
    private(set) var joins: [Join] = []

    init(root: ModelSchema) {
        self.root = root
    }

    /// The alias for a path, adding the joins it needs.
    mutating func alias(for path: RelationPath) throws(QueryError) -> String {
        if path.steps.isEmpty { return Self.rootAlias }
        if let join = joins.first(where: { $0.path == path }) { return join.alias }
        let parentPath = RelationPath(steps: Array(path.steps.dropLast()))
        let parentAlias = try alias(for: parentPath)
        let parentJoin = joins.first { $0.path == parentPath }
        let parent = parentJoin?.schema ?? root
        let fieldName = path.steps.last!
        guard let field = parent.field(named: fieldName), let reference = field.reference else {
            throw QueryError("'\(fieldName)' is not a reference of \(parent.name)")
        }
        let target = reference.target()
        let alias = "t\(joins.count + 1)"
        joins.append(Join(
            path: path, alias: alias, schema: target, parentAlias: parentAlias,
            foreignKeyColumn: field.column, outer: field.nullable || (parentJoin?.outer ?? false)
        ))
        return alias
    }

    /// The schema reached by a path (after ``alias(for:)``).
    func schema(at path: RelationPath) -> ModelSchema? {
        path.steps.isEmpty ? root : joins.first { $0.path == path }?.schema
    }

    /// `FROM "post" AS "t0" LEFT JOIN "user" AS "t1" ON …`.
    var fromClause: SQL {
        var sql: SQL = "\(identifier: root.table) AS \(identifier: Self.rootAlias)"
        for join in joins {
            let kind: SQL = join.outer ? " LEFT OUTER JOIN " : " INNER JOIN "
            sql.append(kind)
            sql.append(
                "\(identifier: join.schema.table) AS \(identifier: join.alias) ON \(identifier: join.alias, join.schema.primaryKey.column) = \(identifier: join.parentAlias, join.foreignKeyColumn)"
            )
        }
        return sql
    }
}

/// A query that cannot be built (a relation that does not exist).
public struct QueryError: Error, Sendable, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
