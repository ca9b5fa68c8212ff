/// Whether other sites may show the app's pages in a frame: the `X-Frame-Options` header,
/// against clickjacking. Django's `X_FRAME_OPTIONS` and its `xframe_options_*` decorators.
///
/// ```swift
/// app.get("/embed", options: .frameOptions(.sameOrigin)) { … }   // framed by our own pages
/// app.get("/widget", options: .frameOptions(.exempt)) { … }      // framed by anyone
/// ```
public enum FrameOptions: String, Sendable {
    /// `DENY`: never in a frame. The default.
    case deny = "DENY"
    /// `SAMEORIGIN`: only in frames of the same origin.
    case sameOrigin = "SAMEORIGIN"
    /// No header: any site may frame the page.
    case exempt = ""
}

/// `Strict-Transport-Security`: browsers that saw it use only HTTPS for the host until
/// `maxAge` runs out. Sent only on responses to secure requests.
///
/// ```swift
/// security.headers.strictTransportSecurity = StrictTransportSecurity(
///     maxAge: .seconds(63_072_000), includeSubdomains: true, preload: true
/// )
/// ```
public struct StrictTransportSecurity: Sendable, Equatable {
    /// How long browsers remember; one year by default.
    public var maxAge: Duration
    /// Whether subdomains are covered too.
    public var includeSubdomains: Bool
    /// Whether the site asks to be on browsers' preload list (needs a long `maxAge` and
    /// `includeSubdomains`).
    public var preload: Bool

    /// Creates the policy.
    public init(maxAge: Duration = .seconds(31_536_000), includeSubdomains: Bool = false, preload: Bool = false) {
        self.maxAge = maxAge
        self.includeSubdomains = includeSubdomains
        self.preload = preload
    }

    /// The header's value, e.g. `max-age=31536000; includeSubDomains`.
    public var headerValue: String {
        var value = "max-age=\(maxAge.components.seconds)"
        if includeSubdomains { value += "; includeSubDomains" }
        if preload { value += "; preload" }
        return value
    }
}
