public import Roost

extension Request {
    /// Asks the backends, in order, who the credentials belong to (Django's `authenticate`);
    /// throttled per username and client address. Does not log the user in: pass the result
    /// to ``login(_:)``.
    ///
    /// ```swift
    /// app.post("/api/login", options: .csrfExempt) { req in
    ///     let body = try await req.decodeJSON(LoginBody.self)
    ///     guard let user = try await req.authenticate(username: body.username, password: body.password) else {
    ///         throw HTTPError(.unauthorized, "Wrong username or password")
    ///     }
    ///     let (token, _) = try await TokenBackend<User>.issue(for: user.model(as: User.self)!, on: req.db)
    ///     return ["token": token]
    /// }
    /// ```
    /// - Returns: The user, or `nil` when no backend recognises the credentials.
    /// - Throws: ``LoginThrottled`` (429) after too many failures; database errors.
    /// - Precondition: the app called `useAuth`.
    public func authenticate(_ credentials: Credentials) async throws -> RequestUser? {
        try await requireAuthEngine().authenticate(credentials, request: self)
    }

    /// ``authenticate(_:)`` with a username and a password.
    public func authenticate(username: String, password: String) async throws -> RequestUser? {
        try await authenticate(Credentials(username: username, password: password))
    }

    /// Logs a user returned by ``authenticate(_:)`` in (Django's `login`): the session gets
    /// a new key (or is emptied if it belonged to someone else) and remembers the user, the
    /// CSRF token is rotated and `last_login` is updated. ``user`` changes for the rest of the
    /// request.
    /// - Precondition: the user is authenticated, sessions and `useAuth` are on.
    public func login(_ user: RequestUser) async throws {
        guard let model = user.model else { preconditionFailure("Roost: login(_:) needs an authenticated user") }
        try await requireAuthEngine().login(model, backend: user.backend, request: self)
    }

    /// Logs a user in without checking credentials — after a sign-up, or when an OAuth
    /// callback has identified them.
    /// - Parameters:
    ///   - user: A saved user of the app's user model.
    ///   - backend: The name of the backend that will restore the user from the session on
    ///     later requests; the first configured backend when `nil`.
    /// - Throws: ``AuthConfigurationError`` when no configured backend has that name;
    ///   database errors.
    public func login(_ user: some AuthUser, backend: String? = nil) async throws {
        try await requireAuthEngine().login(user, backend: backend, request: self)
    }

    /// Logs the user out (Django's `logout`): empties the session, gives it a new key and
    /// deletes the old one from the store. ``user`` becomes anonymous for the rest of the request.
    public func logout() {
        requireAuthEngine().logout(request: self)
    }

    /// Keeps the current user logged in after their password changed (Django's
    /// `update_session_auth_hash`); every other session of the user ends.
    /// - Parameter user: The user, with the new password hash.
    public func updateSessionAuthHash(for user: some AuthUser) {
        requireAuthEngine().updateSessionAuthHash(user, request: self)
    }

    private func requireAuthEngine() -> any AuthEngine {
        guard let engine = authEngine else {
            preconditionFailure("Roost: auth is not set up; call app.useAuth() first")
        }
        return engine
    }
}
