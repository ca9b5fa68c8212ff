public import Roost

/// The protective response headers and their values. Defaults are Django's (and safer where
/// Django's are off): framing denied, no MIME sniffing, same-origin referrers and opener, HSTS
/// for a year on HTTPS.
///
/// Settings read by ``init(settings:)``: `X_FRAME_OPTIONS` (`DENY`, `SAMEORIGIN`),
/// `SECURE_CONTENT_TYPE_NOSNIFF`, `SECURE_REFERRER_POLICY`, `SECURE_CROSS_ORIGIN_OPENER_POLICY`
/// (empty turns a header off), `SECURE_HSTS_SECONDS` (0 turns HSTS off),
/// `SECURE_HSTS_INCLUDE_SUBDOMAINS`, `SECURE_HSTS_PRELOAD`.
public struct SecurityHeaders: Sendable {
    /// `X-Frame-Options` for routes that do not choose their own; `DENY` by default.
    public var frameOptions = FrameOptions.deny
    /// Whether to send `X-Content-Type-Options: nosniff`; on by default.
    public var contentTypeNosniff = true
    /// `Referrer-Policy`, `same-origin` by default; `nil` sends none.
    public var referrerPolicy: String? = "same-origin"
    /// `Cross-Origin-Opener-Policy`, `same-origin` by default; `nil` sends none.
    public var crossOriginOpenerPolicy: String? = "same-origin"
    /// HSTS for secure requests; one year without subdomains by default; `nil` sends none.
    public var strictTransportSecurity: StrictTransportSecurity? = StrictTransportSecurity()
    /// A Content Security Policy; none by default.
    public var contentSecurityPolicy: ContentSecurityPolicy?

    /// The defaults.
    public init() {}

    /// The defaults, overridden by the app's settings.
    /// - Throws: `SettingsError` naming a setting whose value does not parse.
    public init(settings: Settings) throws(SettingsError) {
        let frame = try settings.value(for: SettingKey("X_FRAME_OPTIONS", default: "DENY"))
        switch frame.uppercased() {
        case "DENY": frameOptions = .deny
        case "SAMEORIGIN": frameOptions = .sameOrigin
        default: throw SettingsError(key: "X_FRAME_OPTIONS", value: frame, reason: "expected DENY or SAMEORIGIN")
        }
        contentTypeNosniff = try settings.value(for: SettingKey("SECURE_CONTENT_TYPE_NOSNIFF", default: true))
        let referrer = try settings.value(for: SettingKey("SECURE_REFERRER_POLICY", default: "same-origin"))
        referrerPolicy = referrer.isEmpty ? nil : referrer
        let opener = try settings.value(for: SettingKey("SECURE_CROSS_ORIGIN_OPENER_POLICY", default: "same-origin"))
        crossOriginOpenerPolicy = opener.isEmpty ? nil : opener
        let hstsSeconds = try settings.value(for: SettingKey("SECURE_HSTS_SECONDS", default: 31_536_000))
        guard hstsSeconds >= 0 else {
            throw SettingsError(key: "SECURE_HSTS_SECONDS", value: "\(hstsSeconds)", reason: "a number of seconds, 0 to turn HSTS off")
        }
        if hstsSeconds > 0 {
            strictTransportSecurity = StrictTransportSecurity(
                maxAge: .seconds(hstsSeconds),
                includeSubdomains: try settings.value(for: SettingKey("SECURE_HSTS_INCLUDE_SUBDOMAINS", default: false)),
                preload: try settings.value(for: SettingKey("SECURE_HSTS_PRELOAD", default: false))
            )
        } else {
            strictTransportSecurity = nil
        }
    }
}
