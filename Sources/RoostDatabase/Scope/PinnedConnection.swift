/// A connection taken out of the pool for the duration of ``Database/withConnection(_:)``,
/// without a transaction: for session state that must outlive one statement (`SET`,
/// PostgreSQL advisory locks, SQLite `PRAGMA`s), or to run several statements on one
/// connection. ``Database`` calls made by the same task while the closure runs use it too.
///
/// ```swift
/// try await db.withConnection { connection in
///     _ = try await connection.query("SELECT pg_advisory_lock(\(42))")
///     defer { … }
///     try await connection.transaction { tx in … }   // BEGIN … COMMIT on this connection
/// }
/// ```
public final class PinnedConnection: DatabaseExecutor {
    let scope: ConnectionScope

    init(scope: ConnectionScope) {
        self.scope = scope
    }

    /// The dialect of the pinned connection.
    public var dialect: any SQLDialect { scope.connection.dialect }

    /// The driver connection, for driver-specific work. Closing it makes the pool replace it.
    public var connection: any DatabaseConnection { scope.connection }

    /// `true` while the closure that received this handle runs.
    public var isActive: Bool { scope.isOpen }

    /// Runs a statement and returns its rows.
    public func query(_ sql: SQL) async throws -> [Row] {
        try await scope.query(sql)
    }

    /// Runs a statement and hands each row to `read` as it is read.
    public func query(_ sql: SQL, reading read: @Sendable (Row) throws -> Void) async throws {
        try await scope.query(sql, reading: read)
    }

    /// Runs a statement for its effect.
    @discardableResult
    public func execute(_ sql: SQL) async throws -> ExecuteResult {
        try await scope.execute(sql)
    }

    /// Streams a statement's rows; `body` must not run statements on this connection.
    public nonisolated(nonsending) func stream(
        _ sql: SQL, _ body: nonisolated(nonsending) (Row) async throws -> Void
    ) async throws {
        try await scope.stream(sql, body)
    }

    /// Runs `body` in a transaction on this connection (a savepoint if one is already open).
    @discardableResult
    public nonisolated(nonsending) func transaction<Result>(
        _ body: nonisolated(nonsending) (Transaction) async throws -> Result
    ) async throws -> Result {
        try await scope.transaction(body)
    }
}
