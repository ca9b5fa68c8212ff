import Roost
import RoostSecurity
import RoostSessions

/// Works out who each request acts for and enforces the route's access requirements:
/// Django's `AuthenticationMiddleware` with `login_required` and friends. Installed by
/// `useAuth`, after the session and CSRF middleware.
///
/// In order:
/// 1. a request proving itself (`Authorization: Bearer …`) is authenticated by the backends;
///    credentials that a backend recognises but none accepts (an unknown or expired token)
///    are answered `401` at once;
/// 2. otherwise the session's user is restored (unless the route is CSRF-exempt and the
///    method unsafe: such a route must not act on cookies, or exempting it would open a
///    cross-site request forgery hole);
/// 3. the route's ``Roost/RouteOptions`` requirements (``Roost/RouteOptions/requireLogin``,
///    ``Roost/RouteOptions/requireStaff``, ``Roost/RouteOptions/requirePermission(_:)``) are
///    checked.
struct AuthMiddleware<U: AuthUser>: Middleware {
    let service: AuthService<U>

    func respond(to request: Request, next: Next) async throws -> Response {
        if request.storage[UserStateKey.self] != nil { return try await next(request) }
        var request = request
        let state = UserState(model: nil, backend: nil)
        request.storage[UserStateKey.self] = state
        if let found = try await service.authenticateRequest(request) {
            state.set(found.user, backend: found.backend)
        } else if service.requestPresentsCredentials(request) {
            return await request.errorResponse(for: AuthenticationRequired.invalidToken)
        } else if let session = request.sessionIfAvailable, !Self.ignoresSession(request) {
            if let restored = try await service.restore(from: session, request: request) {
                state.set(restored.user, backend: restored.backend)
            }
        }
        if let requirement = request.route?.options.accessRequirement,
            let refusal = try await AccessCheck.refusal(for: request, requirement: requirement)
        {
            return refusal
        }
        return try await next(request)
    }

    /// Unsafe methods on CSRF-exempt routes never use the session.
    static func ignoresSession(_ request: Request) -> Bool {
        guard let route = request.route, route.options.csrfExempt else { return false }
        let method = request.method
        return !(method == .get || method == .head || method == .options || method == .trace)
    }
}
