public import Roost
public import RoostSessions

/// How CSRF protection works: where the secret lives, which origins are trusted, and the
/// names of the cookie, header and form field. Defaults are Django's.
///
/// Settings read by ``init(settings:)``: `CSRF_TRUSTED_ORIGINS` (e.g.
/// `https://example.com,https://*.example.org`), `CSRF_USE_SESSIONS`, `CSRF_COOKIE_NAME`,
/// `CSRF_COOKIE_AGE` (seconds), `CSRF_COOKIE_DOMAIN`, `CSRF_COOKIE_PATH`, `CSRF_COOKIE_SECURE`
/// (`auto`, `true`, `false`), `CSRF_COOKIE_HTTPONLY`, `CSRF_COOKIE_SAMESITE`,
/// `CSRF_HEADER_NAME`.
public struct CSRFConfiguration: Sendable {
    /// Where the secret is kept.
    public enum SecretStorage: Sendable {
        /// In its own cookie (the default; works without sessions).
        case cookie
        /// In the session (needs sessions; the cookie then does not exist).
        case session
    }

    /// Where the secret is kept; a cookie by default.
    public var storage = SecretStorage.cookie
    /// Origins, besides the request's own, that may send unsafe requests:
    /// `https://example.com`, or `https://*.example.com` for every subdomain.
    public var trustedOrigins: [String] = []
    /// The cookie's name, `csrftoken` by default.
    public var cookieName = "csrftoken"
    /// The cookie's lifetime, a year by default.
    public var cookieMaxAge: Duration = .seconds(31_449_600)
    /// The cookie's `Domain`.
    public var cookieDomain: String?
    /// The cookie's `Path`.
    public var cookiePath = "/"
    /// When the cookie is `Secure`.
    public var secure = SessionConfiguration.SecurePolicy.automatic
    /// Whether scripts cannot read the cookie. Off by default so JavaScript can send the
    /// token in `X-CSRFToken`; turning it on changes nothing for forms.
    public var httpOnly = false
    /// The cookie's `SameSite`.
    public var sameSite: Cookie.SameSite? = .lax
    /// The header JavaScript sends the token in.
    public var headerName = HTTPField.Name("X-CSRFToken")!
    /// The form field forms send the token in (`csrf_input` writes it).
    public var formField = "csrfmiddlewaretoken"

    /// The defaults.
    public init() {}

    /// The defaults, overridden by the app's settings.
    /// - Throws: `SettingsError` naming a setting whose value does not parse (a trusted origin
    ///   without a scheme, for instance).
    public init(settings: Settings) throws(SettingsError) {
        let origins = try settings.value(for: SettingKey("CSRF_TRUSTED_ORIGINS", default: [String]()))
        for origin in origins where !origin.contains("://") {
            throw SettingsError(
                key: "CSRF_TRUSTED_ORIGINS", value: origin,
                reason: "each origin needs its scheme, as in https://example.com"
            )
        }
        trustedOrigins = origins
        storage = try settings.value(for: SettingKey("CSRF_USE_SESSIONS", default: false)) ? .session : .cookie
        cookieName = try settings.value(for: SettingKey("CSRF_COOKIE_NAME", default: cookieName))
        let age = try settings.value(for: SettingKey("CSRF_COOKIE_AGE", default: 31_449_600))
        cookieMaxAge = .seconds(age)
        let domain = try settings.value(for: SettingKey("CSRF_COOKIE_DOMAIN", default: ""))
        cookieDomain = domain.isEmpty ? nil : domain
        cookiePath = try settings.value(for: SettingKey("CSRF_COOKIE_PATH", default: "/"))
        secure = try SessionConfiguration.parseSecure(
            try settings.value(for: SettingKey("CSRF_COOKIE_SECURE", default: "auto")), key: "CSRF_COOKIE_SECURE"
        )
        httpOnly = try settings.value(for: SettingKey("CSRF_COOKIE_HTTPONLY", default: false))
        sameSite = try SessionConfiguration.parseSameSite(
            try settings.value(for: SettingKey("CSRF_COOKIE_SAMESITE", default: "Lax")), key: "CSRF_COOKIE_SAMESITE"
        )
        let header = try settings.value(for: SettingKey("CSRF_HEADER_NAME", default: "X-CSRFToken"))
        guard let name = HTTPField.Name(header) else {
            throw SettingsError(key: "CSRF_HEADER_NAME", value: header, reason: "not a valid header name")
        }
        headerName = name
    }
}
