import Logging
import Synchronization

/// One leased connection pinned for the duration of a `transaction` or `withConnection`
/// closure, with its transaction state: nesting depth, savepoint names, and the `onCommit`
/// callbacks waiting for the outermost commit.
///
/// Statements on a scope go through a FIFO gate, so child tasks that share it take turns.
final class ConnectionScope: Sendable {
    /// A callback waiting for commit, tagged with the transaction depth that registered it.
    struct PendingCallback: Sendable {
        var depth: Int
        let callback: @Sendable () async throws -> Void
    }

    private struct State {
        var isOpen = true
        var depth = 0
        var savepointCounter = 0
        var callbacks: [PendingCallback] = []
        var connectionError: (any Error)?
    }

    let connection: any DatabaseConnection
    let pool: ConnectionPool
    let runner: StatementRunner
    private let gate = AsyncGate()
    private let state = Mutex(State())

    init(connection: any DatabaseConnection, pool: ConnectionPool, runner: StatementRunner) {
        self.connection = connection
        self.pool = pool
        self.runner = runner
    }

    var isOpen: Bool { state.withLock { $0.isOpen } }

    /// The current transaction depth: 0 outside a transaction, 1 in the outermost one.
    var depth: Int { state.withLock { $0.depth } }

    /// The error that made the connection suspect, if one was seen; the pool uses it on release.
    var connectionError: (any Error)? { state.withLock { $0.connectionError } }

    /// Marks the scope finished: later use throws ``DatabaseError/Code/transactionClosed``.
    func close() {
        state.withLock { $0.isOpen = false }
    }

    // MARK: Statements

    func query(_ sql: SQL) async throws -> [Row] {
        try await withConnection { try await runner.query(sql, on: $0) }
    }

    func query(_ sql: SQL, reading read: @Sendable (Row) throws -> Void) async throws {
        try await withConnection { try await runner.query(sql, on: $0, reading: read) }
    }

    func execute(_ sql: SQL) async throws -> ExecuteResult {
        try await withConnection { try await runner.execute(sql, on: $0) }
    }

    nonisolated(nonsending) func stream(_ sql: SQL, _ body: nonisolated(nonsending) (Row) async throws -> Void) async throws {
        try await withConnection { connection in
            try await ScopeRegistry.$streaming.withValue(ScopeRegistry.streaming + [ObjectIdentifier(self)]) {
                try await runner.stream(sql, on: connection, body)
            }
        }
    }

    /// Runs `body` with exclusive use of the connection, recording connection-level errors.
    nonisolated(nonsending) func withConnection<Result>(
        _ body: nonisolated(nonsending) (any DatabaseConnection) async throws -> Result
    ) async throws -> Result {
        guard isOpen else {
            throw DatabaseError(.transactionClosed, "this transaction or pinned connection is no longer active: "
                + "it was used after its closure returned")
        }
        guard !ScopeRegistry.streaming.contains(ObjectIdentifier(self)) else {
            throw DatabaseError(.misuse, "cannot run a statement on a connection while it streams rows to this task; "
                + "collect the rows first (query) or do this work outside the stream")
        }
        await gate.enter()
        defer { gate.leave() }
        do {
            return try await body(connection)
        } catch let error as DatabaseError where error.isConnectionError || error.code == .other {
            state.withLock { if $0.connectionError == nil { $0.connectionError = error } }
            throw error
        }
    }

    // MARK: Transactions

