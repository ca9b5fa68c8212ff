#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
public import Roost
import RoostSigning
import RoostTemplates
import Synchronization

extension App {
    /// Turns sessions and flash messages on: loads and saves ``Session``s around every
    /// request, adds `messages` to templates, and registers the `clearsessions` command.
    ///
    /// ```swift
    /// try app.useSessions()                                         // signed cookies
    /// try app.useSessions(store: DatabaseSessionStore(database: app.databases.default))
    /// ```
    ///
    /// `useSecurity()` (RoostSecurity) calls this for you, in the right place among the
    /// protections; call it yourself only for sessions without the rest.
    /// - Parameters:
    ///   - store: Where sessions live; the signed-cookie store (keys from `SECRET_KEY` and
    ///     `SECRET_KEY_FALLBACKS`) when `nil`.
    ///   - configuration: Cookie and lifetime settings; from the app's settings when `nil`.
    /// - Throws: ``RoostSigning/SigningError/missingSecretKey`` for the default store without
    ///   `SECRET_KEY`; `SettingsError` for a session setting that does not parse.
    public func useSessions(store: (any SessionStore)? = nil, configuration: SessionConfiguration? = nil) throws {
        let middleware = try makeSessionMiddleware(store: store, configuration: configuration)
        use(middleware)
        installSessionExtras(middleware)
    }

    /// The session middleware `useSessions` installs, for callers that place it themselves
    /// (RoostSecurity's `useSecurity`). Call ``installSessionExtras(_:)`` with it too.
    public func makeSessionMiddleware(
        store: (any SessionStore)? = nil, configuration: SessionConfiguration? = nil
    ) throws -> SessionMiddleware {
        let store = try store ?? SignedCookieSessionStore(keys: SigningKeys(settings: settings))
        let configuration = try configuration ?? SessionConfiguration(settings: settings)
        return SessionMiddleware(store: store, configuration: configuration)
    }

    /// Registers what comes with sessions: the `messages` template global, the
    /// `clearsessions` command and the store in ``Roost/App/storage``.
    public func installSessionExtras(_ middleware: SessionMiddleware) {
        storage[SessionsInstallation.self] = SessionsInstallation(store: middleware.store, configuration: middleware.configuration)
        addTemplateContext { request in
            guard request.sessionIfAvailable != nil else { return [:] }
            return ["messages": .object(MessagesTemplateObject(request))]
        }
        registerCommand(ClearSessionsCommand.self)
    }

    /// The session store `useSessions` installed, if any.
    public var sessionStore: (any SessionStore)? {
        storage[SessionsInstallation.self]?.store
    }
}

/// What `useSessions` set up, kept in the app's storage for commands and other modules.
public struct SessionsInstallation: AppStorageKey, Sendable {
    public typealias Value = SessionsInstallation
    /// The store.
    public let store: any SessionStore
    /// The cookie and lifetime settings.
    public let configuration: SessionConfiguration

    static func store(of app: App) throws -> (any SessionStore)? {
        app.storage[SessionsInstallation.self]?.store
    }
}

extension SessionsInstallation {
    /// Saves a new session holding what `fill` writes and returns the cookie that refers to
    /// it, without a request: for test clients that log a user in directly (Django's
    /// `force_login`, RoostAuthTesting's `client.login(user)`) and for tools.
    ///
    /// ```swift
    /// let cookie = try await installation.makeSessionCookie { session in session[.theme] = "dark" }
    /// client.setCookie(cookie.name, cookie.value)
    /// ```
    /// - Parameter fill: Writes the session's values.
    /// - Returns: The cookie's name and value.
    /// - Throws: What `fill` or the store throws.
    public func makeSessionCookie(_ fill: (Session) throws -> Void) async throws -> (name: String, value: String) {
        let session = Session()
        try fill(session)
        var data = session.state.withLock { $0.data }
        data.expiresAt = Date().addingTimeInterval(Double(configuration.maxAge.components.seconds))
        return (configuration.cookieName, try await store.save(data))
    }
}
