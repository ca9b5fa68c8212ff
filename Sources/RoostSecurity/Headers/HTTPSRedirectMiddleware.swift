public import Roost

/// Redirects plain-HTTP requests to the same URL over HTTPS (`301`): Django's
/// `SECURE_SSL_REDIRECT`. Behind a TLS-terminating proxy, configure ``TrustedProxies`` so
/// that requests the proxy received over HTTPS are recognised (otherwise they loop).
public struct HTTPSRedirectMiddleware: Middleware {
    /// The host to redirect to instead of the request's (Django's `SECURE_SSL_HOST`).
    public let host: String?

    /// Creates the middleware.
    public init(host: String? = nil) {
        self.host = host
    }

    public func respond(to request: Request, next: Next) async throws -> Response {
        guard !request.connection.isSecure else { return try await next(request) }
        guard let target = host ?? request.host else { return try await next(request) }
        return .redirect(to: "https://\(target)\(request.head.path ?? "/")", status: .movedPermanently)
    }
}
