public import Roost

extension Request {
    /// The visitor's session; see ``Session``.
    ///
    /// ```swift
    /// app.get("/visits") { req in
    ///     let visits = (req.session[.visits] ?? 0) + 1
    ///     req.session[.visits] = visits
    ///     return "Visit number \(visits)"
    /// }
    /// ```
    /// - Precondition: the app called `useSessions` (or `useSecurity`), or the route is
    ///   behind a ``SessionMiddleware``.
    public var session: Session {
        guard let session = storage[SessionStorageKey.self] else {
            preconditionFailure("Roost: no session middleware ran for this request; call app.useSessions() or app.useSecurity() first")
        }
        return session
    }

    /// The visitor's session, or `nil` when no session middleware ran (for code that works
    /// with and without sessions).
    public var sessionIfAvailable: Session? {
        storage[SessionStorageKey.self]
    }
}
