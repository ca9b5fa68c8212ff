#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
public import Roost

/// Adds the protective headers of ``SecurityHeaders`` to every response (errors and
/// redirects included), unless the handler set the header itself. Installed by
/// ``Roost/App/useSecurity(_:)``.
///
/// `X-Frame-Options` follows the route's ``Roost/RouteOptions/frameOptions`` when it sets one.
/// HSTS goes only on responses to secure requests (directly or through a trusted proxy).
public struct SecurityHeadersMiddleware: Middleware {
    /// The headers to add.
    public let headers: SecurityHeaders

    static let frameOptionsName = HTTPField.Name("X-Frame-Options")!
    static let contentTypeOptionsName = HTTPField.Name("X-Content-Type-Options")!
    static let referrerPolicyName = HTTPField.Name("Referrer-Policy")!
    static let openerPolicyName = HTTPField.Name("Cross-Origin-Opener-Policy")!
    static let strictTransportSecurityName = HTTPField.Name("Strict-Transport-Security")!

    /// Creates the middleware.
    public init(headers: SecurityHeaders) {
        self.headers = headers
    }

    public func respond(to request: Request, next: Next) async throws -> Response {
        var request = request
        var nonce: String?
        if let policy = headers.contentSecurityPolicy, policy.usesNonce {
            let fresh = Self.makeNonce()
            nonce = fresh
            request.storage[CSPNonceKey.self] = fresh
        }
        var response = try await next(request)
        let frame = request.route?.options.frameOptions ?? headers.frameOptions
        if frame != .exempt { response.setIfAbsent(Self.frameOptionsName, frame.rawValue) }
        if headers.contentTypeNosniff { response.setIfAbsent(Self.contentTypeOptionsName, "nosniff") }
        if let policy = headers.referrerPolicy { response.setIfAbsent(Self.referrerPolicyName, policy) }
        if let policy = headers.crossOriginOpenerPolicy { response.setIfAbsent(Self.openerPolicyName, policy) }
        if request.connection.isSecure, let hsts = headers.strictTransportSecurity {
            response.setIfAbsent(Self.strictTransportSecurityName, hsts.headerValue)
        }
        if let policy = headers.contentSecurityPolicy, let name = HTTPField.Name(policy.headerName) {
            response.setIfAbsent(name, policy.headerValue(nonce: nonce))
        }
        return response
    }

    /// 16 random bytes in base64: a CSP nonce.
    static func makeNonce() -> String {
        var generator = SystemRandomNumberGenerator()
        var bytes: [UInt8] = []
        for _ in 0..<2 {
            let word = generator.next()
            for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: word >> UInt64(shift))) }
        }
        return Data(bytes).base64EncodedString()
    }
}

/// Where the request's CSP nonce is kept.
enum CSPNonceKey: RequestStorageKey {
    typealias Value = String
}

extension Request {
    /// The request's Content-Security-Policy nonce, when the policy uses
    /// ``ContentSecurityPolicy/Source/nonce``; templates see it as `csp_nonce`.
    public var cspNonce: String? { storage[CSPNonceKey.self] }
}

extension Response {
    mutating func setIfAbsent(_ name: HTTPField.Name, _ value: String) {
        if headerFields[name] == nil { headerFields[name] = value }
    }
}
