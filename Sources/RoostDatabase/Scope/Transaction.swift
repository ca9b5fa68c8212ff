import Synchronization

/// A database transaction, handed to the closure of ``DatabaseExecutor/transaction(_:)``.
/// It pins one connection; every statement on it (and every ``Database`` call made by the
/// same task while the closure runs) belongs to the transaction.
///
/// ```swift
/// let postID = try await db.transaction { tx in
///     let row = try await tx.query("INSERT INTO posts (title) VALUES (\(title)) RETURNING id")
///     try await tx.transaction { inner in              // a SAVEPOINT
///         try await inner.execute("INSERT INTO tags (post_id, name) VALUES (\(1), \("swift"))")
///     }                                                // a failure here keeps the post
///     try tx.onCommit { await searchIndex.refresh() }  // runs only once the data is committed
///     return try row[0].decode(Int64.self, at: 0)
/// }                                                    // COMMIT, or ROLLBACK if anything threw
/// ```
///
/// The handle is only valid inside its closure; later use throws
/// ``DatabaseError/Code/transactionClosed``.
public final class Transaction: DatabaseExecutor {
    let scope: ConnectionScope
    /// The nesting depth: 1 for the outermost transaction, 2+ for savepoints.
    public let depth: Int
    private let finished = Atomic<Bool>(false)

    init(scope: ConnectionScope, depth: Int) {
        self.scope = scope
        self.depth = depth
    }

    /// The dialect of the pinned connection.
    public var dialect: any SQLDialect { scope.connection.dialect }

    /// The pinned driver connection, for driver-specific work. Do not close it.
    public var connection: any DatabaseConnection { scope.connection }

    /// `true` while the closure that received this handle runs.
    public var isActive: Bool { !finished.load(ordering: .acquiring) && scope.isOpen }

    /// Runs a statement in the transaction and returns its rows.
    public func query(_ sql: SQL) async throws -> [Row] {
        try checkActive()
        return try await scope.query(sql)
    }

    /// Runs a statement in the transaction and hands each row to `read` as it is read.
    public func query(_ sql: SQL, reading read: @Sendable (Row) throws -> Void) async throws {
        try checkActive()
        try await scope.query(sql, reading: read)
    }

    /// Runs a statement in the transaction for its effect.
    @discardableResult
    public func execute(_ sql: SQL) async throws -> ExecuteResult {
        try checkActive()
        return try await scope.execute(sql)
    }

    /// Streams a statement's rows in the transaction; `body` must not run statements itself.
    public nonisolated(nonsending) func stream(
        _ sql: SQL, _ body: nonisolated(nonsending) (Row) async throws -> Void
    ) async throws {
        try checkActive()
        try await scope.stream(sql, body)
    }

    /// Runs `body` in a savepoint: its failure rolls back only its own work, and the error
    /// still propagates (catch it to carry on with the outer transaction).
    ///
    /// ```swift
    /// try await tx.transaction { savepoint in try await savepoint.execute(riskyInsert) }
    /// ```
    @discardableResult
    public nonisolated(nonsending) func transaction<Result>(
        _ body: nonisolated(nonsending) (Transaction) async throws -> Result
    ) async throws -> Result {
        try checkActive()
        return try await scope.transaction(body)
    }

    /// Registers `callback` to run after the outermost transaction commits (Django's
    /// `transaction.on_commit`). Callbacks run in registration order, after the connection went
    /// back to the pool. They are dropped if the transaction — or the savepoint that registered
    /// them — rolls back. An error thrown by a callback is logged, not rethrown: the data is
    /// already committed.
    ///
    /// - Throws: ``DatabaseError/Code/transactionClosed`` after the transaction's closure returned.
    ///
    /// ```swift
    /// try tx.onCommit { try await mailer.sendWelcome(to: email) }
    /// ```
    public func onCommit(_ callback: @escaping @Sendable () async throws -> Void) throws {
        try checkActive()
        guard scope.deferUntilCommit(callback, depth: depth) else {
            throw DatabaseError(.transactionClosed, "this transaction is no longer active")
        }
    }

    func finish() {
        finished.store(true, ordering: .releasing)
    }

    private func checkActive() throws {
        guard isActive else {
            throw DatabaseError(.transactionClosed, "this transaction is no longer active: it was used after its closure returned")
        }
    }
}
