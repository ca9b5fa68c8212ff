/// The pool's bookkeeping, free of I/O and locks so that it can be tested directly. Each
/// event returns the side effects (``Effects``) that ``ConnectionPool`` performs outside its
/// lock: resuming waiters, closing connections, cancelling the time-out timer.
///
/// Queued callers time out through **one** timer per pool, not one per caller: every caller
/// waits at most `acquireTimeout`, so the queue (FIFO) is also in deadline order, and the timer
/// only ever sleeps until the head's deadline. Under a sustained load where callers always
/// queue, a per-caller timer meant creating, scheduling and cancelling a task for every query —
/// the cancellation alone woke a thread of the global executor each time.
struct ConnectionPoolStateMachine {
    /// What a caller is granted.
    enum Grant {
        /// An open connection; `needsCheck` asks for a health check before use.
        case connection(any DatabaseConnection, needsCheck: Bool)
        /// A slot: the caller opens a new connection itself.
        case connectSlot
    }

    struct Waiter {
        let id: Int
        let continuation: CheckedContinuation<Grant, any Error>
        let deadline: ContinuousClock.Instant
    }

    /// The time-out timer's life cycle.
    enum Timer {
        /// No caller is queued, or the last one just left: the next queued caller starts it.
        case stopped
        /// Asked for; its task is not recorded yet.
        case starting
        case running(Task<Void, Never>)
    }

    struct IdleConnection {
        let connection: any DatabaseConnection
        let since: ContinuousClock.Instant
        let needsCheck: Bool
    }

    /// Side effects to perform after leaving the lock.
    struct Effects {
        var grants: [(CheckedContinuation<Grant, any Error>, Grant)] = []
        var failures: [(CheckedContinuation<Grant, any Error>, any Error)] = []
        var timerToCancel: Task<Void, Never>?
        var connectionsToClose: [any DatabaseConnection] = []
        var shutdownFinished: [CheckedContinuation<Void, Never>] = []
    }

    /// The outcome of ``acquire(id:continuation:now:isCancelled:)``.
    enum AcquireOutcome {
        case granted(Grant)
        case failed(any Error)
        /// Queued; `startTimer` asks the pool to start the time-out timer.
        case waiting(startTimer: Bool)
    }

    let maxConnections: Int
    let healthCheckInterval: Duration
    let acquireTimeout: Duration
    private(set) var timer = Timer.stopped
    private(set) var idle: [IdleConnection] = []
    private(set) var leased = 0
    private(set) var waiters: [Waiter] = []
    private(set) var isShutDown = false
    private var shutdownWaiters: [CheckedContinuation<Void, Never>] = []
    /// Idle connections that went idle before this instant are checked before reuse: set
    /// when a connection is found lost, since its siblings probably are too.
    private var staleBefore: ContinuousClock.Instant?
    private(set) var peakOpen = 0
    private(set) var connectionsOpened = 0
    private(set) var connectionsDiscarded = 0

    init(maxConnections: Int, healthCheckInterval: Duration, acquireTimeout: Duration) {
        self.maxConnections = maxConnections
        self.healthCheckInterval = healthCheckInterval
        self.acquireTimeout = acquireTimeout
    }

    var open: Int { idle.count + leased }

    var statistics: ConnectionPool.Statistics {
        ConnectionPool.Statistics(
            open: open, idle: idle.count, leased: leased, waiting: waiters.count, peakOpen: peakOpen,
            connectionsOpened: connectionsOpened, connectionsDiscarded: connectionsDiscarded)
    }

    /// A caller asks for a connection: reuse an idle one, open a new one within the limit,
    /// or queue the caller (FIFO).
    mutating func acquire(
        id: Int, continuation: CheckedContinuation<Grant, any Error>, now: ContinuousClock.Instant, isCancelled: Bool
    ) -> AcquireOutcome {
        if isCancelled { return .failed(CancellationError()) }
        let outcome = acquireWithoutWaiting(now: now)
        guard case .waiting = outcome else { return outcome }
        waiters.append(Waiter(id: id, continuation: continuation, deadline: now + acquireTimeout))
        guard case .stopped = timer else { return .waiting(startTimer: false) }
        timer = .starting
        return .waiting(startTimer: true)
    }

    /// The fast path: a grant or a failure when no waiting is needed, else `.waiting`
    /// (nothing is queued; call ``acquire(id:continuation:now:isCancelled:)``).
    mutating func acquireWithoutWaiting(now: ContinuousClock.Instant) -> AcquireOutcome {
        if isShutDown { return .failed(DatabaseError(.poolShutDown, "the connection pool is shut down")) }
        if let entry = idle.popLast() {
            leased += 1
            return .granted(.connection(entry.connection, needsCheck: needsCheck(entry, now: now)))
        }
        if open < maxConnections, waiters.isEmpty {
            leased += 1
            peakOpen = max(peakOpen, open)
            return .granted(.connectSlot)
        }
        return .waiting(startTimer: false)
    }

