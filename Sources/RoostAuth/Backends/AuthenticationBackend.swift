public import Roost
public import RoostORM

/// One way of telling who a visitor is: Django's authentication backends. The app lists
/// several in ``AuthConfiguration/backends``; they are tried in order and the first that
/// recognises the visitor wins.
///
/// A backend answers up to four questions, each with a default that declines:
/// - ``authenticate(_:request:)``: do these credentials (a login form's username and
///   password) identify a user? Used by the login page and `req.authenticate(_:)`; a
///   successful answer is remembered in the session.
/// - ``authenticate(request:)``: does this request carry its own proof (an API token, a
///   header from a trusted proxy)? Asked on every request, nothing is remembered.
/// - ``user(withID:request:)``: which user does a session remember? By default the user
///   model's row, if active.
/// - ``permissions(for:request:)``: which permissions does this backend grant the user?
///
/// Roost ships ``ModelBackend`` (usernames and password hashes in the user table) and
/// ``TokenBackend`` (`Authorization: Bearer` API tokens). An external directory plugs in
/// the same way. An LDAP backend checks the password against the directory and keeps a
/// local row (with an unusable password) so that sessions, groups and foreign keys work:
///
/// ```swift
/// struct LDAPBackend: AuthenticationBackend {
///     let ldap: LDAPClient
///     var name: String { "ldap" }
///
///     func authenticate(_ credentials: Credentials, request: Request) async throws -> User? {
///         guard let username = credentials.username, let password = credentials.password,
///             let entry = try await ldap.bind(uid: username, password: password)   // nil when refused
///         else { return nil }
///         if var user = try await User.objects.filter({ $0.username == username }).first(on: request.db) {
///             user.email = entry.mail
///             try await user.save(on: request.db)
///             return user.isActive ? user : nil
///         }
///         var user = User(username: username, email: entry.mail)    // unusable password
///         try await user.save(on: request.db)
///         return user
///     }
///
///     func permissions(for user: User, request: Request) async throws -> Set<String> {
///         try await ldap.groups(of: user.username).contains("editors") ? ["blog.change_post"] : []
///     }
/// }
///
/// try app.useAuth { auth in auth.backends = [LDAPBackend(ldap: client), ModelBackend()] }
/// ```
///
/// An OAuth or OpenID Connect login has no password: its callback route exchanges the code
/// with the provider, finds or creates the local user, and logs them in with
/// `try await req.login(user, backend: "oauth")`; a backend named `oauth` that keeps the
/// default ``user(withID:request:)`` then restores the user from the session on later
/// requests.
///
/// To refuse a visitor outright (stop the chain, as Django's `PermissionDenied`), throw
/// ``AuthenticationRefused`` from ``authenticate(_:request:)``.
public protocol AuthenticationBackend<User>: Sendable {
    /// The user model.
    associatedtype User: AuthUser

    /// A stable name, remembered in the session of the users this backend logged in
    /// (Django keeps the backend's dotted path). Renaming a backend logs its users out.
    var name: String { get }

    /// The user the credentials identify, or `nil` when this backend does not recognise them.
    /// - Parameters:
    ///   - credentials: What the visitor offered.
    ///   - request: The request, for its database, address and headers.
    /// - Throws: ``AuthenticationRefused`` to stop trying other backends; other errors fail
    ///   the request.
    func authenticate(_ credentials: Credentials, request: Request) async throws -> User?

    /// The user a request proves itself to be by itself (an API token), or `nil`.
    func authenticate(request: Request) async throws -> User?

    /// Whether the request carries credentials of this backend's kind (an `Authorization`
    /// header it reads). When some backend says so and none of them authenticates the
    /// request, it is answered `401` with a `WWW-Authenticate: Bearer error="invalid_token"`
    /// challenge at once, instead of falling back to the session: a client that sent a bad
    /// token must hear so, not be served as someone else or as anonymous.
    func recognisesCredentials(in request: Request) -> Bool

    /// The user a session remembers as logged in through this backend, or `nil` when the
    /// user is gone or may no longer log in.
    func user(withID id: User.ID, request: Request) async throws -> User?

    /// The permissions (`app_label.codename`) this backend grants an active user.
    func permissions(for user: User, request: Request) async throws -> Set<String>
}

extension AuthenticationBackend {
    /// Declines: credentials are not this backend's business.
    public func authenticate(_ credentials: Credentials, request: Request) async throws -> User? { nil }

    /// Declines: requests prove nothing by themselves.
    public func authenticate(request: Request) async throws -> User? { nil }

    /// `false`: this backend reads no credentials from requests.
    public func recognisesCredentials(in request: Request) -> Bool { false }

    /// The active user with this primary key.
    public func user(withID id: User.ID, request: Request) async throws -> User? {
        guard let user = try await User.objects.filter(pk: id).first(on: request.db), user.isActive else { return nil }
        return user
    }

    /// Grants nothing.
    public func permissions(for user: User, request: Request) async throws -> Set<String> { [] }
}

/// Thrown by a backend to refuse a login outright, without trying the backends after it
/// (Django's `PermissionDenied` in `authenticate`).
public struct AuthenticationRefused: Error, Sendable, CustomStringConvertible {
    /// Why, for logs.
    public let reason: String

    /// Creates the error.
    public init(_ reason: String) {
        self.reason = reason
    }

    /// The reason, for logs.
    public var description: String { "authentication refused: \(reason)" }
}
