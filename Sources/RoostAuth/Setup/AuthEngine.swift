public import Roost
package import RoostDatabase
public import RoostPasswords

/// The installed auth system, seen without its user model type: what `Request` extensions,
/// management commands and RoostAuthTesting reach through the app's storage.
package protocol AuthEngine: Sendable {
    /// The user model's name, for messages.
    var userModelName: String { get }
    var hashers: PasswordHashers { get }
    var validators: PasswordValidators { get }
    var loginURL: String { get }
    var loginRedirectURL: String { get }
    var logoutRedirectURL: String? { get }
    var routePrefix: String? { get }
    var emailBackend: any EmailBackend { get }
    var defaultFromEmail: String { get }

    func authenticate(_ credentials: Credentials, request: Request) async throws -> RequestUser?
    func login(_ user: any AuthUser, backend: String?, request: Request) async throws
    func logout(request: Request)
    func updateSessionAuthHash(_ user: any AuthUser, request: Request)
    func permissions(for user: any AuthUser, request: Request) async throws -> Set<String>
    /// The session values that log `user` in, for test clients (Django's `force_login`).
    func sessionValues(for user: any AuthUser, backend: String?) -> [(key: String, value: String)]

    func createTables(on database: any DatabaseExecutor) async throws
    func syncPermissions(on database: any DatabaseExecutor) async throws -> Int
    /// Creates a superuser; `password` nil gives an unusable password.
    func createSuperuser(username: String, email: String, password: String?, on database: any DatabaseExecutor) async throws
    func userExists(username: String, on database: any DatabaseExecutor) async throws -> Bool
    /// Forgets failed-login runs that ended; `nil` when login throttling is off.
    func clearStaleLoginAttempts() async throws -> Int?
}

/// The app-storage slot of the installed ``AuthEngine``.
package enum AuthEngineKey: AppStorageKey {
    package typealias Value = any AuthEngine
}

extension Request {
    /// The installed auth system, if `useAuth` was called.
    package var authEngine: (any AuthEngine)? { app.storage[AuthEngineKey.self] }

    /// The app's password hashers (``AuthConfiguration/passwordHashers``), or the defaults
    /// when auth is not set up.
    public var authHashers: PasswordHashers { authEngine?.hashers ?? .default }

    /// The app's password rules (``AuthConfiguration/passwordValidators``), or the defaults
    /// when auth is not set up.
    public var passwordValidators: PasswordValidators { authEngine?.validators ?? .default }

    /// The app's e-mail backend (``AuthConfiguration/emailBackend``); console output when
    /// auth is not set up.
    public var emailBackend: any EmailBackend { authEngine?.emailBackend ?? ConsoleEmailBackend() }
}
