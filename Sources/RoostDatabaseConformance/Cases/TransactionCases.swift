import RoostDatabase
import Testing

/// Transactions: commit, rollback, savepoints, `onCommit`, and the pinned-connection rules.
enum TransactionCases {
    struct Boom: Error, Equatable {}

    /// Creates `entries (id, label)` and runs `body` with its name.
    private static func withEntries(
        _ harness: ConformanceHarness, _ options: ConformanceHarness.Options = .init(),
        _ body: @escaping (Database, String) async throws -> Void
    ) async throws {
        try await harness.withDatabase(options) { db in
            let schema = ConformanceSchema(db)
            let table = schema.table("entries")
            try await schema.cleaningUp([table], on: db) {
                try await db.execute("CREATE TABLE \(identifier: table) (id \(schema.autoPrimaryKey), label \(schema.text) UNIQUE)")
                try await body(db, table)
            }
        }
    }

    private static func labels(_ db: Database, _ table: String) async throws -> [String] {
        try await db.query("SELECT label FROM \(identifier: table) ORDER BY id").map { try $0.decode(String.self, at: 0) }
    }

    static func commits(_ harness: ConformanceHarness) async throws {
        try await withEntries(harness) { db, table in
            let count = try await db.transaction { tx in
                try await tx.execute("INSERT INTO \(identifier: table) (label) VALUES (\("a"))")
                try await tx.execute("INSERT INTO \(identifier: table) (label) VALUES (\("b"))")
                return try await tx.queryValue("SELECT COUNT(*) FROM \(identifier: table)", as: Int.self)
            }
            #expect(count == 2)
            #expect(try await labels(db, table) == ["a", "b"])
        }
    }

