import Logging
import RoostDatabase
import Testing

@Suite struct TransactionTests {
    struct Boom: Error {}

    @Test func commitsOnReturnWithExactStatements() async throws {
        let driver = FakeDriver()
        let db = Database(driver: driver, logger: .quiet)
        let value = try await db.transaction { tx in
            try await tx.execute("INSERT INTO t VALUES (\(1))")
            return 42
        }
        #expect(value == 42)
        #expect(driver.log.statements == ["BEGIN", "INSERT INTO t VALUES (?)", "COMMIT"])
        await db.shutdown()
    }

    @Test func rollsBackOnThrow() async throws {
        let driver = FakeDriver()
        let db = Database(driver: driver, logger: .quiet)
        await #expect(throws: Boom.self) {
            try await db.transaction { tx in
                try await tx.execute("INSERT 1")
                throw Boom()
            }
        }
        #expect(driver.log.statements == ["BEGIN", "INSERT 1", "ROLLBACK"])
        await db.shutdown()
    }

    @Test func nestedTransactionsBecomeSavepoints() async throws {
        let driver = FakeDriver()
        let db = Database(driver: driver, logger: .quiet)
        try await db.transaction { tx in
            try await tx.execute("A")
            try? await tx.transaction { inner in
                try await inner.execute("B")
                throw Boom()
            }
            try await db.transaction { inner in   // joins through the Database too
                #expect(inner.depth == 2)
                try await inner.execute("C")
            }
        }
        #expect(driver.log.statements == [
            "BEGIN", "A",
            #"SAVEPOINT "roost_sp_1""#, "B", #"ROLLBACK TO SAVEPOINT "roost_sp_1""#, #"RELEASE SAVEPOINT "roost_sp_1""#,
            #"SAVEPOINT "roost_sp_2""#, "C", #"RELEASE SAVEPOINT "roost_sp_2""#,
            "COMMIT",
        ])
        await db.shutdown()
    }

    @Test func aFailedCommitRollsBackAndThrows() async throws {
        let driver = FakeDriver()
        driver.fail("COMMIT", with: DatabaseError(.serializationFailure, "could not serialize"))
        let db = Database(driver: driver, logger: .quiet)
        let error = await #expect(throws: DatabaseError.self) {
            try await db.transaction { tx in try await tx.execute("A") }
        }
        #expect(error?.code == .serializationFailure)
        #expect(driver.log.statements == ["BEGIN", "A", "COMMIT", "ROLLBACK"])
        await db.shutdown()
    }

    @Test func aFailedRollbackDiscardsTheConnection() async throws {
        let driver = FakeDriver()
        driver.fail("ROLLBACK", with: DatabaseError(.other, "rollback failed"))
        let db = Database(driver: driver, pool: .init(maxConnections: 1), logger: .quiet)
        await #expect(throws: Boom.self) {
            try await db.transaction { _ in throw Boom() }
        }
        _ = try await db.query("SELECT 1")
        #expect(driver.opened.count == 2, "the connection with an unknown transaction state was replaced")
        await db.shutdown()
    }

    @Test func onCommitRunsAfterReleaseInOrderAndOnlyOnCommit() async throws {
        let driver = FakeDriver()
        let db = Database(driver: driver, pool: .init(maxConnections: 1), logger: .quiet)
        let events = Events()
        try await db.transaction { tx in
            try tx.onCommit { events.add("first") }
            try await db.onCommit { events.add("second") }
            try? await tx.transaction { inner in
                try inner.onCommit { events.add("dropped with its savepoint") }
                throw Boom()
            }
            try tx.onCommit {
                // The connection is back in the pool (max 1), so this does not deadlock.
                _ = try await db.query("SELECT 'after'")
                events.add("third")
            }
            try tx.onCommit { throw Boom() }   // logged, not rethrown
            #expect(events.list.isEmpty)
        }
        #expect(events.list == ["first", "second", "third"])
        #expect(driver.log.statements.last == "SELECT 'after'")
        await db.shutdown()
    }

    @Test func handlesAreInvalidAfterTheirClosure() async throws {
        let db = Database(driver: FakeDriver(), logger: .quiet)
        let tx = try await db.transaction { $0 }
        #expect(!tx.isActive)
        let error = await #expect(throws: DatabaseError.self) { try await tx.execute("A") }
        #expect(error?.code == .transactionClosed)
        let pinned = try await db.withConnection { $0 }
        #expect(!pinned.isActive)
        await db.shutdown()
    }

    @Test func pinnedConnectionsAreSharedByTheTaskAndNeverDeadlock() async throws {
        let driver = FakeDriver()
        let db = Database(driver: driver, pool: .init(maxConnections: 1, acquireTimeout: .milliseconds(500)), logger: .quiet)
        try await db.withConnection { pinned in
            _ = try await db.query("SELECT 1")             // joins the pinned connection
            try await db.transaction { tx in               // BEGIN on the pinned connection
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for index in 0..<10 { group.addTask { _ = try await db.query("SELECT \(index)") } }
                    try await group.waitForAll()
                }
            }
            _ = try await pinned.query("SELECT 2")
        }
        #expect(driver.opened.count == 1)
        #expect(driver.log.statements.first == "SELECT 1")
        #expect(driver.log.statements.filter { $0 == "SELECT ?" }.count == 10)
        await db.shutdown()
    }

    @Test func queryRecorderCapturesStatementsOfTheTask() async throws {
        let db = Database(driver: FakeDriver(), logger: .quiet)
        let recorder = QueryRecorder()
        try await recorder.record {
            _ = try await db.query("SELECT \(1)")
            try await db.transaction { tx in try await tx.execute("UPDATE t SET a = \(2)") }
        }
        _ = try await db.query("SELECT 'not recorded'")
        #expect(recorder.statements == ["SELECT ?", "BEGIN", "UPDATE t SET a = ?", "COMMIT"])
        #expect(recorder.recorded.first?.bindingCount == 1)
        #expect(recorder.recorded.allSatisfy { $0.database == "default" })
        recorder.reset()
        #expect(recorder.count == 0)
        await db.shutdown()
    }

    @Test func streamsRowsAndRejectsStatementsInsideItsOwnStream() async throws {
        let db = Database(driver: FakeDriver(), pool: .init(maxConnections: 1), logger: .quiet)
        var values: [Int] = []
        try await db.stream("SELECT x") { row in values.append(try row.decode(Int.self, at: 0)) }
        #expect(values == [1, 2, 3])
        try await db.transaction { tx in
            let error = await #expect(throws: DatabaseError.self) {
                try await tx.stream("SELECT x") { _ in _ = try await db.query("SELECT 1") }
            }
            #expect(error?.code == .misuse)
        }
        await db.shutdown()
    }
}

/// A thread-safe event list for callbacks.
final class Events: Sendable {
    private let storage = LockedStrings()
    func add(_ event: String) { storage.append(event) }
    var list: [String] { storage.all }
}

import Synchronization

final class LockedStrings: Sendable {
    private let values = Mutex<[String]>([])
    func append(_ value: String) { values.withLock { $0.append(value) } }
    var all: [String] { values.withLock { $0 } }
}
