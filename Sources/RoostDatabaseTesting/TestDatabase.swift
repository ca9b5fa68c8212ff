import Foundation
public import RoostDatabase
import RoostPostgres
import RoostSQLite
public import Testing

/// A database engine to run a test on, each test getting a fresh, empty database of its own,
/// removed afterwards: Django's test databases, for Swift Testing. Parameterise a test with
/// `TestDatabase.allCases` to run it on SQLite and on PostgreSQL.
///
/// PostgreSQL tests need a server: `ROOST_TEST_POSTGRES_URL` names it and a database the
/// role may connect to (the role must be allowed to create databases). Roost's
/// `scripts/test.sh` starts one and sets the variable.
///
/// ```swift
/// @Test(arguments: TestDatabase.allCases)
/// func savesPosts(_ engine: TestDatabase) async throws {
///     try await engine.withDatabase { db in
///         try await SchemaEditor(database: db).createTables(for: [Post.self])
///         // …
///     }
/// }
/// ```
public enum TestDatabase: String, CaseIterable, Sendable, CustomTestStringConvertible {
    /// SQLite: a file in a new temporary folder (or memory, when asked).
    case sqlite
    /// PostgreSQL: a new database on the server of `ROOST_TEST_POSTGRES_URL`.
    case postgres

    /// The environment variable naming the PostgreSQL server.
    public static let postgresURLVariable = "ROOST_TEST_POSTGRES_URL"

    /// The engine's name, as test reports show it.
    public var testDescription: String { rawValue }

    /// Runs `body` with the URL of a fresh, empty database, so that it can open several
    /// handles on it (two "processes" migrating at once); removes the database afterwards.
    ///
    /// - Parameters:
    ///   - prefix: Starts the temporary folder's or database's name, to tell tests apart.
    ///   - body: The test.
    /// - Throws: ``TestDatabaseUnavailable`` without a PostgreSQL server; what `body` throws.
    public func withDatabaseURL(prefix: String = "roost_test", _ body: (String) async throws -> Void) async throws {
        switch self {
        case .sqlite:
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent(prefix + "-" + UUID().uuidString)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            try await body("sqlite:///" + folder.appendingPathComponent("test.sqlite3").path)
        case .postgres:
            let server = try Self.postgresServerURL()
            let name = prefix.lowercased() + "_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
            try await Self.onServer(server, "CREATE DATABASE \(identifier: name)")
            do {
                try await body(Self.replacingDatabase(in: server, with: name))
            } catch {
                await Self.drop(name, on: server)
                throw error
            }
            await Self.drop(name, on: server)
        }
    }

    /// Runs `body` with an open handle on a fresh, empty database and shuts it down
    /// afterwards, whatever happens.
    ///
    /// - Parameters:
    ///   - prefix: Starts the temporary folder's or database's name.
    ///   - inMemory: On SQLite, an in-memory database instead of a file (faster; one
    ///     connection). Ignored on PostgreSQL.
    ///   - body: The test.
    /// - Throws: ``TestDatabaseUnavailable`` without a PostgreSQL server; what `body` throws.
    public func withDatabase(
        prefix: String = "roost_test", inMemory: Bool = false, _ body: (Database) async throws -> Void
    ) async throws {
        if self == .sqlite && inMemory {
            try await Database.sqlite("sqlite::memory:").shuttingDown(after: body)
            return
        }
        try await withDatabaseURL(prefix: prefix) { url in try await open(url).shuttingDown(after: body) }
    }

    /// A new handle on the database at `url`, for this engine.
    /// - Throws: ``RoostDatabase/DatabaseConfigurationError`` for a bad URL.
    public func open(_ url: String) throws -> Database {
        switch self {
        case .sqlite: try Database.sqlite(url)
        case .postgres: try Database.postgres(url)
        }
    }

    private static func postgresServerURL() throws(TestDatabaseUnavailable) -> String {
        guard let url = ProcessInfo.processInfo.environment[postgresURLVariable], !url.isEmpty else {
            throw TestDatabaseUnavailable(
                reason: "\(postgresURLVariable) is not set; run scripts/test.sh, which starts PostgreSQL")
        }
        return url
    }

    /// Drops a test database, best effort: an autovacuum worker that just started on it
    /// belongs to the superuser, so `WITH (FORCE)` may be refused for a moment; a database
    /// still left after a few tries is harmless and not worth failing the test for.
    private static func drop(_ name: String, on server: String) async {
        for attempt in 0..<5 {
            do {
                try await onServer(server, "DROP DATABASE IF EXISTS \(identifier: name) WITH (FORCE)")
                return
            } catch {
                try? await Task.sleep(for: .milliseconds(100 * (attempt + 1)))
            }
        }
    }

    private static func onServer(_ server: String, _ statement: SQL) async throws {
        try await Database.postgres(server).shuttingDown { admin in _ = try await admin.execute(statement) }
    }

    /// `postgres://u:p@h:5432/base?x=y` with another database name.
    static func replacingDatabase(in url: String, with name: String) -> String {
        let parts = url.split(separator: "?", maxSplits: 1)
        var base = String(parts[0])
        if let slash = base.lastIndex(of: "/") { base = String(base[..<slash]) }
        return base + "/" + name + (parts.count > 1 ? "?" + parts[1] : "")
    }
}

/// Thrown when a test asks for PostgreSQL and no server is configured.
public struct TestDatabaseUnavailable: Error, CustomStringConvertible {
    /// What is missing and how to provide it.
    public let reason: String
    /// The reason.
    public var description: String { reason }
}
