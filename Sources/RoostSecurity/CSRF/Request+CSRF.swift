public import Roost

extension Request {
    /// A CSRF token for this request, to embed in a form (`csrf_input` in templates writes the
    /// whole hidden field) or hand to JavaScript for the `X-CSRFToken` header. Each call gives
    /// a different masked token for the same secret; all of them are valid.
    ///
    /// ```swift
    /// app.get("/api/csrf") { req in ["token": req.csrfToken] }
    /// ```
    /// - Precondition: CSRF protection is on (`useSecurity`).
    public var csrfToken: String {
        guard let state = storage[CSRFStateKey.self] else {
            preconditionFailure("Roost: CSRF protection is not on for this request; call app.useSecurity() first")
        }
        return state.token()
    }

    /// A CSRF token, or `nil` when CSRF protection is not on.
    public var csrfTokenIfAvailable: String? {
        storage[CSRFStateKey.self]?.token()
    }

    /// Replaces the CSRF secret, so tokens issued before stop working: call it at login
    /// (RoostAuth does), with ``RoostSessions/Session/cycleKey()``. Django's `rotate_token`.
    public func rotateCSRFToken() {
        storage[CSRFStateKey.self]?.rotate()
    }
}
