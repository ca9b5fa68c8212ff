public import Roost
public import RoostPasswords

/// Everything ``Roost/App/useAuth(_:)`` sets up, read from the app's settings and adjustable
/// in code before it is installed.
///
/// ```swift
/// try app.useAuth { auth in
///     auth.permissions.register(Post.self, app: "blog")
///     auth.emailBackend = FileEmailBackend(directory: "/tmp/mail")
///     auth.throttle.usernameLimit = 5
///     auth.loginRedirectURL = "/dashboard"
/// }
/// ```
///
/// Settings: `LOGIN_URL`, `LOGIN_REDIRECT_URL`, `LOGOUT_REDIRECT_URL`,
/// `PASSWORD_RESET_TIMEOUT` (seconds), `DEFAULT_FROM_EMAIL`, `EMAIL_BACKEND` (`console` or
/// `file`), `EMAIL_FILE_PATH`, and those of ``LoginThrottle``.
public struct AuthConfiguration<U: AuthUser>: Sendable {
    /// The backends, tried in order (Django's `AUTHENTICATION_BACKENDS`): ``ModelBackend``
    /// then ``TokenBackend`` by default.
    public var backends: [any AuthenticationBackend<U>]
    /// The password hashers, the preferred first (Django's `PASSWORD_HASHERS`).
    public var passwordHashers: PasswordHashers = .default
    /// The rules new passwords must pass (Django's `AUTH_PASSWORD_VALIDATORS`).
    public var passwordValidators: PasswordValidators = .default
    /// Brute-force limits for logins.
    public var throttle: LoginThrottle
    /// Where failed-login counters live; the `roost_login_attempt` table of the default
    /// database when `nil`, so that every instance shares them.
    public var throttleStore: (any LoginThrottleStore)?
    /// How password-reset mail is sent; printed to standard output by default.
    public var emailBackend: any EmailBackend
    /// The sender of the mail auth sends (`DEFAULT_FROM_EMAIL`).
    public var defaultFromEmail: String
    /// Where the login, logout and password pages are mounted, `/accounts` by default; `nil`
    /// mounts none (an API-only app, or an app with its own pages).
    public var routePrefix: String?
    /// Where visitors are sent to log in (`LOGIN_URL`); the login page by default.
    public var loginURL: String
    /// Where a login goes without a safe `next` (`LOGIN_REDIRECT_URL`), `/` by default.
    public var loginRedirectURL: String
    /// Where a logout goes without a safe `next` (`LOGOUT_REDIRECT_URL`); the "logged out"
    /// page when `nil`.
    public var logoutRedirectURL: String?
    /// How long password-reset links work (`PASSWORD_RESET_TIMEOUT`), three days by default.
    public var passwordResetTimeout: Duration
    /// The models whose permissions exist; the auth models are registered under `auth`.
    public var permissions: PermissionRegistry
    /// The app label the user model's permissions live under, `auth` by default.
    public var userAppLabel = "auth"

    /// The defaults, overridden by the app's settings.
    /// - Throws: `SettingsError` naming a setting that does not parse.
    public init(settings: Settings) throws(SettingsError) {
        backends = [ModelBackend<U>(), TokenBackend<U>()]
        throttle = try LoginThrottle(settings: settings)
        defaultFromEmail = try settings.value(for: SettingKey("DEFAULT_FROM_EMAIL", default: "webmaster@localhost"))
        let emailKind = try settings.value(for: SettingKey("EMAIL_BACKEND", default: "console")).lowercased()
        switch emailKind {
        case "console":
            emailBackend = ConsoleEmailBackend()
        case "file":
            let path = try settings.value(for: SettingKey("EMAIL_FILE_PATH", default: ""))
            guard !path.isEmpty else {
                throw SettingsError(key: "EMAIL_FILE_PATH", value: "", reason: "a folder for EMAIL_BACKEND=file")
            }
            emailBackend = FileEmailBackend(directory: path)
        default:
            throw SettingsError(key: "EMAIL_BACKEND", value: emailKind, reason: "console or file (set other backends in code)")
        }
        routePrefix = "/accounts"
        loginURL = try settings.value(for: SettingKey("LOGIN_URL", default: "/accounts/login/"))
        loginRedirectURL = try settings.value(for: SettingKey("LOGIN_REDIRECT_URL", default: "/"))
        let logout = try settings.value(for: SettingKey("LOGOUT_REDIRECT_URL", default: ""))
        logoutRedirectURL = logout.isEmpty ? nil : logout
        let timeout = try settings.value(for: SettingKey("PASSWORD_RESET_TIMEOUT", default: 259_200))
        guard timeout > 0 else {
            throw SettingsError(key: "PASSWORD_RESET_TIMEOUT", value: "\(timeout)", reason: "a positive number of seconds")
        }
        passwordResetTimeout = .seconds(timeout)
        permissions = PermissionRegistry()
    }
}
