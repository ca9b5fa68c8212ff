import RoostDatabase
import RoostDatabaseTesting
import Testing

/// The databases every schema test runs on.
enum Backend: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite
    case postgres

    var testDescription: String { rawValue }

    private var engine: TestDatabase { TestDatabase(rawValue: rawValue)! }

    /// A fresh, empty database for one test: `body` gets a URL and can open as many handles
    /// on it as it likes (two "processes" migrating at once); removed afterwards.
    func withDatabaseURL(_ body: (String) async throws -> Void) async throws {
        try await engine.withDatabaseURL(prefix: "roost_mig", body)
    }

    /// Runs `body` with one open handle on a fresh database.
    func withDatabase(_ body: (Database) async throws -> Void) async throws {
        try await engine.withDatabase(prefix: "roost_mig", body)
    }

    /// A new handle on the database at `url`.
    func open(_ url: String) throws -> Database {
        try engine.open(url)
    }
}
