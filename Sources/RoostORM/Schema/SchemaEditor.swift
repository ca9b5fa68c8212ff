public import RoostDatabase

/// Writes the DDL for models: tables, foreign keys, join tables, indexes, constraints.
/// Tests use it to create tables straight from models; migrations build on it.
///
/// ```swift
/// try await SchemaEditor(database: db).createTables(for: [User.self, Post.self, Tag.self])
/// ```
public struct SchemaEditor<Executor: DatabaseExecutor>: Sendable {
    let database: Executor

    /// An editor for a database.
    public init(database: Executor) {
        self.database = database
    }

    /// Creates the tables of `models` (referenced tables first), their many-to-many join
    /// tables and their indexes, in one transaction where the database allows DDL in one.
    public func createTables(for models: [any Model.Type]) async throws {
        let statements = try createStatements(for: models.map { $0.schema })
        try await database.transaction { transaction in
            for statement in statements { _ = try await transaction.execute(statement) }
        }
    }

    /// Drops the tables of `models` and their join tables, if they exist.
    public func dropTables(for models: [any Model.Type]) async throws {
        let schemas = ModelOrdering.dependencyOrder(models.map { $0.schema }).reversed()
        for schema in schemas {
            for relation in schema.manyToMany where relation.through == nil {
                _ = try await database.execute("DROP TABLE IF EXISTS \(identifier: relation.table)")
            }
            _ = try await database.execute("DROP TABLE IF EXISTS \(identifier: schema.table)")
        }
    }

    /// The statements that create the schemas' tables, in dependency order.
    public func createStatements(for schemas: [ModelSchema]) throws(QueryError) -> [SQL] {
        let dialect = database.dialect
        var statements: [SQL] = []
        var joinTables: [SQL] = []
        for schema in ModelOrdering.dependencyOrder(schemas) {
            statements.append(try SchemaDDL.createTable(schema, dialect: dialect))
            statements += SchemaDDL.indexStatements(schema)
            for relation in schema.manyToMany where relation.through == nil {
                joinTables += SchemaDDL.joinTable(relation, source: schema, dialect: dialect)
            }
        }
        return statements + joinTables
    }
}

