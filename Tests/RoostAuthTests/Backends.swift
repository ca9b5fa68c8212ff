import RoostDatabase
import RoostDatabaseTesting
import Testing

/// The databases every auth test that touches tables runs on.
enum Backend: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite
    case postgres

    var testDescription: String { rawValue }

    /// Runs `body` with a fresh, empty database (see ``TestDatabase``), removed afterwards.
    func withDatabase(_ body: (Database) async throws -> Void) async throws {
        try await TestDatabase(rawValue: rawValue)!.withDatabase(prefix: "roost_auth", body)
    }
}
