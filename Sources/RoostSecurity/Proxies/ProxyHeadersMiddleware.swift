public import Roost

/// Behind trusted reverse proxies, takes the client's address from `X-Forwarded-For` and
/// whether it used HTTPS from `X-Forwarded-Proto` (and, if enabled, the host from
/// `X-Forwarded-Host`), so that `req.connection.remoteAddress`, `req.scheme`, HSTS, secure
/// cookies and CSRF's HTTPS checks see the client's view. Werkzeug's `ProxyFix`.
///
/// The headers are believed only when the connection comes from a ``TrustedProxies``
/// address. `X-Forwarded-For` is read right to left, skipping trusted proxies, so a client
/// cannot prepend a fake address.
public struct ProxyHeadersMiddleware: Middleware {
    /// The trusted proxies.
    public let proxies: TrustedProxies

    static let forwardedFor = HTTPField.Name("X-Forwarded-For")!
    static let forwardedProto = HTTPField.Name("X-Forwarded-Proto")!
    static let forwardedHost = HTTPField.Name("X-Forwarded-Host")!

    /// Creates the middleware.
    public init(proxies: TrustedProxies) {
        self.proxies = proxies
    }

    public func respond(to request: Request, next: Next) async throws -> Response {
        guard let peer = request.connection.remoteAddress, proxies.trusts(peer) else { return try await next(request) }
        var request = request
        let chain = request.headers[values: Self.forwardedFor].flatMap { $0.split(separator: ",") }.map { String($0).trimmingSpaces() }
        if !chain.isEmpty {
            // The rightmost address no trusted proxy owns is the client.
            var client = chain[0]
            for address in chain.reversed() where !proxies.trusts(address) {
                client = address
                break
            }
            if IPAddressRange.parse(Substring(client)) != nil { request.connection.remoteAddress = client }
        }
        if let proto = Self.lastValue(of: Self.forwardedProto, in: request.headers)?.lowercased() {
            if proto == "https" { request.connection.isSecure = true } else if proto == "http" { request.connection.isSecure = false }
            request.head.scheme = request.connection.isSecure ? "https" : "http"
        }
        if proxies.trustsForwardedHost, let host = Self.lastValue(of: Self.forwardedHost, in: request.headers), !host.isEmpty {
            request.head.authority = host
        }
        return try await next(request)
    }

    /// The value the nearest proxy added: the last of a comma-separated list.
    static func lastValue(of name: HTTPField.Name, in fields: HTTPFields) -> String? {
        fields[values: name].flatMap { $0.split(separator: ",") }.last.map { String($0).trimmingSpaces() }
    }
}
