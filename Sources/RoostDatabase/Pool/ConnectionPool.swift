public import Logging
import Synchronization

/// A pool of connections to one database, for any ``DatabaseDriver``.
///
/// - At most ``Configuration/maxConnections`` connections are open; callers beyond that wait
///   in FIFO order and fail with ``DatabaseError/Code/acquireTimeout`` after
///   ``Configuration/acquireTimeout``.
/// - A connection that sat idle longer than ``Configuration/healthCheckInterval``, or that
///   saw an error, is checked before it is handed out; a broken one is closed and replaced.
/// - When a connection is found lost, its idle siblings are checked too, and new connections
///   are opened on demand, so the pool recovers by itself when the database comes back.
/// - ``shutdown()`` fails waiting callers, closes idle connections and waits for leased ones.
///
/// There is no global state: each ``Database`` owns its pool.
///
/// ```swift
/// let pool = ConnectionPool(driver: driver, configuration: .init(maxConnections: 5), logger: logger)
/// let rows = try await pool.withConnection { connection in
///     try await connection.query(SQL("SELECT 1").render(for: connection.dialect), logger: logger)
/// }
/// await pool.shutdown()
/// ```
public final class ConnectionPool: Sendable {
    /// The pool's limits and timings.
    public let configuration: Configuration
    /// The driver that opens connections.
    public let driver: any DatabaseDriver
    private let logger: Logger
    private let state: Mutex<ConnectionPoolStateMachine>
    private let nextWaiterID = Atomic<Int>(0)
    /// Failed connects are logged at most once per ``connectFailureLogInterval``: with the
    /// database down, every request tries, and one line per request would drown the log.
    private let connectFailures = Mutex<(lastLogged: ContinuousClock.Instant?, suppressed: Int)>((nil, 0))
    private static let connectFailureLogInterval = Duration.seconds(5)

    /// Creates a pool; it opens connections lazily, on first use.
    ///
    /// - Parameters:
    ///   - driver: Opens connections.
    ///   - configuration: Limits and timings; `maxConnections` is lowered to the driver's
    ///     ``DatabaseDriver/connectionLimit`` if that is smaller.
    ///   - logger: Receives connection events.
    public init(driver: any DatabaseDriver, configuration: Configuration = .init(), logger: Logger) {
        var configuration = configuration
        if let limit = driver.connectionLimit {
            configuration.maxConnections = min(configuration.maxConnections, limit)
        }
        self.configuration = configuration
        self.driver = driver
        self.logger = logger
        self.state = Mutex(ConnectionPoolStateMachine(
            maxConnections: configuration.maxConnections, healthCheckInterval: configuration.healthCheckInterval,
            acquireTimeout: configuration.acquireTimeout))
    }

    /// A pool dropped without ``shutdown()`` still closes its idle connections and shuts its
    /// driver down, in the background.
    deinit {
        guard let leftovers = state.withLock({ $0.abandon() }) else { return }
        let driver = driver
        Task {
            for connection in leftovers { await connection.close() }
            await driver.shutdown()
        }
    }

    /// The current counters.
    public var statistics: Statistics {
        state.withLock { $0.statistics }
    }

    /// Leases a connection for the duration of `body` and returns it to the pool afterwards.
    /// If `body` throws and the connection turned out broken, it is discarded.
    ///
    /// - Parameter body: Uses the connection; must not let it escape.
    /// - Returns: What `body` returns.
    /// - Throws: ``DatabaseError`` (`acquireTimeout`, `connectionFailed`, `poolShutDown`),
    ///   `CancellationError`, or what `body` throws.
    ///
    /// ```swift
    /// try await pool.withConnection { connection in try await connection.execute(rendered, logger: logger) }
    /// ```
    public nonisolated(nonsending) func withConnection<Result>(
        _ body: nonisolated(nonsending) (any DatabaseConnection) async throws -> Result
    ) async throws -> Result {
        let connection = try await lease()
        let result: Result
        do {
            result = try await body(connection)
        } catch {
            release(connection, after: error)
            throw error
        }
        release(connection)
        return result
    }

