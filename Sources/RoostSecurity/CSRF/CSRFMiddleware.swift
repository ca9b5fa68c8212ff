#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Logging
import NIOCore
public import Roost
import RoostSessions
import Synchronization

/// Refuses cross-site request forgery: every `POST`, `PUT`, `PATCH` and `DELETE` must carry
/// the token of the visitor's CSRF secret, in the `csrfmiddlewaretoken` form field or the
/// `X-CSRFToken` header, and must come from this site or a trusted origin. Django's
/// `CsrfViewMiddleware`, same algorithm. Installed by ``Roost/App/useSecurity(_:)``.
///
/// Order of the checks for an unsafe method on a route that is not
/// ``Roost/RouteOptions/csrfExempt``:
/// 1. an `Origin` header must be this site's origin or a trusted one;
/// 2. without `Origin`, an HTTPS request must have an HTTPS `Referer` from this host or a
///    trusted one;
/// 3. the secret must exist (cookie or session) and the submitted token must carry it
///    (compared in constant time).
///
/// A refusal is a ``CSRFFailure`` (`403`), answered through the app's error handlers.
/// Requests no route matched are not checked (they fail anyway).
public struct CSRFMiddleware: Middleware {
    /// The configuration.
    public let configuration: CSRFConfiguration
    private let origins: TrustedOrigins

    /// Creates the middleware.
    /// - Parameter configuration: Where the secret lives, trusted origins, names.
    public init(configuration: CSRFConfiguration = CSRFConfiguration()) {
        self.configuration = configuration
        self.origins = TrustedOrigins(configuration.trustedOrigins, cookieDomain: configuration.cookieDomain)
    }

    public func respond(to request: Request, next: Next) async throws -> Response {
        if request.storage[CSRFStateKey.self] != nil { return try await next(request) }
        let (secret, changed) = loadSecret(request)
        let state = CSRFState(secret: secret, changed: changed)
        var request = request
        request.storage[CSRFStateKey.self] = state
        if Self.isUnsafe(request.method), let route = request.route, !route.options.csrfExempt {
            if let reason = try await verify(&request, secret: secret) {
                request.logger.warning("Forbidden (\(reason)): \(request.path)")
                return await request.errorResponse(for: CSRFFailure(reason, debug: request.app.debug))
            }
        }
        var response = try await next(request)
        try store(state, on: &response, for: request)
        return response
    }

    static func isUnsafe(_ method: HTTPRequest.Method) -> Bool {
        !(method == .get || method == .head || method == .options || method == .trace)
    }

    /// The secret the client holds; a malformed one is replaced.
    private func loadSecret(_ request: Request) -> (secret: String?, changed: Bool) {
        let stored: String?
        switch configuration.storage {
        case .cookie: stored = request.cookies[configuration.cookieName]
        case .session: stored = request.sessionIfAvailable?[.csrfSecret]
        }
        guard let stored else { return (nil, false) }
        if CSRFToken.isSecret(stored) { return (stored, false) }
        // A masked token stored by older software still carries a secret; anything else is junk.
        if stored.utf8.count == CSRFToken.tokenLength, let secret = CSRFToken.unmask(stored) { return (secret, true) }
        return (CSRFToken.makeSecret(), true)
    }

    /// The reason to refuse the request, or `nil`. May buffer the body to read the form field.
    private func verify(_ request: inout Request, secret: String?) async throws -> CSRFFailure.Reason? {
        if let reason = origins.check(request) { return reason }
        guard let secret else { return .missingSecret }
        guard let submitted = try await submittedToken(&request), !submitted.isEmpty else { return .missingToken }
        guard let submittedSecret = CSRFToken.secret(fromSubmitted: submitted) else { return .malformedToken }
        return CSRFToken.equals(submittedSecret, secret) ? nil : .incorrectToken
    }

    /// The token from the header, or from the form field of a form body.
    private func submittedToken(_ request: inout Request) async throws -> String? {
        if let header = request.headers[configuration.headerName] { return header }
        let contentType = (request.headers[.contentType] ?? "").lowercased()
        let isURLEncoded = contentType.hasPrefix("application/x-www-form-urlencoded")
        guard isURLEncoded || contentType.hasPrefix("multipart/form-data") else { return nil }
        // Read the body once and hand the handler a buffered copy it can read again.
        let buffer = try await request.collectBody()
        request.body = RequestBody(buffer: buffer)
        if isURLEncoded {
            return QueryParameters(parsing: Substring(String(decoding: buffer.readableBytesView, as: UTF8.self)))[configuration.formField]
        }
        return try? await request.form()[configuration.formField]
    }

    /// Stores a new or rotated secret, refreshes the cookie of a used one, and marks
    /// responses that embed a token as varying by cookie.
    private func store(_ state: CSRFState, on response: inout Response, for request: Request) throws {
        let snapshot = state.state.withLock { $0 }
        guard let secret = snapshot.secret, snapshot.used || snapshot.changed else { return }
        switch configuration.storage {
        case .session:
            if snapshot.changed { request.sessionIfAvailable?[.csrfSecret] = secret }
        case .cookie:
            let secure: Bool
            switch configuration.secure {
            case .automatic: secure = request.connection.isSecure
            case .always: secure = true
            case .never: secure = false
            }
            let maxAge = Int(configuration.cookieMaxAge.components.seconds)
            response.setCookie(Cookie(
                name: configuration.cookieName, value: secret, maxAge: maxAge,
                expires: Date().timeIntervalSince1970 + Double(maxAge), domain: configuration.cookieDomain,
                path: configuration.cookiePath, secure: secure, httpOnly: configuration.httpOnly,
                sameSite: configuration.sameSite
            ))
        }
        if snapshot.used { response.addVary("Cookie") }
    }
}

extension Session.Key where Value == String {
    /// Where the CSRF secret lives with `CSRF_USE_SESSIONS`.
    static let csrfSecret = Session.Key<String>("_csrftoken")
}

extension Response {
    /// Adds a name to `Vary` unless it is listed already.
    mutating func addVary(_ name: String) {
        let listed = headerFields[values: .vary].flatMap { $0.split(separator: ",") }.map { $0.filter { $0 != " " }.lowercased() }
        if listed.contains(name.lowercased()) || listed.contains("*") { return }
        headerFields.append(HTTPField(name: .vary, value: name))
    }
}
