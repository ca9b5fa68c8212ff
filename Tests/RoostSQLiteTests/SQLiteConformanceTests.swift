#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import RoostDatabase
import RoostDatabaseConformance
import RoostSQLite
import Testing

/// The shared backend suite on SQLite files (WAL, several connections) and on an in-memory
/// database (one shared connection).
@Suite struct SQLiteConformanceTests {
    @Test(arguments: ConformanceCase.allCases)
    func fileDatabase(_ testCase: ConformanceCase) async throws {
        try await testCase.run(with: .sqliteFile)
    }

    @Test(arguments: ConformanceCase.allCases)
    func memoryDatabase(_ testCase: ConformanceCase) async throws {
        try await testCase.run(with: .sqliteMemory)
    }
}

extension ConformanceHarness {
    /// A fresh database file per case.
    static let sqliteFile = ConformanceHarness(
        makeDatabase: { options in
            var configuration = DatabaseConfiguration(scheme: "sqlite", location: .sqliteFile(path: SQLiteTestFiles.newPath()))
            configuration.pool = .init(maxConnections: options.maxConnections, acquireTimeout: options.acquireTimeout)
            return try Database(configuration: configuration, backends: [SQLiteBackend()])
        },
        breakConnection: closeUnderneath)

    /// A fresh in-memory database per case.
    static let sqliteMemory = ConformanceHarness(
        makeDatabase: { options in
            var configuration = DatabaseConfiguration(scheme: "sqlite", location: .sqliteMemory)
            configuration.pool = .init(maxConnections: options.maxConnections, acquireTimeout: options.acquireTimeout)
            return try Database(configuration: configuration, backends: [SQLiteBackend()])
        },
        breakConnection: closeUnderneath)

    /// SQLite has no server to kill the connection from: close the handle underneath the
    /// pinned connection, then run a statement on it.
    @Sendable static func closeUnderneath(_ victim: PinnedConnection, _ database: Database) async throws -> any Error {
        await victim.connection.close()
        do {
            _ = try await victim.query("SELECT 1")
        } catch {
            return error
        }
        Issue.record("a statement on a closed SQLite connection succeeded")
        return CancellationError()
    }
}

/// Temporary database files, under one folder per test process.
enum SQLiteTestFiles {
    static let folder: String = {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("roost-sqlite-tests-\(UUID().uuidString)").path
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }()

    static func newPath() -> String {
        folder + "/\(UUID().uuidString).db"
    }
}