    /// Leases a connection; the caller must hand it back with ``release(_:after:)`` exactly once.
    package func lease() async throws -> any DatabaseConnection {
        switch state.withLock({ $0.acquireWithoutWaiting(now: .now) }) {
        case .granted(let grant): return try await open(grant)
        case .failed(let error): throw error
        case .waiting: break
        }
        let id = nextWaiterID.wrappingAdd(1, ordering: .relaxed).newValue
        let grant = try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<ConnectionPoolStateMachine.Grant, any Error>) in
                let outcome = state.withLock {
                    $0.acquire(id: id, continuation: continuation, now: .now, isCancelled: Task.isCancelled)
                }
                switch outcome {
                case .granted(let grant): continuation.resume(returning: grant)
                case .failed(let error): continuation.resume(throwing: error)
                case .waiting(let startTimer): if startTimer { self.startTimer() }
                }
            }
        } onCancel: {
            perform(state.withLock { $0.cancel(id: id) })
        }
        return try await open(grant)
    }

    /// Returns a leased connection. Pass the error that ended its use, if any: a closed
    /// connection is discarded, and one that saw a connection-level error is checked before
    /// its next use.
    package func release(_ connection: any DatabaseConnection, after error: (any Error)? = nil) {
        let discard = (error as? DatabaseError)?.isConnectionError ?? false
        let suspect = error.map(Self.leavesConnectionSuspect) ?? false
        perform(state.withLock { $0.release(connection, discard: discard, suspect: suspect, now: .now) })
    }

    /// Stops the pool: waiting callers fail with ``DatabaseError/Code/poolShutDown``, idle
    /// connections close now, leased ones close when returned; then the driver shuts down.
    /// Returns when all of that is done.
    ///
    /// ```swift
    /// await db.pool.shutdown()
    /// ```
    public func shutdown() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            perform(state.withLock { $0.shutdown(continuation: continuation) })
        }
        await driver.shutdown()
    }

    // MARK: Internals

    /// Turns a grant into a usable connection: checks a suspect one, opens a new one in a slot.
    private func open(_ grant: ConnectionPoolStateMachine.Grant) async throws -> any DatabaseConnection {
        if case .connection(let connection, let needsCheck) = grant {
            // `isClosed` is free (e.g. the socket already saw the server go away); the health
            // check costs a round trip, so only suspect or long-idle connections get it.
            if !connection.isClosed {
                if !needsCheck { return connection }
                if await connection.isHealthy(logger: logger) { return connection }
            }
            logger.notice("Discarding a pooled database connection that is closed or failed its health check")
            await connection.close()
            state.withLock { $0.discardedDuringCheck() }
        }
        do {
            let connection = try await driver.connect(logger: logger)
            state.withLock { $0.connected() }
            return connection
        } catch {
            perform(state.withLock { $0.slotFailed() })
            logConnectFailure(error)
            throw error
        }
    }

    /// Starts the pool's one time-out timer: it sleeps until the earliest deadline of a queued
    /// caller, fails the callers whose deadline passed, and stops when the queue is empty.
    private func logConnectFailure(_ error: any Error) {
        let now = ContinuousClock.now
        let suppressed = connectFailures.withLock { failures -> Int? in
            if let last = failures.lastLogged, last.duration(to: now) < Self.connectFailureLogInterval {
                failures.suppressed += 1
                return nil
            }
            defer { failures = (now, 0) }
            return failures.suppressed
        }
        guard let suppressed else { return }
        logger.warning("Could not open a database connection", metadata: [
            "error": "\(error)", "failures_not_logged": "\(suppressed)",
        ])
    }

    private func startTimer() {
        let task = Task { [weak self] in
            var deadline = ContinuousClock.now
            while true {
                do {
                    try await Task.sleep(until: deadline, clock: .continuous)
                } catch {
                    return
                }
                guard let self else { return }
                let (effects, next) = self.state.withLock { $0.expireWaiters(now: .now) }
                self.perform(effects)
                guard let next else { return }
                deadline = next
            }
        }
        perform(state.withLock { $0.timerStarted(task) })
    }

    private func perform(_ effects: ConnectionPoolStateMachine.Effects) {
        effects.timerToCancel?.cancel()
        for (continuation, grant) in effects.grants { continuation.resume(returning: grant) }
        for (continuation, error) in effects.failures { continuation.resume(throwing: error) }
        if !effects.connectionsToClose.isEmpty {
            let connections = effects.connectionsToClose
            let finished = effects.shutdownFinished
            Task {
                for connection in connections { await connection.close() }
                for continuation in finished { continuation.resume() }
            }
        } else {
            for continuation in effects.shutdownFinished { continuation.resume() }
        }
    }

    /// Whether an error may have left the connection in a bad state (so it is checked
    /// before reuse). Statement-level errors — constraint violations, syntax errors, errors
    /// thrown by the caller's own code — do not.
    private static func leavesConnectionSuspect(_ error: any Error) -> Bool {
        guard let error = error as? DatabaseError else { return false }
        switch error.code {
        case .other, .queryCancelled, .lockTimeout, .connectionLost, .connectionFailed, .transactionClosed: return true
        default: return false
        }
    }
}
