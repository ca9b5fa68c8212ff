public import Roost
public import RoostSessions

/// Everything ``Roost/App/useSecurity(sessions:_:)`` turns on, read from the app's settings
/// and adjustable in code before it is installed.
///
/// ```swift
/// try app.useSecurity { security in
///     security.headers.contentSecurityPolicy = .strict
///     security.csrf.trustedOrigins.append("https://admin.example.com")
/// }
/// ```
///
/// Settings: `ALLOWED_HOSTS`, `DEBUG`, `TRUSTED_PROXIES`, `USE_X_FORWARDED_HOST`,
/// `SECURE_SSL_REDIRECT`, `SECURE_SSL_HOST`, and those of ``SecurityHeaders``,
/// ``CSRFConfiguration`` and `SessionConfiguration`.
public struct SecurityConfiguration: Sendable {
    /// The hosts the app answers for.
    public var allowedHosts: AllowedHosts
    /// The reverse proxies whose `X-Forwarded-*` headers are believed; none by default.
    public var trustedProxies: TrustedProxies
    /// Whether plain-HTTP requests are redirected to HTTPS; off by default.
    public var redirectToHTTPS: Bool
    /// The host to redirect to; the request's by default.
    public var redirectHost: String?
    /// The protective response headers.
    public var headers: SecurityHeaders
    /// Whether unsafe requests are checked for CSRF; on by default.
    public var csrfProtection: Bool
    /// How CSRF protection works.
    public var csrf: CSRFConfiguration
    /// Session cookie and lifetime settings.
    public var sessions: SessionConfiguration

    /// The configuration from the app's settings.
    /// - Throws: `SettingsError` naming a setting whose value does not parse.
    public init(settings: Settings) throws(SettingsError) {
        allowedHosts = AllowedHosts(settings.allowedHosts, debug: settings.debug)
        trustedProxies = try TrustedProxies(
            try settings.value(for: SettingKey("TRUSTED_PROXIES", default: [String]())),
            trustsForwardedHost: try settings.value(for: SettingKey("USE_X_FORWARDED_HOST", default: false))
        )
        redirectToHTTPS = try settings.value(for: SettingKey("SECURE_SSL_REDIRECT", default: false))
        let host = try settings.value(for: SettingKey("SECURE_SSL_HOST", default: ""))
        redirectHost = host.isEmpty ? nil : host
        headers = try SecurityHeaders(settings: settings)
        csrfProtection = true
        csrf = try CSRFConfiguration(settings: settings)
        sessions = try SessionConfiguration(settings: settings)
    }
}

/// Which sessions ``Roost/App/useSecurity(sessions:_:)`` sets up.
public enum SessionSetup: Sendable {
    /// Sessions in signed cookies, keyed by `SECRET_KEY` (the default).
    case signedCookies
    /// Sessions in the given store (``RoostSessions/DatabaseSessionStore``, …).
    case store(any SessionStore)
    /// No sessions: flash messages are unavailable and the CSRF secret stays in its cookie.
    case disabled
}

/// A security set-up that cannot work, reported when the app is set up.
public struct SecurityConfigurationError: Error, Sendable, CustomStringConvertible {
    /// What is wrong and how to fix it.
    public let message: String

    public var description: String { message }
}
