public import Logging

/// A handle to one configured database: a connection pool, its dialect and a logger. Create
/// one per database at startup, share it everywhere (it is `Sendable`), and shut it down at
/// exit.
///
/// ```swift
/// import RoostDatabase
/// import RoostSQLite
///
/// let db = try Database(url: "sqlite:///blog.db", backends: [SQLiteBackend()])
/// try await db.execute("CREATE TABLE IF NOT EXISTS posts (id INTEGER PRIMARY KEY, title TEXT NOT NULL)")
/// try await db.transaction { tx in
///     try await tx.execute("INSERT INTO posts (title) VALUES (\("Hello"))")
/// }
/// for row in try await db.query("SELECT id, title FROM posts") {
///     print(try row.decode(Int64.self, at: 0), try row.decode(String.self, column: "title"))
/// }
/// await db.shutdown()
/// ```
///
/// Every statement leases a connection for its own duration, except inside
/// ``transaction(_:)`` and ``withConnection(_:)``: while their closure runs, calls on this
/// `Database` from the same task (and its child tasks) run on the pinned connection, as in
/// Django's `atomic()`. A nested `transaction` then becomes a savepoint.
///
/// ## Topics
/// ### Opening
/// - ``init(url:name:backends:logger:)``
/// - ``init(configuration:name:backends:logger:)``
/// - ``init(name:driver:pool:logger:)``
/// ### Running statements
/// - ``query(_:)``
/// - ``execute(_:)``
/// - ``stream(_:_:)``
/// ### Transactions and pinned connections
/// - ``transaction(_:)``
/// - ``withConnection(_:)``
/// - ``onCommit(_:)``
/// ### Lifecycle
/// - ``shutdown()``
public final class Database: DatabaseExecutor {
    /// The name under which the database is known (`"default"`, `"replica"`), used in logs.
    public let name: String
    /// The connection pool.
    public let pool: ConnectionPool
    /// The logger that receives statement logs (`debug`) and connection events.
    public let logger: Logger
    let runner: StatementRunner

    /// Creates a database over a driver.
    ///
    /// - Parameters:
    ///   - name: The database's name for logs and ``Databases``.
    ///   - driver: Opens connections.
    ///   - pool: Pool limits and timings.
    ///   - logger: Receives statement logs at `debug` level and connection events.
    public init(
        name: String = Databases.defaultName,
        driver: any DatabaseDriver,
        pool: ConnectionPool.Configuration = .init(),
        logger: Logger = Logger(label: "roost.database")
    ) {
        self.name = name
        self.logger = logger
        self.pool = ConnectionPool(driver: driver, configuration: pool, logger: logger)
        self.runner = StatementRunner(databaseName: name, logger: logger)
    }

    /// Opens a database described by a parsed configuration, with the first backend that
    /// handles its scheme. Connections open lazily, on first use.
    ///
    /// - Throws: ``DatabaseConfigurationError`` when no backend handles the scheme or the
    ///   backend rejects the configuration.
    public convenience init(
        configuration: DatabaseConfiguration,
        name: String = Databases.defaultName,
        backends: [any DatabaseBackend],
        logger: Logger = Logger(label: "roost.database")
    ) throws(DatabaseConfigurationError) {
        guard let backend = backends.first(where: { $0.schemes.contains(configuration.scheme) }) else {
            throw .noBackend(scheme: configuration.scheme, url: configuration.redactedURL)
        }
        let driver: any DatabaseDriver
        do {
            driver = try backend.makeDriver(configuration: configuration, logger: logger)
        } catch let error as DatabaseConfigurationError {
            throw error
        } catch {
            throw .invalid(url: configuration.redactedURL, reason: "\(error)")
        }
        self.init(name: name, driver: driver, pool: configuration.pool, logger: logger)
    }

    /// Opens a database from a URL such as `sqlite:///app.db`, `sqlite::memory:` or
    /// `postgres://user:pass@host:5432/app?sslmode=require&max_connections=20`.
    /// See ``DatabaseConfiguration`` for every form and option.
    ///
    /// - Throws: ``DatabaseConfigurationError`` naming the URL (without its password).
    ///
    /// ```swift
    /// let db = try Database(url: env["DATABASE_URL"]!, backends: [SQLiteBackend(), PostgresBackend()])
    /// ```
    public convenience init(
        url: String,
        name: String = Databases.defaultName,
        backends: [any DatabaseBackend],
        logger: Logger = Logger(label: "roost.database")
    ) throws(DatabaseConfigurationError) {
        try self.init(configuration: DatabaseConfiguration(url: url), name: name, backends: backends, logger: logger)
    }

    /// The dialect of this database's connections.
    public var dialect: any SQLDialect { pool.driver.dialect }

    /// Runs a statement and returns all its rows.
    ///
    /// ```swift
    /// let rows = try await db.query("SELECT * FROM posts WHERE author_id = \(authorID)")
    /// ```
    public func query(_ sql: SQL) async throws -> [Row] {
        if let scope = ScopeRegistry.scope(for: pool) { return try await scope.query(sql) }
        return try await pool.withConnection { try await runner.query(sql, on: $0) }
    }

