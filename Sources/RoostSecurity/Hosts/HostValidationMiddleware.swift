public import Roost

/// Answers `400 Bad Request` to requests whose `Host` is not in ``AllowedHosts``. Installed
/// by ``Roost/App/useSecurity(_:)``.
///
/// ```swift
/// app.use(HostValidationMiddleware(allowedHosts: AllowedHosts(["example.com"], debug: false)))
/// ```
public struct HostValidationMiddleware: Middleware {
    /// The allowed hosts.
    public let allowedHosts: AllowedHosts

    /// Creates the middleware.
    public init(allowedHosts: AllowedHosts) {
        self.allowedHosts = allowedHosts
    }

    public func respond(to request: Request, next: Next) async throws -> Response {
        guard let host = request.host, allowedHosts.allows(host) else {
            return await request.errorResponse(for: DisallowedHostError(host: request.host, debug: request.app.debug))
        }
        return try await next(request)
    }
}

/// A request for a host the app does not serve (Django's `DisallowedHost`): `400`, with the
/// host and the fix named only in DEBUG. Handle it with `app.onError(DisallowedHostError.self)`.
public struct DisallowedHostError: HTTPResponseError, Sendable, CustomStringConvertible {
    /// The `Host` the client sent, if any.
    public let host: String?
    let debug: Bool

    /// `400 Bad Request`.
    public var status: HTTPResponse.Status { .badRequest }

    public var publicReason: String? {
        guard debug else { return nil }
        guard let host else { return "The request has no Host header." }
        let domain = AllowedHosts.domain(of: host) ?? host
        return "Invalid Host header: '\(host)'. You may need to add '\(domain)' to ALLOWED_HOSTS."
    }

    public var description: String { "disallowed host \(host.map { "'\($0)'" } ?? "(none)")" }
}
