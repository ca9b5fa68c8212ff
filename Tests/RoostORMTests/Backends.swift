import RoostDatabase
import RoostDatabaseTesting
import RoostORM
import Testing

/// The databases every ORM test runs on.
enum Backend: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite
    case postgres

    var testDescription: String { rawValue }

    /// Runs `body` with a fresh database holding the test models' tables: SQLite in memory,
    /// or a PostgreSQL database of its own, so tests may run in parallel.
    func withDatabase(_ body: (Database) async throws -> Void) async throws {
        try await TestDatabase(rawValue: rawValue)!.withDatabase(prefix: "roost_orm", inMemory: true) { database in
            let editor = SchemaEditor(database: database)
            try await editor.dropTables(for: allTestModels)
            try await editor.createTables(for: allTestModels)
            try await body(database)
        }
    }
}
