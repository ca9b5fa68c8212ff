import RoostDatabase
import Testing

/// The pool under load, time-outs and lost connections.
enum PoolCases {
    static func concurrency(_ harness: ConformanceHarness) async throws {
        try await harness.withDatabase(.init(maxConnections: 5, acquireTimeout: .seconds(60))) { db in
            let schema = ConformanceSchema(db)
            let table = schema.table("hits")
            try await schema.cleaningUp([table], on: db) {
                try await db.execute("CREATE TABLE \(identifier: table) (id \(schema.autoPrimaryKey), worker \(schema.bigint))")
                let failures = LockedList<String>()
                await withTaskGroup(of: Void.self) { group in
                    for worker in 0..<200 {
                        group.addTask {
                            do {
                                if worker.isMultiple(of: 2) {
                                    try await db.transaction { tx in
                                        try await tx.execute("INSERT INTO \(identifier: table) (worker) VALUES (\(worker))")
                                        _ = try await tx.query("SELECT COUNT(*) FROM \(identifier: table)")
                                    }
                                } else {
                                    try await db.execute("INSERT INTO \(identifier: table) (worker) VALUES (\(worker))")
                                    _ = try await db.query("SELECT worker FROM \(identifier: table) WHERE worker = \(worker)")
                                }
                            } catch {
                                failures.append("\(worker): \(error)")
                            }
                        }
                    }
                }
                #expect(failures.elements.isEmpty)
                #expect(try await db.queryValue("SELECT COUNT(DISTINCT worker) FROM \(identifier: table)", as: Int.self) == 200)
                let statistics = db.pool.statistics
                #expect(statistics.peakOpen <= 5, "never more than max_connections: \(statistics)")
                #expect(statistics.leased == 0 && statistics.waiting == 0)
            }
        }
    }

    static func acquireTimeout(_ harness: ConformanceHarness) async throws {
        try await harness.withDatabase(.init(maxConnections: 1, acquireTimeout: .milliseconds(300))) { db in
            let clock = ContinuousClock()
            try await db.withConnection { pinned in
                _ = try await pinned.query("SELECT 1")
                // A detached task does not inherit the pinned scope, so it must wait for the pool.
                let outcome = await Task.detached {
                    let start = clock.now
                    do {
                        _ = try await db.query("SELECT 1")
                        return (nil as DatabaseError?, start.duration(to: clock.now))
                    } catch {
                        return (error as? DatabaseError, start.duration(to: clock.now))
                    }
                }.value
                #expect(outcome.0?.code == .acquireTimeout, "got \(String(describing: outcome.0))")
                #expect(outcome.1 >= .milliseconds(250) && outcome.1 < .seconds(5))
            }
            #expect(try await db.queryValue("SELECT \(3) AS n", as: Int.self) == 3, "the pool serves again once released")
        }
    }

    static func connectionLoss(_ harness: ConformanceHarness) async throws {
        try await harness.withDatabase(.init(maxConnections: 2)) { db in
            _ = try await db.query("SELECT 1")
            let error = try await db.withConnection { victim in
                try await harness.breakConnection(victim, db)
            }
            let databaseError = error as? DatabaseError
            #expect(databaseError?.code == .connectionLost, "got \(error)")
            #expect(databaseError.map { String(describing: $0) }?.isEmpty == false)
            for _ in 0..<5 {
                #expect(try await db.queryValue("SELECT \(1) AS one", as: Int.self) == 1)
            }
            try await db.transaction { tx in _ = try await tx.query("SELECT 1") }
            let statistics = db.pool.statistics
            #expect(statistics.connectionsDiscarded >= 1, "the broken connection was discarded: \(statistics)")
            #expect(statistics.open <= 2)
        }
    }
}
