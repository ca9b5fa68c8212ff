import Foundation
import RoostDatabase
import RoostPostgres
import RoostSQLite
import RoostSecurity
import RoostTesting
import Testing

/// The databases every auth test that touches tables runs on.
enum Backend: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite
    case postgres

    var testDescription: String { rawValue }

    /// Runs `body` with a fresh, empty database: an SQLite file in a temporary folder, or a
    /// new PostgreSQL database on the server of `ROOST_TEST_POSTGRES_URL`. Removed afterwards.
    func withDatabase(_ body: (Database) async throws -> Void) async throws {
        switch self {
        case .sqlite:
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("roost-auth-" + UUID().uuidString)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            try await Self.run(try Database.sqlite("sqlite:///" + folder.appendingPathComponent("auth.sqlite3").path), body)
        case .postgres:
            guard let url = ProcessInfo.processInfo.environment["ROOST_TEST_POSTGRES_URL"] else {
                throw BackendUnavailable(reason: "ROOST_TEST_POSTGRES_URL is not set; run scripts/test.sh, which starts PostgreSQL")
            }
            let name = "roost_auth_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
            let admin = try Database.postgres(url)
            _ = try await admin.execute("CREATE DATABASE \(identifier: name)")
            await admin.shutdown()
            do {
                try await Self.run(try Database.postgres(Self.replacingDatabase(in: url, with: name)), body)
            } catch {
                try? await Self.drop(name, url: url)
                throw error
            }
            try await Self.drop(name, url: url)
        }
    }

    private static func run(_ database: Database, _ body: (Database) async throws -> Void) async throws {
        do {
            try await body(database)
        } catch {
            await database.shutdown()
            throw error
        }
        await database.shutdown()
    }

    private static func drop(_ name: String, url: String) async throws {
        let admin = try Database.postgres(url)
        _ = try await admin.execute("DROP DATABASE IF EXISTS \(identifier: name) WITH (FORCE)")
        await admin.shutdown()
    }

    /// `postgres://u:p@h:5432/base?x=y` with another database name.
    private static func replacingDatabase(in url: String, with name: String) -> String {
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
