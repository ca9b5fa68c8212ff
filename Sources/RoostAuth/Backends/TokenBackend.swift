#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
public import Roost
public import RoostORM

/// Authenticates API requests carrying `Authorization: Bearer <token>`, with tokens kept
/// hashed in the `roost_auth_token` table (``AuthToken``). In the default backends.
///
/// ```swift
/// // issue a token, e.g. from an account page or a command:
/// let (token, _) = try await TokenBackend<User>.issue(for: ada, name: "CI", expiresIn: .seconds(90 * 86_400), on: db)
///
/// // an API route; token-authenticated clients send no cookies and no CSRF token:
/// app.group("/api", options: RouteOptions.requireLogin.exemptingCSRF()) { api in
///     api.get("/me") { req in ["username": req.user.username] }
/// }
/// ```
/// ```sh
/// curl -H "Authorization: Bearer rst_…" https://example.com/api/me
/// ```
///
/// Tokens are `rst_` and 43 random characters (256 bits); only their SHA-256 digest is
/// stored, so a copy of the table gives no working token (a slow hash is not needed: the
/// tokens are random, not chosen by people). A request with a Bearer token that is unknown,
/// expired, or belongs to an inactive user is answered `401` with `WWW-Authenticate: Bearer
/// error="invalid_token"` whatever the route. Requests authenticated by token never use the
/// session.
public struct TokenBackend<U: AuthUser>: AuthenticationBackend {
    /// The user model.
    public typealias User = U

    /// The start of every token, so leaked tokens are easy to recognise (secret scanners).
    public static var tokenPrefix: String { "rst_" }

    /// How often `lastUsed` is written at most, so busy clients do not write on every request.
    public var lastUsedResolution: Duration

    /// Creates the backend.
    /// - Parameter lastUsedResolution: How stale `lastUsed` may get; five minutes by default.
    public init(lastUsedResolution: Duration = .seconds(300)) {
        self.lastUsedResolution = lastUsedResolution
    }

    /// `token`.
    public var name: String { "token" }

    /// The active owner of a known, unexpired `Authorization: Bearer` token; records when it was used.
    public func authenticate(request: Request) async throws -> U? {
        guard let token = Self.bearerToken(in: request), Self.isWellFormed(token) else { return nil }
        let digest = AuthCrypto.sha256Hex(token)
        guard let record = try await AuthToken<U>.objects.filter({ $0.digest == digest }).selectRelated(\.user).first(on: request.db),
            let user = record.user.object, user.isActive
        else { return nil }
        let now = Date()
        guard !record.isExpired(at: now) else { return nil }
        if record.lastUsed.map({ now.timeIntervalSince($0) > lastUsedResolution.seconds }) ?? true {
            _ = try await AuthToken<U>.objects.filter(pk: record.id ?? 0).update({ [$0.lastUsed.set(now)] }, on: request.db)
        }
        return user
    }

    /// Whether the request has an `Authorization: Bearer` header (of any form: a bad token is
    /// refused with `401`, not ignored).
    public func recognisesCredentials(in request: Request) -> Bool {
        Self.bearerToken(in: request) != nil
    }

    /// The permissions granted to the user and to the user's groups.
    public func permissions(for user: U, request: Request) async throws -> Set<String> {
        try await ModelPermissions.names(for: user, from: .both, on: request.db)
    }

    /// The token of an `Authorization: Bearer …` header, if the request has one.
    public static func bearerToken(in request: Request) -> String? {
        guard let header = request.headers[.authorization] else { return nil }
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        return String(parts[1]).trimmingWhitespace
    }

    static func isWellFormed(_ token: String) -> Bool {
        token.utf8.count <= 100 && token.hasPrefix(tokenPrefix)
            && token.utf8.allSatisfy { byte in
                byte == UInt8(ascii: "_") || (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
            }
    }

    /// Makes a new token for `user` and stores its digest.
    /// - Parameters:
    ///   - user: A saved user.
    ///   - name: A name for people (`deploy script`).
    ///   - expiresIn: How long it works; forever when `nil`.
    ///   - database: Where the token table is.
    /// - Returns: The token — shown to the user once, it cannot be recovered — and its record.
    public static func issue(
        for user: U, name: String = "", expiresIn: Duration? = nil, on database: any DatabaseExecutor
    ) async throws -> (token: String, record: AuthToken<U>) {
        let token = tokenPrefix + AuthCrypto.randomText(count: 43)
        let now = Date()
        let record = AuthToken<U>(
            user: Reference(user), name: String(name.prefix(100)), prefix: String(token.prefix(12)),
            digest: AuthCrypto.sha256Hex(token), created: now, expires: expiresIn.map { now.addingTimeInterval($0.seconds) }
        )
        return (token, try await AuthToken<U>.objects.create(record, on: database))
    }

    /// The user's tokens, newest first (for an account page).
    public static func tokens(of user: U, on database: any DatabaseExecutor) async throws -> [AuthToken<U>] {
        try await AuthToken<U>.objects.filter { $0.user == user }.orderBy(\.created, .descending).all(on: database)
    }

    /// Deletes every token of `user` (after a password change or a compromise).
    /// - Returns: How many were deleted.
    @discardableResult
    public static func revokeAll(of user: U, on database: any DatabaseExecutor) async throws -> Int {
        try await AuthToken<U>.objects.filter { $0.user == user }.delete(on: database)
    }
}