    /// Runs `body` in a transaction on this connection: `BEGIN … COMMIT` at depth 0, a
    /// savepoint otherwise. After the outermost commit, the `onCommit` callbacks run here,
    /// unless `deferCallbacks` is set: then the caller takes them with
    /// ``takeCommittedCallbacks()`` and runs them after releasing the connection.
    nonisolated(nonsending) func transaction<Result>(
        deferCallbacks: Bool = false,
        _ body: nonisolated(nonsending) (Transaction) async throws -> Result
    ) async throws -> Result {
        let (depth, savepoint) = state.withLock { state -> (Int, String?) in
            state.depth += 1
            if state.depth == 1 { return (1, nil) }
            state.savepointCounter += 1
            return (state.depth, "roost_sp_\(state.savepointCounter)")
        }
        do {
            try await begin(savepoint: savepoint)
        } catch {
            state.withLock { $0.depth -= 1 }
            throw error
        }
        let handle = Transaction(scope: self, depth: depth)
        let result: Result
        do {
            result = try await body(handle)
        } catch {
            handle.finish()
            await rollBack(savepoint: savepoint, depth: depth)
            throw error
        }
        handle.finish()
        try await commit(savepoint: savepoint, depth: depth)
        if depth == 1, !deferCallbacks {
            await runCallbacks(takeCommittedCallbacks())
        }
        return result
    }

    /// Runs committed callbacks in order; their errors are logged, not thrown, since the data
    /// is already committed.
    func runCallbacks(_ callbacks: [@Sendable () async throws -> Void]) async {
        for callback in callbacks {
            do {
                try await callback()
            } catch {
                runner.logger.error("An onCommit callback failed", metadata: ["error": "\(error)"])
            }
        }
    }

    /// Registers a callback for after the outermost commit; returns `false` (registering
    /// nothing) when no transaction is open.
    func deferUntilCommit(_ callback: @escaping @Sendable () async throws -> Void, depth: Int) -> Bool {
        state.withLock { state -> Bool in
            guard state.depth > 0 else { return false }
            state.callbacks.append(PendingCallback(depth: min(depth, state.depth), callback: callback))
            return true
        }
    }

    /// Takes the callbacks that the outermost commit released.
    func takeCommittedCallbacks() -> [@Sendable () async throws -> Void] {
        state.withLock { state in
            defer { state.callbacks.removeAll() }
            return state.callbacks.map(\.callback)
        }
    }

    private nonisolated(nonsending) func begin(savepoint: String?) async throws {
        if let savepoint {
            _ = try await execute("SAVEPOINT " + .identifier(savepoint))
        } else {
            _ = try await execute(connection.dialect.beginTransaction)
        }
    }

    private nonisolated(nonsending) func commit(savepoint: String?, depth: Int) async throws {
        do {
            if let savepoint {
                _ = try await execute("RELEASE SAVEPOINT " + .identifier(savepoint))
            } else {
                _ = try await execute("COMMIT")
            }
        } catch {
            await rollBack(savepoint: savepoint, depth: depth)
            throw error
        }
        state.withLock { state in
            state.depth -= 1
            for index in state.callbacks.indices where state.callbacks[index].depth >= depth {
                state.callbacks[index].depth = depth - 1
            }
        }
    }

    /// Rolls back; if that fails, the connection is marked broken so the pool discards it
    /// (closing a connection rolls back whatever was open).
    private nonisolated(nonsending) func rollBack(savepoint: String?, depth: Int) async {
        state.withLock { state in
            state.depth -= 1
            state.callbacks.removeAll { $0.depth >= depth }
        }
        do {
            // In a task of its own, which the caller's cancellation does not reach: a request
            // whose client went away must still roll back (drivers refuse new work for a
            // cancelled task), or its connection is discarded — and with it, for an in-memory
            // SQLite database, the whole database.
            try await Task {
                if let savepoint {
                    _ = try await self.execute("ROLLBACK TO SAVEPOINT " + .identifier(savepoint))
                    _ = try await self.execute("RELEASE SAVEPOINT " + .identifier(savepoint))
                } else {
                    _ = try await self.execute("ROLLBACK")
                }
            }.value
        } catch {
            runner.logger.warning("Rollback failed; the connection will be discarded", metadata: ["error": "\(error)"])
            let lost = DatabaseError(.connectionLost, "rollback failed, so the connection was discarded")
            state.withLock { $0.connectionError = lost }
        }
    }
}
