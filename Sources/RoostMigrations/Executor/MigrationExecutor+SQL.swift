import RoostDatabase
import RoostORM

extension MigrationExecutor {
    /// The statements a migration runs, as text, without running them (`sqlmigrate`).
    /// Catalog look-ups (PostgreSQL constraint names) still read the database.
    ///
    /// ```swift
    /// for statement in try await executor.sql(for: MigrationKey("blog", "0002_add_post_slug")) {
    ///     print(statement + ";")
    /// }
    /// ```
    /// - Parameters:
    ///   - key: The migration.
    ///   - backwards: The statements that unapply it instead.
    /// - Returns: One string per statement, values written as literals.
    public func sql(for key: MigrationKey, backwards: Bool = false) async throws -> [String] {
        guard let migration = loader.graph.nodes[key] else {
            throw MigrationError(.unknownMigration, "there is no migration \(key)")
        }
        let states = try loader.operationStates(of: key)
        return try await database.withConnection { connection in
            let editor = MigrationSchemaEditor(executor: connection, app: key.app, collectOnly: true)
            do {
                try await migration.runOperations(on: editor, states: states, backwards: backwards) { editor.note($0.summary) }
            } catch let failure as OperationFailure {
                throw failure.error
            }
            return editor.collected.map { SQLText.display($0, dialect: connection.dialect) }
        }
    }
}

/// SQL shown to people: bound values written in place as literals.
enum SQLText {
    static func display(_ sql: SQL, dialect: any SQLDialect) -> String {
        var text = ""
        for fragment in sql.fragments {
            switch fragment {
            case .text(let piece):
                text += piece
            case .identifier(let names):
                text += names.map(dialect.quoteIdentifier).joined(separator: ".")
            case .binding(let value):
                text += literal(value, dialect: dialect)
            }
        }
        return text
    }

    private static func literal(_ value: DatabaseValue, dialect: any SQLDialect) -> String {
        if let text = try? SQLLiteral.render(value, dialect: dialect) { return text }
        switch value {
        case .timestamp(let date): return SQLLiteral.quote(TimestampText.format(date))
        case .bytes(let bytes): return "X'" + bytes.map { byte in
            let hex = String(byte, radix: 16)
            return hex.count == 1 ? "0" + hex : hex
        }.joined() + "'"
        default: return "?"
        }
    }
}