    static func rollsBack(_ harness: ConformanceHarness) async throws {
        try await withEntries(harness) { db, table in
            await #expect(throws: Boom.self) {
                try await db.transaction { tx in
                    try await tx.execute("INSERT INTO \(identifier: table) (label) VALUES (\("a"))")
                    throw Boom()
                }
            }
            let remaining = try await labels(db, table)
            #expect(remaining.isEmpty)
        }
    }

    static func savepoints(_ harness: ConformanceHarness) async throws {
        try await withEntries(harness) { db, table in
            try await db.transaction { tx in
                try await tx.execute("INSERT INTO \(identifier: table) (label) VALUES (\("outer-1"))")
                await #expect(throws: Boom.self) {
                    try await tx.transaction { inner in
                        #expect(inner.depth == 2)
                        try await inner.execute("INSERT INTO \(identifier: table) (label) VALUES (\("inner"))")
                        try await inner.transaction { deepest in
                            try await deepest.execute("INSERT INTO \(identifier: table) (label) VALUES (\("deepest"))")
                        }
                        throw Boom()
                    }
                }
                try await tx.transaction { inner in
                    try await inner.execute("INSERT INTO \(identifier: table) (label) VALUES (\("kept-inner"))")
                }
                try await tx.execute("INSERT INTO \(identifier: table) (label) VALUES (\("outer-2"))")
            }
            #expect(try await labels(db, table) == ["outer-1", "kept-inner", "outer-2"])
        }
    }

    static func onCommit(_ harness: ConformanceHarness) async throws {
        try await withEntries(harness) { db, table in
            let events = LockedList<String>()
            try await db.transaction { tx in
                try await tx.execute("INSERT INTO \(identifier: table) (label) VALUES (\("a"))")
                try tx.onCommit {
                    let visible = try await db.queryValue("SELECT COUNT(*) FROM \(identifier: table)", as: Int.self)
                    events.append("outer committed, rows: \(visible ?? -1)")
                }
                try? await tx.transaction { inner in
                    try inner.onCommit { events.append("rolled-back savepoint") }
                    throw Boom()
                }
                try await tx.transaction { inner in
                    try inner.onCommit { events.append("released savepoint") }
                }
                #expect(events.elements.isEmpty, "nothing runs before the commit")
            }
            #expect(events.elements == ["outer committed, rows: 1", "released savepoint"])

            events.removeAll()
            try? await db.transaction { tx in
                try tx.onCommit { events.append("must not run") }
                throw Boom()
            }
            #expect(events.elements.isEmpty, "a rolled-back transaction drops its callbacks")

            try await db.onCommit { events.append("no transaction: runs now") }
            #expect(events.elements == ["no transaction: runs now"])
        }
    }

    static func integrityErrorRollsBack(_ harness: ConformanceHarness) async throws {
        try await withEntries(harness, .init(maxConnections: 2)) { db, table in
            try await db.execute("INSERT INTO \(identifier: table) (label) VALUES (\("taken"))")
            let error = await #expect(throws: DatabaseError.self) {
                try await db.transaction { tx in
                    try await tx.execute("INSERT INTO \(identifier: table) (label) VALUES (\("new-1"))")
                    try await tx.execute("INSERT INTO \(identifier: table) (label) VALUES (\("taken"))")
                    try await tx.execute("INSERT INTO \(identifier: table) (label) VALUES (\("new-2"))")
                }
            }
            #expect(error?.code == .uniqueViolation)
            #expect(try await labels(db, table) == ["taken"], "nothing half-written remains")
            for _ in 0..<4 {
                try await db.transaction { tx in _ = try await tx.query("SELECT 1") }
            }
            #expect(db.pool.statistics.leased == 0)
        }
    }

    static func cancelledRollsBack(_ harness: ConformanceHarness) async throws {
        try await withEntries(harness, .init(maxConnections: 1, acquireTimeout: .seconds(5))) { db, table in
            let inserted = AsyncStream.makeStream(of: Void.self)
            let request = Task {
                try await db.transaction { tx in
                    try await tx.execute("INSERT INTO \(identifier: table) (label) VALUES (\("cancelled"))")
                    inserted.continuation.yield()
                    try await Task.sleep(for: .seconds(30))
                }
            }
            var iterator = inserted.stream.makeAsyncIterator()
            await iterator.next()
            request.cancel()
            await #expect(throws: CancellationError.self) { try await request.value }
            let remaining = try await labels(db, table)
            #expect(remaining == [], "the cancelled transaction's insert is rolled back")
            #expect(db.pool.statistics.connectionsDiscarded == 0, "the rollback ran, so the connection was kept")
            #expect(db.pool.statistics.leased == 0)
        }
    }

    static func ambientJoin(_ harness: ConformanceHarness) async throws {
        try await withEntries(harness, .init(maxConnections: 1, acquireTimeout: .seconds(2))) { db, table in
            try await db.transaction { tx in
                try await tx.execute("INSERT INTO \(identifier: table) (label) VALUES (\("uncommitted"))")
                // With one connection, these would wait forever if they did not join the transaction.
                #expect(try await db.queryValue("SELECT COUNT(*) FROM \(identifier: table)", as: Int.self) == 1)
                try? await db.transaction { savepoint in
                    #expect(savepoint.depth == 2)
                    try await savepoint.execute("INSERT INTO \(identifier: table) (label) VALUES (\("dropped"))")
                    throw Boom()
                }
                try await db.withConnection { pinned in
                    let count = try await pinned.queryValue("SELECT COUNT(*) FROM \(identifier: table)", as: Int.self)
                    #expect(count == 1)
                }
            }
            #expect(try await labels(db, table) == ["uncommitted"])
        }
    }

    static func misuse(_ harness: ConformanceHarness) async throws {
        try await withEntries(harness) { db, table in
            let escaped = try await db.transaction { tx in tx }
            #expect(!escaped.isActive)
            let closed = await #expect(throws: DatabaseError.self) { _ = try await escaped.query("SELECT 1") }
            #expect(closed?.code == .transactionClosed)

            try await db.execute("INSERT INTO \(identifier: table) (label) VALUES (\("x"))")
            try await db.transaction { tx in
                let nested = await #expect(throws: DatabaseError.self) {
                    try await tx.stream("SELECT label FROM \(identifier: table)") { _ in
                        _ = try await db.query("SELECT 1")
                    }
                }
                #expect(nested?.code == .misuse, "a statement inside the transaction's own stream would wait for itself")
                let count = try await tx.queryValue("SELECT COUNT(*) FROM \(identifier: table)", as: Int.self)
                #expect(count == 1)
            }
        }
    }

    static func concurrentChildren(_ harness: ConformanceHarness) async throws {
        try await withEntries(harness, .init(maxConnections: 2)) { db, table in
            try await db.transaction { tx in
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for index in 0..<20 {
                        group.addTask {
                            try await tx.execute("INSERT INTO \(identifier: table) (label) VALUES (\("child-\(index)"))")
                            _ = try await db.query("SELECT COUNT(*) FROM \(identifier: table)")
                        }
                    }
                    try await group.waitForAll()
                }
            }
            #expect(try await labels(db, table).count == 20)
        }
    }
}
