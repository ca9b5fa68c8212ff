import InMemoryLogging
import Logging
import RoostDatabase
import Testing

@Suite struct ConnectionPoolTests {
    let logger = Logger.quiet

    func makeDatabase(
        _ driver: FakeDriver, max: Int = 3, timeout: Duration = .seconds(5), healthCheck: Duration = .seconds(30)
    ) -> Database {
        Database(driver: driver, pool: .init(maxConnections: max, acquireTimeout: timeout, healthCheckInterval: healthCheck), logger: .quiet)
    }

    @Test func neverOpensMoreThanTheLimitUnderLoad() async throws {
        let driver = FakeDriver()
        driver.delayStatements(.milliseconds(2))
        // A generous acquire time-out: this test is about the limit, and on a loaded machine
        // 300 queued queries can take seconds.
        let db = makeDatabase(driver, max: 4, timeout: .seconds(120))
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<300 {
                group.addTask { _ = try await db.query("SELECT \(index)") }
            }
            try await group.waitForAll()
        }
        let stats = db.pool.statistics
        #expect(stats.peakOpen == 4)
        #expect(stats.connectionsOpened == 4)
        #expect(stats.leased == 0 && stats.waiting == 0 && stats.idle == 4)
        #expect(driver.log.statements.count == 300)
        await db.shutdown()
    }

    @Test func waitersTimeOutWithATypedError() async throws {
        let driver = FakeDriver()
        let db = makeDatabase(driver, max: 1, timeout: .milliseconds(100))
        try await db.withConnection { _ in
            let error = await Task.detached { () -> DatabaseError? in
                do { _ = try await db.query("SELECT 1"); return nil } catch { return error as? DatabaseError }
            }.value
            #expect(error?.code == .acquireTimeout)
            #expect(error?.message.contains("max_connections") == true)
        }
        #expect(db.pool.statistics.waiting == 0)
        _ = try await db.query("SELECT 1")
        await db.shutdown()
    }

    /// One timer serves the whole queue: a caller queued later is not failed at the first
    /// caller's deadline, a caller served in time is never failed, and after the queue empties
    /// the next queued caller still times out.
    @Test func eachWaiterTimesOutAtItsOwnDeadline() async throws {
        let driver = FakeDriver()
        let db = makeDatabase(driver, max: 1, timeout: .milliseconds(300))
        func waitingQuery() -> Task<ContinuousClock.Duration?, Never> {
            Task.detached {
                let start = ContinuousClock.now
                do { _ = try await db.query("SELECT 1"); return nil } catch {
                    return (error as? DatabaseError)?.code == .acquireTimeout ? start.duration(to: .now) : .zero
                }
            }
        }
        try await db.withConnection { _ in
            let first = waitingQuery()
            try await Task.sleep(for: .milliseconds(150))
            let second = waitingQuery()
            let firstWaited = try #require(await first.value)
            let secondWaited = try #require(await second.value)
            #expect(firstWaited >= .milliseconds(300))
            #expect(secondWaited >= .milliseconds(300))
            #expect(db.pool.statistics.waiting == 0)
            let third = waitingQuery()
            let thirdWaited = try #require(await third.value)
            #expect(thirdWaited >= .milliseconds(300))
        }
        // Served before its deadline: no time-out, whatever the timer does later.
        let served = try await db.withConnection { _ in
            let waiter = waitingQuery()
            while db.pool.statistics.waiting == 0 { try await Task.sleep(for: .milliseconds(1)) }
            return waiter
        }
        #expect(await served.value == nil)
        try await Task.sleep(for: .milliseconds(400))
        _ = try await db.query("SELECT 1")
        await db.shutdown()
    }

    @Test func cancelledWaitersLeaveTheQueue() async throws {
        let driver = FakeDriver()
        let db = makeDatabase(driver, max: 1, timeout: .seconds(30))
        try await db.withConnection { _ in
            let waiter = Task.detached { _ = try await db.query("SELECT 1") }
            while db.pool.statistics.waiting == 0 { try await Task.sleep(for: .milliseconds(1)) }
            waiter.cancel()
            await #expect(throws: CancellationError.self) { try await waiter.value }
            #expect(db.pool.statistics.waiting == 0)
        }
        await db.shutdown()
    }

    @Test func failedConnectsFreeTheirSlotAndThePoolRecovers() async throws {
        let driver = FakeDriver()
        let db = makeDatabase(driver, max: 2)
        driver.failConnects(3)
        for _ in 0..<3 {
            let error = await #expect(throws: DatabaseError.self) { _ = try await db.query("SELECT 1") }
            #expect(error?.code == .connectionFailed)
        }
        #expect(db.pool.statistics.open == 0, "failed attempts hold no slot")
        _ = try await db.query("SELECT 1")
        #expect(db.pool.statistics.open == 1)
        await db.shutdown()
    }

    /// With the database down every request tries to connect: the failures are logged once
    /// per interval, with the count of those not logged, not once each.
    @Test func connectFailuresAreLoggedOncePerInterval() async throws {
        let logs = InMemoryLogHandler()
        let logger = Logger(label: "test") { _ in logs }
        let driver = FakeDriver()
        let db = Database(driver: driver, pool: .init(maxConnections: 2), logger: logger)
        driver.failConnects(50)
        for _ in 0..<50 {
            await #expect(throws: DatabaseError.self) { _ = try await db.query("SELECT 1") }
        }
        let logged = logs.entries.filter { $0.level == .warning }.map(\.metadata)
        #expect(logged.count == 1)
        #expect(logged.first?["failures_not_logged"] == "0")
        await db.shutdown()
    }

    @Test func waitersGetASlotWhenAConnectFails() async throws {
        let driver = FakeDriver()
        let db = makeDatabase(driver, max: 1)
        driver.failConnects(1)
        async let first: Void = { _ = try? await db.query("SELECT 1") }()
        async let second = db.query("SELECT 2")
        _ = await first
        #expect(try await second.count == 1, "a queued caller opens a connection in the freed slot")
        await db.shutdown()
    }

    @Test func lostConnectionsAreDiscardedAndReplaced() async throws {
        let driver = FakeDriver()
        let db = makeDatabase(driver, max: 1)
        _ = try await db.query("SELECT 1")
        driver.fail("SELECT 'boom'", with: DatabaseError(.connectionLost, "fake: server went away"))
        let error = await #expect(throws: DatabaseError.self) { _ = try await db.query("SELECT 'boom'") }
        #expect(error?.code == .connectionLost)
        _ = try await db.query("SELECT 2")
        #expect(driver.opened.count == 2)
        #expect(driver.opened[0].isClosed)
        #expect(db.pool.statistics.connectionsDiscarded == 1)
        await db.shutdown()
    }

    @Test func idleConnectionsAreCheckedAndBrokenOnesReplaced() async throws {
        let driver = FakeDriver()
        let db = makeDatabase(driver, max: 1, healthCheck: .zero)
        _ = try await db.query("SELECT 1")
        let first = try #require(driver.opened.first)
        first.breakSilently()
        try await Task.sleep(for: .milliseconds(2))
        _ = try await db.query("SELECT 2")
        #expect(first.healthCheckCount == 1)
        #expect(first.isClosed)
        #expect(driver.opened.count == 2)
        #expect(driver.log.statements == ["SELECT 1", "SELECT 2"])
        await db.shutdown()
    }

    @Test func recentlyUsedConnectionsSkipTheHealthCheck() async throws {
        let driver = FakeDriver()
        let db = makeDatabase(driver, max: 1, healthCheck: .seconds(60))
        for _ in 0..<5 { _ = try await db.query("SELECT 1") }
        #expect(driver.opened.first?.healthCheckCount == 0)
        await db.shutdown()
    }

    @Test func statementErrorsDoNotCostAHealthCheck() async throws {
        let driver = FakeDriver()
        let db = makeDatabase(driver, max: 1)
        driver.fail("INSERT dup", with: DatabaseError(.uniqueViolation, "dup"))
        _ = try? await db.execute("INSERT dup")
        driver.fail("SELECT odd", with: DatabaseError(.other, "odd"))
        _ = try? await db.query("SELECT odd")
        _ = try await db.query("SELECT 1")
        #expect(driver.opened.first?.healthCheckCount == 1, "only the unexplained error made the connection suspect")
        await db.shutdown()
    }

    @Test func shutdownFailsWaitersAndClosesEverything() async throws {
        let driver = FakeDriver()
        let db = makeDatabase(driver, max: 1, timeout: .seconds(30))
        let shutdownDone = LockedStrings()
        let shutdown = try await db.withConnection { _ in
            let waiter = Task.detached { try await db.query("SELECT 1") }
            while db.pool.statistics.waiting == 0 { try await Task.sleep(for: .milliseconds(1)) }
            let shutdown = Task.detached {
                await db.shutdown()
                shutdownDone.append("done")
            }
            let error = await #expect(throws: DatabaseError.self) { _ = try await waiter.value }
            #expect(error?.code == .poolShutDown)
            try await Task.sleep(for: .milliseconds(20))
            let finishedEarly = shutdownDone.all
            #expect(finishedEarly.isEmpty, "shutdown waits for the leased connection")
            return shutdown
        }
        await shutdown.value
        let allClosed = driver.opened.allSatisfy { $0.isClosed }
        #expect(allClosed)
        let late = await #expect(throws: DatabaseError.self) { _ = try await db.query("SELECT 1") }
        #expect(late?.code == .poolShutDown)
    }

    @Test func driverLimitCapsThePool() async throws {
        let driver = FakeDriver(connectionLimit: 1)
        let db = makeDatabase(driver, max: 10)
        #expect(db.pool.configuration.maxConnections == 1)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<20 { group.addTask { _ = try await db.query("SELECT 1") } }
            try await group.waitForAll()
        }
        #expect(db.pool.statistics.peakOpen == 1)
        await db.shutdown()
    }

    @Test func poolWorksDirectlyWithoutADatabase() async throws {
        let driver = FakeDriver()
        let pool = ConnectionPool(driver: driver, configuration: .init(maxConnections: 2), logger: .quiet)
        let rows = try await pool.withConnection { connection in
            try await connection.query(SQL("SELECT \(1)").render(for: connection.dialect), logger: logger)
        }
        #expect(rows.count == 1)
        await pool.shutdown()
    }
}
