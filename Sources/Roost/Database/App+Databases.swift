public import RoostDatabase
import Synchronization

extension App {
    /// Connects the app to its databases: `DATABASE_URL` becomes the `default` database,
    /// and `extra` adds named ones (Django's `DATABASES`). Pools are created now and
    /// connect lazily; `serve` shuts them down when it stops.
    ///
    /// ```swift
    /// import RoostSQLite
    /// import RoostPostgres
    /// try app.useDatabases(backends: [SQLiteBackend(), PostgresBackend()])
    /// app.get("/posts") { req in try await Post.objects.all(on: req.db) }
    /// ```
    /// - Parameters:
    ///   - backends: The drivers the URLs may name (`sqlite:`, `postgres:`).
    ///   - extra: More databases by name, e.g. `["replica": "postgres://…"]`.
    ///   - routers: Routing of models to databases (read replicas, per-model databases).
    ///   - atomicRequests: Wrap every request in a transaction on the default database,
    ///     committed when the handler returns and rolled back when it throws (Django's
    ///     `ATOMIC_REQUESTS`). Defaults to the `ATOMIC_REQUESTS` setting.
    /// - Throws: `DatabaseConfigurationError` naming a bad URL (without its password).
    public func useDatabases(
        backends: [any DatabaseBackend],
        extra: [String: String] = [:],
        routers: [any DatabaseRouter] = [],
        atomicRequests: Bool? = nil
    ) throws {
        let urls = extra.merging([Databases.defaultName: settings.databaseURL]) { _, configured in configured }
        let databases = try Databases(urls: urls, backends: backends, routers: routers, logger: logger)
        let atomic = try atomicRequests ?? settings.value(for: SettingKey("ATOMIC_REQUESTS", default: false))
        use(databases: databases, atomicRequests: atomic)
    }

    /// Uses databases that are already configured.
    public func use(databases: Databases, atomicRequests: Bool = false) {
        registration.withLock { registration in
            precondition(registration.frozen == nil, "Roost: configure databases before the app starts serving")
            registration.databases = databases
            if atomicRequests { registration.middleware.insert(AtomicRequests(), at: 0) }
        }
        onShutdown { await databases.shutdown() }
    }

    /// The app's databases.
    /// - Precondition: ``useDatabases(backends:extra:routers:atomicRequests:)`` was called.
    public var databases: Databases {
        guard let databases = registration.withLock({ $0.databases }) else {
            preconditionFailure("Roost: no database is configured; call app.useDatabases(backends:) first")
        }
        return databases
    }

    /// The app's databases, or `nil` before ``useDatabases(backends:extra:routers:atomicRequests:)``:
    /// for commands that report a missing configuration instead of stopping.
    ///
    /// ```swift
    /// guard let databases = app.configuredDatabases else { throw MyCommandError.noDatabase }
    /// ```
    public var configuredDatabases: Databases? {
        registration.withLock { $0.databases }
    }

    /// Adds work to run when the app stops serving (closing pools, flushing queues).
    public func onShutdown(_ handler: @escaping @Sendable () async -> Void) {
        registration.withLock { $0.shutdownHandlers.append(handler) }
    }

    /// Runs the shutdown handlers, most recently added first.
    public func shutdown() async {
        let handlers = registration.withLock { registration in
            defer { registration.shutdownHandlers.removeAll() }
            return registration.shutdownHandlers
        }
        for handler in handlers.reversed() { await handler() }
    }
}