    /// The pool is being deinitialized without ``shutdown(continuation:)``: hands back the
    /// idle connections to close, or `nil` if the pool was already shut down.
    mutating func abandon() -> [any DatabaseConnection]? {
        guard !isShutDown else { return nil }
        isShutDown = true
        defer { idle.removeAll() }
        return idle.map(\.connection)
    }

    /// Records the timer's task (asked for by ``acquire(id:continuation:now:isCancelled:)``);
    /// cancels it if the pool shut down meanwhile. A timer that already found the queue empty
    /// and stopped is left alone: its task is ending.
    mutating func timerStarted(_ task: Task<Void, Never>) -> Effects {
        if isShutDown { return Effects(timerToCancel: task) }
        if case .starting = timer { timer = .running(task) }
        return Effects()
    }

    /// The timer woke: fails the queued callers whose deadline passed and returns when to wake
    /// next, or `nil` when the queue is empty (the timer stops; the next queued caller starts
    /// another).
    mutating func expireWaiters(now: ContinuousClock.Instant) -> (Effects, next: ContinuousClock.Instant?) {
        var effects = Effects()
        let message = "no database connection became free within \(acquireTimeout) (all \(maxConnections) in use); "
            + "raise max_connections or shorten transactions"
        waiters.removeAll { waiter in
            guard waiter.deadline <= now else { return false }
            effects.failures.append((waiter.continuation, DatabaseError(.acquireTimeout, message)))
            return true
        }
        guard let next = waiters.lazy.map(\.deadline).min(), !isShutDown else {
            timer = .stopped
            return (effects, nil)
        }
        return (effects, next)
    }

    /// A caller opened a new connection in its slot.
    mutating func connected() {
        connectionsOpened += 1
    }

    /// A caller could not open a connection (or a health check failed and reconnecting
    /// failed): the slot frees up and the next waiter may try.
    mutating func slotFailed() -> Effects {
        leased -= 1
        var effects = Effects()
        handOffSlot(&effects)
        finishShutdownIfIdle(&effects)
        return effects
    }

    /// A connection failed its health check and was closed; the caller keeps the slot.
    mutating func discardedDuringCheck() {
        connectionsDiscarded += 1
    }

    /// A caller returns a connection. `discard` closes it (broken or closed); `suspect` marks it
    /// for a health check before its next use.
    mutating func release(
        _ connection: any DatabaseConnection, discard: Bool, suspect: Bool, now: ContinuousClock.Instant
    ) -> Effects {
        var effects = Effects()
        if discard || connection.isClosed {
            leased -= 1
            connectionsDiscarded += 1
            effects.connectionsToClose.append(connection)
            staleBefore = now
            handOffSlot(&effects)
        } else if isShutDown {
            leased -= 1
            effects.connectionsToClose.append(connection)
        } else if !waiters.isEmpty {
            let waiter = waiters.removeFirst()
            effects.grants.append((waiter.continuation, .connection(connection, needsCheck: suspect)))
        } else {
            leased -= 1
            idle.append(IdleConnection(connection: connection, since: now, needsCheck: suspect))
        }
        finishShutdownIfIdle(&effects)
        return effects
    }

    /// A queued caller's task was cancelled.
    mutating func cancel(id: Int) -> Effects {
        removeWaiter(id: id, error: CancellationError())
    }

    /// Stops the pool: fails queued callers, closes idle connections, and remembers
    /// `continuation` to resume once every leased connection has come back.
    mutating func shutdown(continuation: CheckedContinuation<Void, Never>) -> Effects {
        var effects = Effects()
        isShutDown = true
        if case .running(let task) = timer { effects.timerToCancel = task }
        timer = .stopped
        for waiter in waiters {
            effects.failures.append((waiter.continuation, DatabaseError(.poolShutDown, "the connection pool is shut down")))
        }
        waiters.removeAll()
        effects.connectionsToClose.append(contentsOf: idle.map(\.connection))
        idle.removeAll()
        shutdownWaiters.append(continuation)
        finishShutdownIfIdle(&effects)
        return effects
    }

    private func needsCheck(_ entry: IdleConnection, now: ContinuousClock.Instant) -> Bool {
        if entry.needsCheck || entry.since.duration(to: now) > healthCheckInterval { return true }
        if let staleBefore, entry.since <= staleBefore { return true }
        return false
    }

    private mutating func handOffSlot(_ effects: inout Effects) {
        guard !isShutDown, !waiters.isEmpty, open < maxConnections else { return }
        let waiter = waiters.removeFirst()
        leased += 1
        effects.grants.append((waiter.continuation, .connectSlot))
    }

    private mutating func removeWaiter(id: Int, error: any Error) -> Effects {
        guard let index = waiters.firstIndex(where: { $0.id == id }) else { return Effects() }
        let waiter = waiters.remove(at: index)
        var effects = Effects()
        effects.failures.append((waiter.continuation, error))
        return effects
    }

    private mutating func finishShutdownIfIdle(_ effects: inout Effects) {
        guard isShutDown, leased == 0, !shutdownWaiters.isEmpty else { return }
        effects.shutdownFinished.append(contentsOf: shutdownWaiters)
        shutdownWaiters.removeAll()
    }
}