/// The DDL text of tables, columns, constraints, indexes and join tables, per dialect.
/// ``SchemaEditor`` creates tables with it; migrations build their `ALTER`s on it.
package enum SchemaDDL {
    package static func createTable(_ schema: ModelSchema, dialect: any SQLDialect) throws(QueryError) -> SQL {
        var definitions: [SQL] = schema.fields.map { columnDefinition($0, table: schema.table, dialect: dialect) }
        for constraint in schema.constraints {
            definitions.append(try constraintDefinition(constraint, of: schema, dialect: dialect))
        }
        return "CREATE TABLE \(identifier: schema.table) (\(definitions.joined(separator: ", ")))"
    }

    /// `CONSTRAINT name UNIQUE (…)` or `CONSTRAINT name CHECK (…)`, for `CREATE TABLE` and
    /// `ALTER TABLE … ADD`.
    package static func constraintDefinition(
        _ constraint: ConstraintDescriptor, of schema: ModelSchema, dialect: any SQLDialect
    ) throws(QueryError) -> SQL {
        switch constraint.kind {
        case .unique(let columns):
            return "CONSTRAINT \(identifier: constraint.name) UNIQUE (\(identifiers: columns))"
        case .check(let predicate):
            var compiler = ExpressionCompiler(dialect: dialect, plan: JoinPlan(root: schema))
            let condition = try SQLLiteral.inline(
                WriteCompiler.unqualified(try compiler.compile(predicate), alias: "t0"), dialect: dialect
            )
            return "CONSTRAINT \(identifier: constraint.name) CHECK (\(condition))"
        }
    }

    package static func columnDefinition(_ field: FieldDescriptor, table: String, dialect: any SQLDialect) -> SQL {
        var sql: SQL = "\(identifier: field.column) "
        sql.append(.trusted(ColumnTypes.sqlType(field.type, dialect: dialect)))
        if field.type == .autoIncrement {
            sql.append(.trusted(" NOT NULL " + ColumnTypes.autoIncrementClause(dialect: dialect)))
            return sql
        }
        sql.append(field.nullable ? " NULL" : " NOT NULL")
        if field.primaryKey {
            sql.append(" PRIMARY KEY")
        } else if field.unique {
            sql.append(" UNIQUE")
        }
        if let reference = field.reference {
            let target = reference.target()
            let name = constraintName(table, field.column, "fk", target.table, target.primaryKey.column)
            sql.append(
                " CONSTRAINT \(identifier: name) REFERENCES \(identifier: target.table) (\(identifier: target.primaryKey.column)) ON DELETE "
            )
            sql.append(.trusted(ColumnTypes.onDeleteClause(reference.onDelete)))
        }
        return sql
    }

    package static func indexStatements(_ schema: ModelSchema) -> [SQL] {
        var statements: [SQL] = []
        for field in schema.fields where field.indexed && !field.unique && !field.primaryKey {
            let name = Self.constraintName(schema.table, field.column, "idx")
            statements.append("CREATE INDEX \(identifier: name) ON \(identifier: schema.table) (\(identifier: field.column))")
        }
        for index in schema.indexes {
            let kind: SQL = index.unique ? "CREATE UNIQUE INDEX " : "CREATE INDEX "
            statements.append("\(kind)\(identifier: index.name) ON \(identifier: schema.table) (\(identifiers: index.columns))")
        }
        return statements
    }

    package static func joinTable(_ relation: ManyToManyDescriptor, source: ModelSchema, dialect: any SQLDialect) -> [SQL] {
        let target = relation.target()
        let sourceType = ColumnTypes.sqlType(
            source.primaryKey.type == .autoIncrement ? .bigInteger : source.primaryKey.type, dialect: dialect
        )
        let targetType = ColumnTypes.sqlType(
            target.primaryKey.type == .autoIncrement ? .bigInteger : target.primaryKey.type, dialect: dialect
        )
        let idDefinition: SQL = .trusted("\(dialect.quoteIdentifier("id")) \(ColumnTypes.sqlType(.autoIncrement, dialect: dialect)) NOT NULL \(ColumnTypes.autoIncrementClause(dialect: dialect))")
        var sourceColumn: SQL = "\(identifier: relation.sourceColumn) "
        sourceColumn.append(.trusted(sourceType + " NOT NULL"))
        sourceColumn.append(" REFERENCES \(identifier: source.table) (\(identifier: source.primaryKey.column)) ON DELETE CASCADE")
        var targetColumn: SQL = "\(identifier: relation.targetColumn) "
        targetColumn.append(.trusted(targetType + " NOT NULL"))
        targetColumn.append(" REFERENCES \(identifier: target.table) (\(identifier: target.primaryKey.column)) ON DELETE CASCADE")
        let unique = Self.constraintName(relation.table, relation.sourceColumn, relation.targetColumn, "uniq")
        return [
            "CREATE TABLE \(identifier: relation.table) (\(idDefinition), \(sourceColumn), \(targetColumn), CONSTRAINT \(identifier: unique) UNIQUE (\(identifier: relation.sourceColumn), \(identifier: relation.targetColumn)))",
            "CREATE INDEX \(identifier: Self.constraintName(relation.table, relation.targetColumn, "idx")) ON \(identifier: relation.table) (\(identifier: relation.targetColumn))",
        ]
    }

    /// A constraint or index name from its parts, shortened with a stable hash to fit
    /// PostgreSQL's 63-byte identifiers.
    package static func constraintName(_ parts: String...) -> String {
        let name = parts.joined(separator: "_")
        guard name.utf8.count > 60 else { return name }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in name.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return String(name.prefix(50)) + "_" + String(hash % 0xFF_FFFF_FFFF, radix: 16)
    }
}

/// Orders schemas so that referenced tables come before the tables referencing them.
package enum ModelOrdering {
    package static func dependencyOrder(_ schemas: [ModelSchema]) -> [ModelSchema] {
        let byTable = Dictionary(schemas.map { ($0.table, $0) }, uniquingKeysWith: { first, _ in first })
        var ordered: [ModelSchema] = []
        var visited: Set<String> = []
        var visiting: Set<String> = []
        func visit(_ schema: ModelSchema) {
            guard !visited.contains(schema.table), !visiting.contains(schema.table) else { return }
            visiting.insert(schema.table)
            for field in schema.fields {
                guard let target = field.reference?.target(), target.table != schema.table,
                    let known = byTable[target.table]
                else { continue }
                visit(known)
            }
            visiting.remove(schema.table)
            visited.insert(schema.table)
            ordered.append(schema)
        }
        for schema in schemas { visit(schema) }
        return ordered
    }
}
