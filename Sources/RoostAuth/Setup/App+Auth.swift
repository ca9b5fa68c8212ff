public import Roost
import RoostDatabase
import RoostSessions
import RoostSigning
import RoostTemplates

extension App {
    /// Turns on users, groups, permissions and logins with the default ``User`` model:
    /// `req.user` on every request, the login, logout and password pages under `/accounts/`,
    /// the route requirements (``Roost/RouteOptions/requireLogin``), `user` in templates, and
    /// the `createsuperuser`, `syncpermissions` and `clearloginattempts` commands.
    ///
    /// ```swift
    /// let app = try App()
    /// try app.useDatabases(backends: [SQLiteBackend(), PostgresBackend()])
    /// try app.useSecurity()                                    // sessions and CSRF first
    /// try app.useAuth { auth in
    ///     auth.permissions.register(Post.self, app: "blog")
    /// }
    /// app.get("/dashboard", options: .requireLogin) { req in "Hello \(req.user.username)" }
    /// app.group("/api", options: RouteOptions.requireLogin.exemptingCSRF()) { api in … }   // Bearer tokens
    /// ```
    ///
    /// Call it after `useDatabases` and `useSecurity` (or `useSessions`): its middleware must
    /// run after the session middleware. Create the tables with ``createAuthTables()``, or
    /// list ``AuthModels/all(userModel:)`` in a migration app and let `makemigrations` and
    /// `migrate` manage them.
    /// - Parameter configure: Adjusts the configuration read from the settings.
    /// - Throws: ``AuthConfigurationError`` for an impossible set-up (no database, sessions
    ///   missing, a user model without the fields auth needs); `SigningError` without
    ///   `SECRET_KEY`; `SettingsError` for a setting that does not parse.
    public func useAuth(_ configure: (inout AuthConfiguration<User>) -> Void = { _ in }) throws {
        try useAuth(userModel: User.self, configure)
    }

    /// ``useAuth(_:)`` with the app's own user model (Django's `AUTH_USER_MODEL`).
    ///
    /// ```swift
    /// try app.useAuth(userModel: Member.self) { auth in auth.backends = [ModelBackend(), TokenBackend()] }
    /// ```
    /// - Parameters:
    ///   - userModel: A model conforming to ``AuthUser``.
    ///   - configure: Adjusts the configuration read from the settings.
    public func useAuth<U: AuthUser>(userModel: U.Type, _ configure: (inout AuthConfiguration<U>) -> Void = { _ in }) throws {
        var configuration = try AuthConfiguration<U>(settings: settings)
        configure(&configuration)
        var problems = UserLookup.problems(of: U.self)
        if configuration.backends.isEmpty { problems.append("no authentication backend is configured") }
        let names = configuration.backends.map(\.name)
        if Set(names).count != names.count { problems.append("two backends share a name: \(names.joined(separator: ", "))") }
        if storage[AuthEngineKey.self] != nil { problems.append("useAuth was already called") }
        if configuration.routePrefix != nil, sessionStore == nil {
            problems.append("the login pages need sessions: call app.useSecurity() (or app.useSessions()) before app.useAuth()")
        }
        let throttleStore = configuration.throttleStore ?? configuredDatabases.map { DatabaseLoginThrottleStore(database: $0.default) }
        if configuredDatabases == nil {
            problems.append("auth keeps users in the database: call app.useDatabases(backends:) before app.useAuth()")
        }
        guard problems.isEmpty else { throw AuthConfigurationError(problems: problems) }

        configuration.permissions.register(U.self, app: configuration.userAppLabel)
        configuration.permissions.register(Group.self, app: "auth")
        configuration.permissions.register(Permission.self, app: "auth")
        configuration.permissions.register(ContentType.self, app: "contenttypes")
        let service = AuthService(configuration: configuration, keys: try SigningKeys(settings: settings), throttleStore: throttleStore)
        storage[AuthEngineKey.self] = service
        use(AuthMiddleware(service: service))
        addTemplateContext { request in ["user": .object(UserTemplateObject(request.user))] }
        addTemplateLoader(DictionaryLoader(AuthTemplates.all))
        if let prefix = configuration.routePrefix { register(AuthRoutes.blueprint(service), at: prefix) }
        registerCommand(CreateSuperuserCommand.self)
        registerCommand(SyncPermissionsCommand.self)
        afterMigrate { app in try await app.syncAuthPermissionsAfterMigrating() }
        registerCommand(ClearLoginAttemptsCommand.self)
    }

    /// Creates the auth tables that do not exist yet on the default database — content
    /// types, permissions, groups, users and their join tables, API tokens, login attempts —
    /// and the registered permissions. Safe to call on every start; apps that manage their
    /// schema with migrations list ``AuthModels/all(userModel:)`` in a migration app instead.
    /// - Throws: ``AuthConfigurationError`` before `useAuth`; database errors.
    public func createAuthTables() async throws {
        let (engine, databases) = try authSetup()
        try await engine.createTables(on: databases.default)
    }

    /// Creates the content types and permissions of the registered models that do not
    /// exist yet (Django does it after every `migrate`).
    /// - Returns: How many permissions were created.
    @discardableResult
    public func syncAuthPermissions() async throws -> Int {
        let (engine, databases) = try authSetup()
        return try await engine.syncPermissions(on: databases.default)
    }

    /// The post-migrate hook: permissions for new models, as Django creates them after every
    /// `migrate`; nothing when a backwards migration has removed auth's tables.
    func syncAuthPermissionsAfterMigrating() async throws {
        do {
            let created = try await syncAuthPermissions()
            if created > 0 { console.print("Created \(created) permission(s).") }
        } catch let error as DatabaseError where error.code == .tableNotFound {
            return
        }
    }

    func authSetup() throws(AuthConfigurationError) -> (any AuthEngine, Databases) {
        guard let engine = storage[AuthEngineKey.self] else { throw AuthConfigurationError(problems: ["call app.useAuth() first"]) }
        guard let databases = configuredDatabases else {
            throw AuthConfigurationError(problems: ["no database is configured; call app.useDatabases(backends:) first"])
        }
        return (engine, databases)
    }
}

/// An auth set-up that cannot work, reported by `useAuth` when the app is set up.
public struct AuthConfigurationError: Error, Sendable, CustomStringConvertible {
    /// Every problem found.
    public let problems: [String]

    /// Every problem, one per line.
    public var description: String {
        "auth is misconfigured:\n" + problems.map { "  - \($0)" }.joined(separator: "\n")
    }
}
