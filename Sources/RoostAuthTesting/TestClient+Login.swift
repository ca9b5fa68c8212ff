public import RoostAuth
public import RoostTesting
import Roost
import RoostSessions

extension TestClient {
    /// Logs `user` in without a password or a request: Django's `client.force_login`. The
    /// client gets a fresh session that remembers the user, exactly as a real login leaves
    /// it, so later requests see `req.user` as this user.
    ///
    /// ```swift
    /// let client = try app.testClient()
    /// try await client.login(ada)
    /// #expect(try await client.get("/dashboard").status == .ok)
    /// ```
    /// - Parameters:
    ///   - user: A saved user of the app's user model.
    ///   - backend: The backend name to remember; the first configured backend by default.
    /// - Throws: ``RoostAuthTestingError`` when the app has no auth or no sessions; the
    ///   session store's errors.
    public func login(_ user: some AuthUser, backend: String? = nil) async throws {
        guard let engine = app.storage[AuthEngineKey.self] else {
            throw RoostAuthTestingError(description: "the app does not use auth; call app.useAuth() before making the client")
        }
        guard let sessions = app.storage[SessionsInstallation.self] else {
            throw RoostAuthTestingError(description: "the app has no sessions; call app.useSecurity() or app.useSessions()")
        }
        let values = engine.sessionValues(for: user, backend: backend)
        let cookie = try await sessions.makeSessionCookie { session in
            for (key, value) in values { session[Session.Key<String>(key)] = value }
        }
        setCookie(cookie.name, cookie.value)
    }

    /// Forgets the client's session cookie, so it is anonymous again (Django's
    /// `client.logout`, without telling the server).
    public func logout() {
        guard let sessions = app.storage[SessionsInstallation.self] else { return }
        removeCookie(sessions.configuration.cookieName)
    }
}

/// A test helper used on an app that lacks what it needs.
public struct RoostAuthTestingError: Error, CustomStringConvertible {
    /// What is missing.
    public let description: String
}
