#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Logging
import Roost
import RoostDatabase
import RoostORM
import RoostPasswords
import RoostSecurity
import RoostSessions
import RoostSigning

extension Session.Key where Value == String {
    /// The logged-in user's primary key, as text (Django's `_auth_user_id`).
    static let authUserID = Session.Key<String>("_auth_user_id")
    /// The backend that logged the user in (Django's `_auth_user_backend`).
    static let authBackend = Session.Key<String>("_auth_user_backend")
    /// A keyed digest of the user's password hash (Django's `_auth_user_hash`): changing the
    /// password ends every other session, cookie sessions included.
    static let authHash = Session.Key<String>("_auth_user_hash")
}

/// The auth system for one user model: authentication through the backends, throttling,
/// login and logout, sessions, permissions. Installed by `useAuth`.
final class AuthService<U: AuthUser>: AuthEngine {
    let configuration: AuthConfiguration<U>
    let throttler: LoginThrottler?
    let resetTokens: PasswordResetTokens<U>
    private let sessionHashSigner: Signer

    init(configuration: AuthConfiguration<U>, keys: SigningKeys, throttleStore: (any LoginThrottleStore)?) {
        self.configuration = configuration
        self.throttler = throttleStore.map { LoginThrottler(policy: configuration.throttle, store: $0) }
        self.resetTokens = PasswordResetTokens(keys: keys, timeout: configuration.passwordResetTimeout)
        self.sessionHashSigner = Signer(keys: keys, salt: "roost.auth.session-hash")
    }

    var userModelName: String { U.schema.name }
    var hashers: PasswordHashers { configuration.passwordHashers }
    var validators: PasswordValidators { configuration.passwordValidators }
    var loginURL: String { configuration.loginURL }
    var loginRedirectURL: String { configuration.loginRedirectURL }
    var logoutRedirectURL: String? { configuration.logoutRedirectURL }
    var routePrefix: String? { configuration.routePrefix }
    var emailBackend: any EmailBackend { configuration.emailBackend }
    var defaultFromEmail: String { configuration.defaultFromEmail }

    // MARK: Authentication

    /// Tries the backends in order with the credentials; throttled per username and address.
    func authenticate(_ credentials: Credentials, request: Request) async throws -> RequestUser? {
        let address = request.connection.remoteAddress
        if let throttler, let username = credentials.username, let wait = try await throttler.lockout(username: username, address: address) {
            request.logger.warning("Login throttled", metadata: ["client": .string(address ?? "-")])
            throw LoginThrottled(retryAfter: wait)
        }
        for backend in configuration.backends {
            let user: U?
            do {
                user = try await backend.authenticate(credentials, request: request)
            } catch let refusal as AuthenticationRefused {
                request.logger.info("Login refused by backend '\(backend.name)': \(refusal.reason)")
                break
            }
            if let user {
                if let throttler, let username = credentials.username { try await throttler.recordSuccess(username: username) }
                return RequestUser(state: UserState(model: user, backend: backend.name), request: request)
            }
        }
        if let throttler, let username = credentials.username {
            try await throttler.recordFailure(username: username, address: address)
        }
        return nil
    }

    /// The user a request proves by itself (a Bearer token), with the backend's name.
    func authenticateRequest(_ request: Request) async throws -> (user: U, backend: String)? {
        for backend in configuration.backends {
            if let user = try await backend.authenticate(request: request) { return (user, backend.name) }
        }
        return nil
    }

    /// Whether a backend saw credentials of its kind in the request (see
    /// ``AuthenticationBackend/recognisesCredentials(in:)``).
    func requestPresentsCredentials(_ request: Request) -> Bool {
        configuration.backends.contains { $0.recognisesCredentials(in: request) }
    }

    /// The user the session remembers, if still valid; a session whose password digest no
    /// longer matches is flushed (the password changed since).
    func restore(from session: Session, request: Request) async throws -> (user: U, backend: String)? {
        guard let idText = session[.authUserID], let backendName = session[.authBackend],
            let backend = configuration.backends.first(where: { $0.name == backendName }),
            let id = U.primaryKey(fromAuthIdentifier: idText)
        else { return nil }
        guard let user = try await backend.user(withID: id, request: request) else { return nil }
        guard let digest = session[.authHash], verifySessionHash(digest, password: user.password) else {
            session.flush()
            return nil
        }
        return (user, backendName)
    }

    // MARK: Login and logout

    func login(_ user: any AuthUser, backend: String?, request: Request) async throws {
        guard var user = user as? U else {
            preconditionFailure("Roost: login(_:) got a \(type(of: user)) but the app's user model is \(U.self)")
        }
        let backendName = backend ?? configuration.backends.first?.name ?? "model"
        // The session names the backend that restores the user on later requests; an unknown
        // name would log the user out again at once, silently.
        guard configuration.backends.contains(where: { $0.name == backendName }) else {
            let names = configuration.backends.map { "'\($0.name)'" }.joined(separator: ", ")
            throw AuthConfigurationError(problems: ["login names the backend '\(backendName)', but the configured backends are \(names)"])
        }
        let session = request.session
        // Another user's session (or a stale one) is emptied; the same user's gets a new key.
        if let existing = session[.authUserID],
            existing != user.authIdentifier || !(session[.authHash].map { verifySessionHash($0, password: user.password) } ?? false)
        {
            session.flush()
        } else {
            session.cycleKey()
        }
        for (key, value) in sessionValues(for: user, backend: backendName) {
            session[Session.Key<String>(key)] = value
        }
        request.rotateCSRFToken()
        let now = Date()
        try await UserLookup.storeLastLogin(now, of: user, on: request.db)
        user.lastLogin = now
        request.storage[UserStateKey.self]?.set(user, backend: backendName)
    }

    func logout(request: Request) {
        request.sessionIfAvailable?.flush()
        request.storage[UserStateKey.self]?.set(nil, backend: nil)
    }

    func updateSessionAuthHash(_ user: any AuthUser, request: Request) {
        guard let session = request.sessionIfAvailable, session[.authUserID] == user.authIdentifier else { return }
        session.cycleKey()
        session[.authHash] = sessionHash(password: user.password)
        request.storage[UserStateKey.self]?.set(user, backend: request.user.backend)
    }

    func sessionValues(for user: any AuthUser, backend: String?) -> [(key: String, value: String)] {
        [
            (Session.Key<String>.authUserID.name, user.authIdentifier),
            (Session.Key<String>.authBackend.name, backend ?? configuration.backends.first?.name ?? "model"),
            (Session.Key<String>.authHash.name, sessionHash(password: user.password)),
        ]
    }

    private func sessionHash(password: String) -> String {
        sessionHashSigner.signature(of: password)
    }

    /// Whether `digest` is the digest of `password` under the current or a fallback key.
    private func verifySessionHash(_ digest: String, password: String) -> Bool {
        (try? sessionHashSigner.unsign("\(password):\(digest)")) != nil
    }

    // MARK: Permissions

    func permissions(for user: any AuthUser, request: Request) async throws -> Set<String> {
        guard let user = user as? U else { return [] }
        var permissions: Set<String> = []
        for backend in configuration.backends {
            permissions.formUnion(try await backend.permissions(for: user, request: request))
        }
        return permissions
    }
}
