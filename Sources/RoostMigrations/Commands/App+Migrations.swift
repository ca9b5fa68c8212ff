public import Roost
public import RoostDatabase

/// The apps registered with ``Roost/App/useMigrations(_:database:)``.
enum MigrationAppsKey: AppStorageKey {
    struct Value: Sendable {
        var apps: [MigrationApp]
        var database: String
    }
}

extension App {
    /// Registers the app's models and migrations, and the management commands that work
    /// with them: `migrate`, `makemigrations`, `showmigrations`, `sqlmigrate`, `dbshell`
    /// and `startapp`; `serve --migrate` then applies pending migrations before serving.
    ///
    /// ```swift
    /// let app = try App()
    /// try app.useDatabases(backends: [SQLiteBackend()])
    /// app.useMigrations(MigrationApp("blog", models: [Post.self, Tag.self], migrations: BlogMigrations.all))
    /// await app.main()      // `swift run Blog makemigrations`, `swift run Blog migrate`, …
    /// ```
    /// - Parameters:
    ///   - apps: Each app's models and migrations.
    ///   - database: The database migrations run on.
    public func useMigrations(_ apps: MigrationApp..., database: String = Databases.defaultName) {
        useMigrations(apps, database: database)
    }

    /// Registers apps' models and migrations; see ``useMigrations(_:database:)-(MigrationApp...,_)``.
    public func useMigrations(_ apps: [MigrationApp], database: String = Databases.defaultName) {
        storage[MigrationAppsKey.self] = MigrationAppsKey.Value(apps: apps, database: database)
        storage[ServeMigrationKey.self] = { app in
            let console = app.console
            try await app.migrate { event in Self.report(event, on: console) }
        }
        for command in [
            MigrateCommand.self, MakeMigrationsCommand.self, ShowMigrationsCommand.self, SQLMigrateCommand.self,
            DBShellCommand.self, StartAppCommand.self,
        ] as [any AppCommand.Type] {
            registerCommand(command)
        }
    }

    /// The registered migration apps.
    public var migrationApps: [MigrationApp] {
        storage[MigrationAppsKey.self]?.apps ?? []
    }

    /// Applies pending migrations, as `migrate` does.
    ///
    /// ```swift
    /// try await app.migrate()                               // everything
    /// try await app.migrate(to: .zero(app: "blog"))         // unapply blog's migrations
    /// ```
    /// - Parameters:
    ///   - target: Where to take the database.
    ///   - options: Faking, accepting edited migrations.
    ///   - progress: Called as migrations start and finish.
    /// - Returns: The steps taken.
    @discardableResult
    public func migrate(
        to target: MigrationTarget = .latest,
        options: MigrationExecutor.Options = MigrationExecutor.Options(),
        progress: @escaping @Sendable (MigrationExecutor.Event) -> Void = { _ in }
    ) async throws -> [MigrationStep] {
        let steps = try await migrationExecutor().migrate(to: target, options: options, progress: progress)
        try await runPostMigrateHooks()
        return steps
    }

    /// An executor over the registered apps and the migrations database.
    public func migrationExecutor() throws -> MigrationExecutor {
        guard let registration = storage[MigrationAppsKey.self] else {
            throw MigrationError(.unsupported, "no migrations are registered; call app.useMigrations(…)")
        }
        guard let databases = configuredDatabases else {
            throw MigrationError(.unsupported, "no database is configured; call app.useDatabases(backends:) before migrating")
        }
        let database = try databases.named(registration.database)
        return MigrationExecutor(database: database, loader: try MigrationLoader(apps: registration.apps))
    }

    /// The loader over the registered apps.
    func migrationLoader() throws -> MigrationLoader {
        try MigrationLoader(apps: migrationApps)
    }

    static func report(_ event: MigrationExecutor.Event, on console: Console) {
        switch event {
        case .started: console.write("  " + event.description)
        case .finished, .upToDate, .checksumUpdated: console.print(event.description)
        }
    }
}
