public import Roost

/// How sessions and their cookie behave. Defaults are Django's, with the cookie marked
/// `Secure` automatically on HTTPS.
///
/// ```swift
/// var sessions = try SessionConfiguration(settings: app.settings)
/// sessions.maxAge = .seconds(8 * 3600)
/// try app.useSessions(store: .signedCookie, configuration: sessions)
/// ```
///
/// Settings read by ``init(settings:)``: `SESSION_COOKIE_NAME`, `SESSION_COOKIE_AGE`
/// (seconds), `SESSION_EXPIRE_AT_BROWSER_CLOSE`, `SESSION_SAVE_EVERY_REQUEST`,
/// `SESSION_COOKIE_DOMAIN`, `SESSION_COOKIE_PATH`, `SESSION_COOKIE_SECURE` (`auto`, `true`,
/// `false`), `SESSION_COOKIE_HTTPONLY`, `SESSION_COOKIE_SAMESITE` (`Lax`, `Strict`, `None`).
public struct SessionConfiguration: Sendable {
    /// When the cookie is marked `Secure`.
    public enum SecurePolicy: String, Sendable {
        /// On requests that arrived over HTTPS (directly or through a trusted proxy).
        case automatic = "auto"
        /// Always: the cookie is never sent over plain HTTP.
        case always = "true"
        /// Never (only for local development over HTTP behind nothing).
        case never = "false"
    }

    /// The cookie's name, `sessionid` by default.
    public var cookieName = "sessionid"
    /// How long a session lives after it was last saved: two weeks by default.
    public var maxAge: Duration = .seconds(1_209_600)
    /// Whether cookies have no `Max-Age`, so browsers forget them when they close.
    public var expireAtBrowserClose = false
    /// Whether to save the session (and refresh its expiry) on every request, not only when
    /// it changed.
    public var saveEveryRequest = false
    /// The cookie's `Domain`; the exact host only by default.
    public var cookieDomain: String?
    /// The cookie's `Path`, `/` by default.
    public var cookiePath = "/"
    /// When the cookie is `Secure`; automatic by default.
    public var secure = SecurePolicy.automatic
    /// Whether scripts cannot read the cookie; on by default.
    public var httpOnly = true
    /// The cookie's `SameSite`, `Lax` by default.
    public var sameSite: Cookie.SameSite? = .lax

    /// The defaults.
    public init() {}

    /// The defaults, overridden by the app's settings.
    /// - Throws: `SettingsError` naming a setting whose value does not parse.
    public init(settings: Settings) throws(SettingsError) {
        cookieName = try settings.value(for: SettingKey("SESSION_COOKIE_NAME", default: cookieName))
        let age = try settings.value(for: SettingKey("SESSION_COOKIE_AGE", default: 1_209_600))
        guard age > 0 else {
            throw SettingsError(key: "SESSION_COOKIE_AGE", value: "\(age)", reason: "a positive number of seconds")
        }
        maxAge = .seconds(age)
        expireAtBrowserClose = try settings.value(for: SettingKey("SESSION_EXPIRE_AT_BROWSER_CLOSE", default: false))
        saveEveryRequest = try settings.value(for: SettingKey("SESSION_SAVE_EVERY_REQUEST", default: false))
        let domain = try settings.value(for: SettingKey("SESSION_COOKIE_DOMAIN", default: ""))
        cookieDomain = domain.isEmpty ? nil : domain
        cookiePath = try settings.value(for: SettingKey("SESSION_COOKIE_PATH", default: "/"))
        let secureText = try settings.value(for: SettingKey("SESSION_COOKIE_SECURE", default: "auto"))
        secure = try Self.parseSecure(secureText, key: "SESSION_COOKIE_SECURE")
        httpOnly = try settings.value(for: SettingKey("SESSION_COOKIE_HTTPONLY", default: true))
        let sameSiteText = try settings.value(for: SettingKey("SESSION_COOKIE_SAMESITE", default: "Lax"))
        sameSite = try Self.parseSameSite(sameSiteText, key: "SESSION_COOKIE_SAMESITE")
    }

    /// Whether the cookie set in answer to `request` is `Secure`.
    public func isSecure(for request: Request) -> Bool {
        switch secure {
        case .automatic: request.connection.isSecure
        case .always: true
        case .never: false
        }
    }

    /// Reads `auto`/`true`/`false` (and the other spellings of booleans).
    public static func parseSecure(_ text: String, key: String) throws(SettingsError) -> SecurePolicy {
        let lowered = text.lowercased()
        if lowered == "auto" || lowered == "automatic" { return .automatic }
        guard let flag = Bool.fromSettingText(lowered) else {
            throw SettingsError(key: key, value: text, reason: "expected auto, true or false")
        }
        return flag ? .always : .never
    }

    /// Reads `Lax`, `Strict`, `None` or an empty value (no attribute).
    public static func parseSameSite(_ text: String, key: String) throws(SettingsError) -> Cookie.SameSite? {
        switch text.lowercased() {
        case "lax": return .lax
        case "strict": return .strict
        case "none": return Cookie.SameSite.none
        case "", "false": return nil
        default: throw SettingsError(key: key, value: text, reason: "expected Lax, Strict or None")
        }
    }
}
