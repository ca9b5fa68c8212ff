public import Logging

/// One open connection to a database, as a driver implements it. Application code does not
/// use connections directly: ``Database`` leases them from its ``ConnectionPool``.
///
/// A connection is used by one task at a time; the pool and ``Transaction`` guarantee it.
/// Drivers map every native error to ``DatabaseError`` (with the SQL text, without values).
///
/// ```swift
/// let result = try await connection.execute(SQL("DELETE FROM t").render(for: connection.dialect),
///                                           logger: logger)
/// ```
public protocol DatabaseConnection: AnyObject, Sendable {
    /// The dialect statements must be rendered for.
    var dialect: any SQLDialect { get }

    /// `true` once the connection is closed or known to be broken; the pool then discards it.
    var isClosed: Bool { get }

    /// Runs a statement and collects every row.
    ///
    /// - Parameters:
    ///   - statement: The rendered statement.
    ///   - logger: The logger for driver-level messages.
    /// - Returns: The rows, sharing one ``RowColumns``.
    /// - Throws: ``DatabaseError``.
    func query(_ statement: RenderedSQL, logger: Logger) async throws -> [Row]

    /// Runs a statement and hands each row to `read` as the driver reads it, instead of
    /// collecting rows first: a driver may then reuse one row's storage for the next. Every
    /// call of `read` happens, one at a time, before this method returns, possibly on a
    /// driver thread. The first error `read` throws ends the calls and is rethrown.
    ///
    /// The default collects the rows with ``query(_:logger:)`` and then calls `read`.
    ///
    /// - Parameters:
    ///   - statement: The rendered statement.
    ///   - logger: The logger for driver-level messages.
    ///   - read: Called for each row; must not block or run statements.
    /// - Returns: The number of rows read.
    /// - Throws: ``DatabaseError``, or what `read` throws.
    func query(_ statement: RenderedSQL, logger: Logger, reading read: @Sendable (Row) throws -> Void) async throws -> Int

    /// Runs a statement that returns no rows of interest.
    ///
    /// - Parameters:
    ///   - statement: The rendered statement.
    ///   - logger: The logger for driver-level messages.
    /// - Returns: The number of rows affected and, where supported, the last inserted row id.
    /// - Throws: ``DatabaseError``.
    @discardableResult
    func execute(_ statement: RenderedSQL, logger: Logger) async throws -> ExecuteResult

    /// Runs a statement and hands rows to `body` one by one, with back-pressure: the driver
    /// reads ahead a bounded number of rows and waits while `body` is busy, so any number of
    /// rows can be processed in constant memory. When `body` throws, the statement is
    /// abandoned and the connection is left ready for the next statement.
    ///
    /// - Parameters:
    ///   - statement: The rendered statement.
    ///   - logger: The logger for driver-level messages.
    ///   - body: Called for each row, on the caller's isolation.
    /// - Throws: ``DatabaseError``, or what `body` throws.
    nonisolated(nonsending) func stream(
        _ statement: RenderedSQL,
        logger: Logger,
        _ body: nonisolated(nonsending) (Row) async throws -> Void
    ) async throws

    /// Checks that the connection still works (e.g. `SELECT 1`); the pool calls it before
    /// reusing a connection that sat idle or saw an error.
    ///
    /// - Returns: `false` if the connection is unusable.
    func isHealthy(logger: Logger) async -> Bool

    /// Closes the connection. Safe to call more than once.
    func close() async
}

extension DatabaseConnection {
    /// Collects the rows, then calls `read` for each.
    public func query(
        _ statement: RenderedSQL, logger: Logger, reading read: @Sendable (Row) throws -> Void
    ) async throws -> Int {
        let rows = try await query(statement, logger: logger)
        for row in rows { try read(row) }
        return rows.count
    }
}

/// What ``DatabaseConnection/execute(_:logger:)`` reports.
///
/// ```swift
/// let result = try await db.execute("UPDATE posts SET views = views + 1 WHERE id = \(id)")
/// if result.rowsAffected == 0 { throw NotFound() }
/// ```
public struct ExecuteResult: Sendable, Hashable {
    /// The number of rows inserted, updated or deleted.
    public var rowsAffected: Int
    /// The row id of the last `INSERT` on this connection (SQLite); `nil` where the database
    /// has no such notion (PostgreSQL: use `RETURNING`). After a statement that is not an
    /// `INSERT`, SQLite still reports the previous insert's id.
    public var lastInsertID: Int64?

    /// Creates a result.
    ///
    /// ```swift
    /// ExecuteResult(rowsAffected: 1, lastInsertID: 7)
    /// ```
    public init(rowsAffected: Int, lastInsertID: Int64? = nil) {
        self.rowsAffected = rowsAffected
        self.lastInsertID = lastInsertID
    }
}
