import Foundation
import RoostDatabase
import RoostPostgres
import RoostSQLite
import Testing

/// The databases every schema test runs on.
enum Backend: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite
    case postgres

    var testDescription: String { rawValue }

    /// A fresh, empty database for one test: an SQLite file in a temporary folder, or a new
    /// PostgreSQL database. `body` gets a URL and can open as many handles on it as it
    /// likes (two "processes" migrating at once); everything is removed afterwards.
    func withDatabaseURL(_ body: (String) async throws -> Void) async throws {
        switch self {
        case .sqlite:
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("roost-migrations-" + UUID().uuidString)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            try await body("sqlite:///" + folder.appendingPathComponent("test.sqlite3").path)
        case .postgres:
            guard let url = ProcessInfo.processInfo.environment["ROOST_TEST_POSTGRES_URL"] else {
                throw BackendUnavailable(reason: "ROOST_TEST_POSTGRES_URL is not set; run scripts/test.sh, which starts PostgreSQL")
            }
            let name = "roost_mig_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
            let admin = try Database.postgres(url)
            _ = try await admin.execute("CREATE DATABASE \(identifier: name)")
            await admin.shutdown()
            do {
                try await body(Self.replacingDatabase(in: url, with: name))
            } catch {
                try? await Self.drop(name, url: url)
                throw error
            }
            try await Self.drop(name, url: url)
        }
    }

    /// Runs `body` with one open handle on a fresh database.
    func withDatabase(_ body: (Database) async throws -> Void) async throws {
        try await withDatabaseURL { url in
            let database = try open(url)
            do {
                try await body(database)
            } catch {
                await database.shutdown()
                throw error
            }
            await database.shutdown()
        }
    }

    /// A new handle on the database at `url`.
    func open(_ url: String) throws -> Database {
        switch self {
        case .sqlite: try Database.sqlite(url)
        case .postgres: try Database.postgres(url)
        }
    }

    private static func drop(_ name: String, url: String) async throws {
        let admin = try Database.postgres(url)
        _ = try await admin.execute("DROP DATABASE IF EXISTS \(identifier: name) WITH (FORCE)")
        await admin.shutdown()
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
