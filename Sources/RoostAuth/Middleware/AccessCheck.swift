public import Roost

/// Decides whether a request meets an ``AccessRequirement``, and how to refuse it: a
/// redirect to the login page for browsers, `401` for API clients that are not
/// authenticated, `403` for users who are but lack the right.
enum AccessCheck {
    static func refusal(for request: Request, requirement: AccessRequirement) async throws -> Response? {
        let user = request.user
        guard user.isAuthenticated, user.isActive else {
            if wantsHTML(request) { return redirectToLogin(request) }
            return await request.errorResponse(for: AuthenticationRequired.missing)
        }
        if requirement.staff, !user.isStaff {
            return await request.errorResponse(for: HTTPError(.forbidden, "You do not have permission to view this page."))
        }
        if !requirement.permissions.isEmpty, try await !user.hasPerms(requirement.permissions) {
            return await request.errorResponse(for: HTTPError(.forbidden, "You do not have permission to view this page."))
        }
        return nil
    }

    /// Browsers (they accept HTML and send no `Authorization`) are redirected; API clients are not.
    static func wantsHTML(_ request: Request) -> Bool {
        guard request.headers[.authorization] == nil, let accept = request.headers[.accept] else { return false }
        return accept.lowercased().contains("text/html")
    }

    /// `302` to the login page, with the current path and query as `next`.
    static func redirectToLogin(_ request: Request) -> Response {
        let loginURL = request.authEngine?.loginURL ?? "/accounts/login/"
        let next = request.head.path ?? "/"
        let separator = loginURL.contains("?") ? "&" : "?"
        return .redirect(to: loginURL + separator + QueryParameters([("next", next)]).encoded, status: .found)
    }
}

/// A request that needs a logged-in user and has none: `401 Unauthorized` with a
/// `WWW-Authenticate: Bearer` challenge (browsers are redirected to the login page instead).
public struct AuthenticationRequired: HTTPResponseError, Sendable, CustomStringConvertible {
    private enum Kind: Sendable { case missing, invalidToken }
    private let kind: Kind

    /// No credentials were given.
    public static var missing: AuthenticationRequired { AuthenticationRequired(kind: .missing) }
    /// A Bearer token was given but is unknown, expired, or its user is inactive.
    public static var invalidToken: AuthenticationRequired { AuthenticationRequired(kind: .invalidToken) }

    /// `401 Unauthorized`.
    public var status: HTTPResponse.Status { .unauthorized }

    /// The `WWW-Authenticate: Bearer` challenge, with `error="invalid_token"` for a bad token.
    public var headerFields: HTTPFields {
        switch kind {
        case .missing: [.wwwAuthenticate: "Bearer"]
        case .invalidToken: [.wwwAuthenticate: "Bearer error=\"invalid_token\""]
        }
    }

    /// The message shown to the client.
    public var publicReason: String? {
        switch kind {
        case .missing: "Authentication credentials were not provided."
        case .invalidToken: "Invalid or expired token."
        }
    }

    /// The status and message, for logs.
    public var description: String { "401: \(publicReason ?? "")" }
}

/// Requires a logged-in user for every route of a group or blueprint: the middleware form
/// of ``Roost/RouteOptions/requireLogin``. Place it after `useAuth` (group middleware runs
/// inside the app's).
///
/// ```swift
/// app.group("/account", middleware: [RequireLogin()]) { account in … }
/// ```
public struct RequireLogin: Middleware {
    /// Creates the middleware.
    public init() {}

    /// Answers with the refusal when the requirement is not met, else calls `next`.
    public func respond(to request: Request, next: Next) async throws -> Response {
        try await AccessRequirement().enforce(on: request, next: next)
    }
}

/// Requires a staff user for every route of a group or blueprint (Django's
/// `staff_member_required`).
///
/// ```swift
/// app.group("/staff", middleware: [RequireStaff()]) { staff in … }
/// ```
public struct RequireStaff: Middleware {
    /// Creates the middleware.
    public init() {}

    /// Answers with the refusal when the requirement is not met, else calls `next`.
    public func respond(to request: Request, next: Next) async throws -> Response {
        try await AccessRequirement(staff: true).enforce(on: request, next: next)
    }
}

/// Requires permissions for every route of a group or blueprint (Django's
/// `permission_required`). Several of them add up.
///
/// ```swift
/// app.group("/editor", middleware: [RequirePermission("blog.change_post", "blog.view_post")]) { editor in … }
/// ```
public struct RequirePermission: Middleware {
    /// The permissions required, all of them.
    public let permissions: [String]

    /// Creates the middleware.
    /// - Parameter permissions: Full permission names (`blog.change_post`).
    public init(_ permissions: String...) {
        self.permissions = permissions
    }

    /// Answers with the refusal when the requirement is not met, else calls `next`.
    public func respond(to request: Request, next: Next) async throws -> Response {
        try await AccessRequirement(permissions: permissions).enforce(on: request, next: next)
    }
}

extension AccessRequirement {
    /// The refusal when `request` does not meet the requirement, else `next`'s response: the
    /// body of the `Require…` middleware.
    func enforce(on request: Request, next: Next) async throws -> Response {
        if let refusal = try await AccessCheck.refusal(for: request, requirement: self) { return refusal }
        return try await next(request)
    }
}
