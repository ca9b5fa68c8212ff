import Foundation
import RoostDatabase
import RoostORM
import RoostPostgres
import RoostSQLite
import Testing

/// The databases every ORM test runs on.
enum Backend: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite
    case postgres

    var testDescription: String { rawValue }

    /// Runs `body` with a fresh database holding the test models' tables, and shuts the
    /// database down afterwards whatever happens. On PostgreSQL every call gets its own
    /// database, so tests may run in parallel.
    func withDatabase(_ body: (Database) async throws -> Void) async throws {
        let (database, cleanup) = try await makeDatabase()
        do {
            try await body(database)
        } catch {
            await database.shutdown()
            try? await cleanup()
            throw error
        }
        await database.shutdown()
        try await cleanup()
    }

    /// A fresh database with the test models' tables, and how to dispose of it.
    private func makeDatabase() async throws -> (Database, @Sendable () async throws -> Void) {
        let database: Database
        var cleanup: @Sendable () async throws -> Void = {}
        switch self {
        case .sqlite:
            database = try Database.sqlite("sqlite::memory:")
        case .postgres:
            guard let url = ProcessInfo.processInfo.environment["ROOST_TEST_POSTGRES_URL"] else {
                throw BackendUnavailable(reason: "ROOST_TEST_POSTGRES_URL is not set; run scripts/test.sh, which starts PostgreSQL")
            }
            let name = "roost_orm_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
            let admin = try Database.postgres(url)
            _ = try await admin.execute("CREATE DATABASE \(identifier: name)")
            await admin.shutdown()
            database = try Database.postgres(Self.replacingDatabase(in: url, with: name))
            cleanup = {
                let admin = try Database.postgres(url)
                _ = try await admin.execute("DROP DATABASE IF EXISTS \(identifier: name) WITH (FORCE)")
                await admin.shutdown()
            }
        }
        let editor = SchemaEditor(database: database)
        try await editor.dropTables(for: allTestModels)
        try await editor.createTables(for: allTestModels)
        return (database, cleanup)
    }

    /// `postgres://u:p@h:5432/base?x=y` with another database name.
    static func replacingDatabase(in url: String, with name: String) -> String {
        let parts = url.split(separator: "?", maxSplits: 1)
        var base = String(parts[0])
        if let slash = base.lastIndex(of: "/") { base = String(base[..<slash]) }
        return base + "/" + name + (parts.count > 1 ? "?" + parts[1] : "")
    }
}

struct BackendUnavailable: Error, CustomStringConvertible {
    let reason: String
    var description: String { reason }
}
