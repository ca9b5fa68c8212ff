/// Anything that runs SQL: a ``Database`` (pooled), a ``Transaction`` or a
/// ``PinnedConnection``. ORM code takes `some DatabaseExecutor` so that it works with all three.
///
/// ```swift
/// func countPosts(on db: some DatabaseExecutor) async throws -> Int {
///     try await db.queryValue("SELECT COUNT(*) FROM posts", as: Int.self) ?? 0
/// }
/// ```
public protocol DatabaseExecutor: Sendable {
    /// The dialect statements are rendered for.
    var dialect: any SQLDialect { get }

    /// Runs a statement and returns all its rows.
    ///
    /// - Parameter sql: The statement.
    /// - Returns: The rows, sharing one column layout.
    /// - Throws: ``DatabaseError``.
    func query(_ sql: SQL) async throws -> [Row]

    /// Runs a statement and hands each row to `read` as the driver reads it, without
    /// collecting the rows first: how the ORM turns rows into models. Every call of `read`
    /// happens, one at a time, before this method returns, possibly on a driver thread; the
    /// first error it throws ends the calls and is rethrown. The default collects the rows
    /// with ``query(_:)`` and then calls `read`.
    ///
    /// ```swift
    /// let titles = Mutex<[String]>([])
    /// try await db.query("SELECT title FROM posts") { row in
    ///     let title = try row.decode(String.self, at: 0)
    ///     titles.withLock { $0.append(title) }
    /// }
    /// ```
    ///
    /// - Parameters:
    ///   - sql: The statement.
    ///   - read: Called for each row; must not block or run statements.
    /// - Throws: ``DatabaseError``, or what `read` throws.
    func query(_ sql: SQL, reading read: @Sendable (Row) throws -> Void) async throws

    /// Runs a statement for its effect.
    ///
    /// - Parameter sql: The statement.
    /// - Returns: Rows affected and, on SQLite, the last inserted row id.
    /// - Throws: ``DatabaseError``.
    @discardableResult
    func execute(_ sql: SQL) async throws -> ExecuteResult

    /// Runs a statement and calls `body` for each row as it arrives, in constant memory.
    /// The connection stays busy until `body` has seen the last row (or thrown), so `body` must
    /// not run statements on the same connection: inside a transaction that is a
    /// ``DatabaseError/Code/misuse`` error.
    ///
    /// - Parameters:
    ///   - sql: The statement.
    ///   - body: Called for each row on the caller's isolation; throw to stop early.
    /// - Throws: ``DatabaseError``, or what `body` throws.
    nonisolated(nonsending) func stream(
        _ sql: SQL, _ body: nonisolated(nonsending) (Row) async throws -> Void
    ) async throws

    /// Runs `body` in a transaction: commits when it returns, rolls back when it throws.
    /// Called inside another transaction (on the same connection), it becomes a savepoint, so
    /// a failure rolls back only the inner work.
    ///
    /// - Parameter body: The transaction's work; receives the ``Transaction`` handle.
    /// - Returns: What `body` returns.
    /// - Throws: What `body` throws (after rolling back), or ``DatabaseError``.
    @discardableResult
    nonisolated(nonsending) func transaction<Result>(
        _ body: nonisolated(nonsending) (Transaction) async throws -> Result
    ) async throws -> Result
}

extension DatabaseExecutor {
    /// Collects the rows with ``query(_:)``, then calls `read` for each.
    public func query(_ sql: SQL, reading read: @Sendable (Row) throws -> Void) async throws {
        for row in try await query(sql) { try read(row) }
    }

    /// The first row, or `nil` when there is none. Add `LIMIT 1` yourself if many rows match.
    ///
    /// ```swift
    /// let row = try await db.queryFirst("SELECT * FROM users WHERE email = \(email)")
    /// ```
    public func queryFirst(_ sql: SQL) async throws -> Row? {
        try await query(sql).first
    }

    /// The first column of the first row decoded as `type`, or `nil` when there is no row.
    ///
    /// ```swift
    /// let count = try await db.queryValue("SELECT COUNT(*) FROM users", as: Int.self) ?? 0
    /// ```
    public func queryValue<Value: DatabaseValueConvertible>(_ sql: SQL, as type: Value.Type) async throws -> Value? {
        guard let row = try await query(sql).first else { return nil }
        return try row.decode(Value.self, at: 0)
    }
}