    /// Runs a statement and hands each row to `read` as the driver reads it (see
    /// ``DatabaseExecutor/query(_:reading:)``).
    public func query(_ sql: SQL, reading read: @Sendable (Row) throws -> Void) async throws {
        if let scope = ScopeRegistry.scope(for: pool) { return try await scope.query(sql, reading: read) }
        try await pool.withConnection { try await runner.query(sql, on: $0, reading: read) }
    }

    /// Runs a statement for its effect.
    ///
    /// ```swift
    /// let result = try await db.execute("DELETE FROM sessions WHERE expires_at < \(Date.now)")
    /// print(result.rowsAffected)
    /// ```
    @discardableResult
    public func execute(_ sql: SQL) async throws -> ExecuteResult {
        if let scope = ScopeRegistry.scope(for: pool) { return try await scope.execute(sql) }
        return try await pool.withConnection { try await runner.execute(sql, on: $0) }
    }

    /// Streams a statement's rows to `body` with back-pressure, in constant memory. Outside a
    /// transaction the stream holds its own connection, so `body` may query this database
    /// (on another connection).
    ///
    /// ```swift
    /// var total = 0
    /// try await db.stream("SELECT amount FROM payments") { row in
    ///     total += try row.decode(Int.self, at: 0)
    /// }
    /// ```
    public nonisolated(nonsending) func stream(
        _ sql: SQL, _ body: nonisolated(nonsending) (Row) async throws -> Void
    ) async throws {
        if let scope = ScopeRegistry.scope(for: pool) { return try await scope.stream(sql, body) }
        try await pool.withConnection { connection in
            try await runner.stream(sql, on: connection, body)
        }
    }

    /// Runs `body` in a transaction on one pinned connection: `COMMIT` when it returns,
    /// `ROLLBACK` when it throws (the error is rethrown). Inside another transaction of this
    /// database in the same task, it becomes a savepoint. `onCommit` callbacks run after the
    /// commit, once the connection is back in the pool.
    ///
    /// ```swift
    /// try await db.transaction { tx in
    ///     try await tx.execute("UPDATE accounts SET balance = balance - \(amount) WHERE id = \(from)")
    ///     try await tx.execute("UPDATE accounts SET balance = balance + \(amount) WHERE id = \(to)")
    /// }
    /// ```
    @discardableResult
    public nonisolated(nonsending) func transaction<Result>(
        _ body: nonisolated(nonsending) (Transaction) async throws -> Result
    ) async throws -> Result {
        if let scope = ScopeRegistry.scope(for: pool) { return try await scope.transaction(body) }
        return try await withNewScope { scope in
            try await scope.transaction(deferCallbacks: true, body)
        }
    }

    /// Pins one connection for the duration of `body`, without a transaction. Inside another
    /// pinned scope of this database in the same task, `body` gets that connection.
    ///
    /// ```swift
    /// try await db.withConnection { connection in
    ///     _ = try await connection.query("SELECT pg_advisory_lock(\(1))")
    /// }
    /// ```
    public nonisolated(nonsending) func withConnection<Result>(
        _ body: nonisolated(nonsending) (PinnedConnection) async throws -> Result
    ) async throws -> Result {
        if let scope = ScopeRegistry.scope(for: pool) { return try await body(PinnedConnection(scope: scope)) }
        return try await withNewScope { scope in
            try await body(PinnedConnection(scope: scope))
        }
    }

    /// Runs `callback` after the current task's transaction on this database commits, or now
    /// if there is none (Django's `transaction.on_commit`).
    ///
    /// ```swift
    /// try await db.onCommit { await cache.invalidate("posts") }
    /// ```
    public func onCommit(_ callback: @escaping @Sendable () async throws -> Void) async throws {
        if let scope = ScopeRegistry.scope(for: pool), scope.deferUntilCommit(callback, depth: scope.depth) {
            return
        }
        try await callback()
    }

    /// Closes the pool: new calls fail with ``DatabaseError/Code/poolShutDown``, running ones
    /// finish, then every connection closes.
    public func shutdown() async {
        await pool.shutdown()
    }

    /// Runs `body`, then shuts the database down whether `body` returned or threw: for
    /// databases opened for one job (a test, an admin statement).
    package nonisolated(nonsending) func shuttingDown(
        after body: nonisolated(nonsending) (Database) async throws -> Void
    ) async throws {
        do {
            try await body(self)
        } catch {
            await shutdown()
            throw error
        }
        await shutdown()
    }

    private nonisolated(nonsending) func withNewScope<Result>(
        _ body: nonisolated(nonsending) (ConnectionScope) async throws -> Result
    ) async throws -> Result {
        let connection = try await pool.lease()
        let scope = ConnectionScope(connection: connection, pool: pool, runner: runner)
        let result: Result
        do {
            result = try await ScopeRegistry.$active.withValue(ScopeRegistry.Node(scope: scope, next: ScopeRegistry.active)) {
                try await body(scope)
            }
        } catch {
            scope.close()
            pool.release(connection, after: scope.connectionError ?? error)
            throw error
        }
        scope.close()
        pool.release(connection, after: scope.connectionError)
        await scope.runCallbacks(scope.takeCommittedCallbacks())
        return result
    }
}
