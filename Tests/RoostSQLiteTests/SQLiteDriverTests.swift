import Dispatch
import Foundation
import Logging
import RoostDatabase
@testable import RoostSQLite
import Testing

/// SQLite-specific behaviour: connection settings, Django's storage conventions, locking.
@Suite struct SQLiteDriverTests {
    func open(_ url: String) throws -> Database {
        try Database(url: url, backends: [SQLiteBackend()], logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
    }

    func fileURL(_ options: String = "") -> String {
        "sqlite:///" + SQLiteTestFiles.newPath() + options
    }

    @Test func everyConnectionUsesWALForeignKeysAndTheBusyTimeout() async throws {
        let db = try open(fileURL("?busy_timeout=2.5&max_connections=3"))
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<3 {
                group.addTask {
                    try await db.withConnection { connection in
                        #expect(try await connection.queryValue("PRAGMA journal_mode", as: String.self) == "wal")
                        #expect(try await connection.queryValue("PRAGMA foreign_keys", as: Int.self) == 1)
                        #expect(try await connection.queryValue("PRAGMA busy_timeout", as: Int.self) == 2500)
                        try await Task.sleep(for: .milliseconds(20))
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(db.pool.statistics.connectionsOpened == 3)
        await db.shutdown()
    }

    @Test func memoryDatabasesShareOneConnection() async throws {
        let db = try open("sqlite::memory:?max_connections=8")
        #expect(db.pool.configuration.maxConnections == 1)
        try await db.execute("CREATE TABLE t (x INTEGER)")
        try await withThrowingTaskGroup(of: Void.self) { group in
            for value in 0..<50 { group.addTask { try await db.execute("INSERT INTO t (x) VALUES (\(value))") } }
            try await group.waitForAll()
        }
        #expect(try await db.queryValue("SELECT COUNT(*) FROM t", as: Int.self) == 50)
        #expect(try await db.queryValue("PRAGMA foreign_keys", as: Int.self) == 1)
        await db.shutdown()
    }

    @Test func storesValuesTheWayDjangoDoes() async throws {
        let db = try open(fileURL())
        try await db.execute("CREATE TABLE v (b BOOLEAN, ts TEXT, d TEXT, u TEXT, dec TEXT, j TEXT)")
        let uuid = UUID(uuidString: "0E8C6E0A-1F2B-4C3D-8E9F-A0B1C2D3E4F5")!
        try await db.execute("""
            INSERT INTO v VALUES (\(true), \(Date(timeIntervalSince1970: 1_700_000_000.5)), \(CalendarDate("2024-02-29")!),
                                  \(uuid), \(Decimal(string: "12.50")!), \(DatabaseValue.json("{\"a\":1}")))
            """)
        let row = try #require(try await db.queryFirst(
            "SELECT typeof(b), b, ts, d, u, dec, j FROM v"))
        #expect(row[0] == .string("integer"))
        #expect(row[1] == .int(1))
        #expect(row[2] == .string("2023-11-14 22:13:20.500000"))
        #expect(row[3] == .string("2024-02-29"))
        #expect(row[4] == .string("0e8c6e0a1f2b4c3d8e9fa0b1c2d3e4f5"))
        #expect(row[5] == .string("12.5"))
        #expect(row[6] == .string("{\"a\":1}"))
        #expect(try row.decode(Bool.self, at: 1))
        #expect(try row.decode(UUID.self, at: 4) == uuid)
        await db.shutdown()
    }

    @Test func aWriterWaitsForTheBusyTimeoutThenFailsWithLockTimeout() async throws {
        let url = fileURL("?busy_timeout=0.2")
        let first = try open(url)
        let second = try open(url)
        try await first.execute("CREATE TABLE t (x INTEGER)")
        let clock = ContinuousClock()
        try await first.transaction { tx in
            try await tx.execute("INSERT INTO t VALUES (\(1))")
            let start = clock.now
            let error = await Task.detached { () -> DatabaseError? in
                do {
                    try await second.transaction { tx in try await tx.execute("INSERT INTO t VALUES (\(2))") }
                    return nil
                } catch {
                    return error as? DatabaseError
                }
            }.value
            #expect(error?.code == .lockTimeout)
            #expect(start.duration(to: clock.now) >= .milliseconds(150))
        }
        #expect(try await second.queryValue("SELECT COUNT(*) FROM t", as: Int.self) == 1)
        await first.shutdown()
        await second.shutdown()
    }

    @Test func aDatabaseDroppedWithoutShutdownStillClosesItsConnections() async throws {
        do {
            let db = try open(fileURL("?max_connections=2"))
            _ = try await db.query("SELECT 1")
        }
        // The pool's deinit closes the idle connection and stops the thread pool in the
        // background; sqlite-nio and NIO would assert if they were dropped while open.
        try await Task.sleep(for: .milliseconds(200))
    }

    @Test func aMissingDirectoryIsAConnectionFailure() async throws {
        let db = try open("sqlite:////nonexistent-dir-\(UUID().uuidString)/db.sqlite3")
        let error = await #expect(throws: DatabaseError.self) { _ = try await db.query("SELECT 1") }
        #expect(error?.code == .connectionFailed)
        await db.shutdown()
    }

    @Test func serverURLsAreRejectedByTheSQLiteBackend() throws {
        let configuration = DatabaseConfiguration(
            scheme: "sqlite", location: .server(.init(host: "h", port: 1, username: "u", database: "d")))
        #expect(throws: DatabaseConfigurationError.self) {
            _ = try Database(configuration: configuration, backends: [SQLiteBackend()])
        }
    }

    @Test(arguments: [
        ("SELECT 1", false), ("SELECT 1;", false), ("SELECT 1; -- done", false), ("SELECT 1; /* c */ ", false),
        ("SELECT ';' AS a", false), ("SELECT \"a;b\" FROM t", false), ("SELECT [x;y] FROM t", false),
        ("SELECT 1; SELECT 2", true), ("SELECT 'it''s'; DROP TABLE t", true), ("SELECT 1;-- c\nDELETE FROM t", true),
        ("CREATE TRIGGER tr AFTER INSERT ON t BEGIN UPDATE t SET x = 1; END", false),
        ("create temp trigger tr after insert on t begin select 1; select 2; end;", false),
    ])
    func detectsTrailingStatements(sql: String, expected: Bool) {
        #expect(SQLiteStatementCheck.hasTrailingStatement(sql) == expected)
    }

    @Test func theRowChannelHoldsABoundedNumberOfRows() async throws {
        let channel = SQLiteRowChannel(batchSize: 10, maxReadyBatches: 2)
        let columns = RowColumns(["x"])
        let producer = BlockingThread {
            for value in 0..<1_000 { channel.produce(Row(columns: columns, values: [.int(Int64(value))])) }
            channel.finish(nil)
        }
        var received: [Int64] = []
        while let batch = try await channel.next() {
            for row in batch { received.append(try row.decode(Int64.self, at: 0)) }
            try await Task.sleep(for: .microseconds(200))
        }
        await producer.join()
        #expect(received == Array(0..<1_000))
        #expect(channel.highWaterMark <= 30, "at most (2 + 1) batches of 10 are held")
    }

    @Test func aCancelledChannelReleasesItsProducer() async throws {
        let channel = SQLiteRowChannel(batchSize: 4, maxReadyBatches: 1)
        let columns = RowColumns(["x"])
        let producer = BlockingThread {
            for value in 0..<10_000 { channel.produce(Row(columns: columns, values: [.int(Int64(value))])) }
            channel.finish(nil)
        }
        _ = try await channel.next()
        channel.cancel()
        await producer.join()
        #expect(channel.highWaterMark <= 8)
    }
}

/// Runs blocking work on its own thread, as sqlite-nio's thread pool does: blocking a thread
/// of Swift's cooperative pool instead could starve every other test.
final class BlockingThread: Sendable {
    private let done = DispatchSemaphore(value: 0)

    init(_ body: @escaping @Sendable () -> Void) {
        let thread = Thread { [done] in
            body()
            done.signal()
        }
        thread.start()
    }

    func join() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let thread = Thread { [done] in
                done.wait()
                continuation.resume()
            }
            thread.start()
        }
    }
}
