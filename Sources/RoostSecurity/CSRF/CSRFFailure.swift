public import Roost

/// An unsafe request refused by CSRF protection: `403 Forbidden`. The page says only
/// "CSRF verification failed" unless DEBUG is on, when it names the reason and the fix.
///
/// Replace the page with your own like any error:
///
/// ```swift
/// app.onError(CSRFFailure.self) { req, failure in
///     try req.render("csrf_failure.html", ["reason": .string(failure.reason.description)], status: .forbidden)
/// }
/// ```
public struct CSRFFailure: HTTPResponseError, Sendable, CustomStringConvertible {
    /// Why the request was refused.
    public struct Reason: Sendable, Hashable, CustomStringConvertible {
        private enum Kind: Hashable, Sendable {
            case badOrigin(String), noReferer, malformedReferer, insecureReferer, badReferer(String)
            case missingSecret, missingToken, malformedToken, incorrectToken
        }

        private let kind: Kind

        /// `Origin` names a site that is neither this one nor trusted.
        public static func badOrigin(_ origin: String) -> Reason { Reason(kind: .badOrigin(origin)) }
        /// An HTTPS request without `Origin` or `Referer`.
        public static var noReferer: Reason { Reason(kind: .noReferer) }
        /// A `Referer` that is not a URL.
        public static var malformedReferer: Reason { Reason(kind: .malformedReferer) }
        /// An HTTPS request referred from a plain-HTTP page.
        public static var insecureReferer: Reason { Reason(kind: .insecureReferer) }
        /// A `Referer` from a site that is neither this one nor trusted.
        public static func badReferer(_ referer: String) -> Reason { Reason(kind: .badReferer(referer)) }
        /// No CSRF cookie (or session secret): the browser refused cookies or the page was
        /// not served by this app.
        public static var missingSecret: Reason { Reason(kind: .missingSecret) }
        /// No token in the form field nor the header.
        public static var missingToken: Reason { Reason(kind: .missingToken) }
        /// A token of the wrong length or with characters a token cannot have.
        public static var malformedToken: Reason { Reason(kind: .malformedToken) }
        /// A well-formed token for another secret.
        public static var incorrectToken: Reason { Reason(kind: .incorrectToken) }

        public var description: String {
            switch kind {
            case .badOrigin(let origin): "Origin checking failed - \(origin) does not match any trusted origins."
            case .noReferer: "Referer checking failed - no Referer."
            case .malformedReferer: "Referer checking failed - Referer is malformed."
            case .insecureReferer: "Referer checking failed - Referer is insecure while host is secure."
            case .badReferer(let referer): "Referer checking failed - \(referer) does not match any trusted origins."
            case .missingSecret: "CSRF cookie not set."
            case .missingToken: "CSRF token missing."
            case .malformedToken: "CSRF token has incorrect length or invalid characters."
            case .incorrectToken: "CSRF token incorrect."
            }
        }
    }

    /// Why the request was refused.
    public let reason: Reason
    let debug: Bool

    /// Creates the failure.
    /// - Parameters:
    ///   - reason: Why.
    ///   - debug: Whether the page may explain it (DEBUG).
    public init(_ reason: Reason, debug: Bool) {
        self.reason = reason
        self.debug = debug
    }

    /// `403 Forbidden`.
    public var status: HTTPResponse.Status { .forbidden }

    public var publicReason: String? {
        guard debug else { return "CSRF verification failed. Request aborted." }
        return "CSRF verification failed. Request aborted. Reason: \(reason) "
            + "Forms must include {{ csrf_input }} in their <form>; JavaScript must send {{ csrf_token }} "
            + "(or the csrftoken cookie) in the X-CSRFToken header; the browser must accept cookies; "
            + "a form posted from another origin needs that origin in CSRF_TRUSTED_ORIGINS; "
            + "routes that must accept cross-site posts (webhooks) can opt out with RouteOptions.csrfExempt. "
            + "You see these details because DEBUG is on."
    }

    public var description: String { "CSRF verification failed: \(reason)" }
}
