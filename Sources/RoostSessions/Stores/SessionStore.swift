/// Where sessions live between requests: Flask's `SessionInterface`, Django's session
/// engines, as a protocol with three methods.
///
/// Roost ships ``SignedCookieSessionStore`` (the default: the whole session in a signed
/// cookie, nothing on the server), ``DatabaseSessionStore`` (an ORM table) and
/// ``MemorySessionStore`` (tests, one process). A store for Redis or another cache:
///
/// ```swift
/// struct RedisSessionStore: SessionStore {
///     let redis: RedisClient
///     func load(cookieValue: String) async throws -> SessionData? {
///         guard SessionData.isWellFormedID(cookieValue), let json = try await redis.get("session:\(cookieValue)")
///         else { return nil }
///         return try? JSONDecoder().decode(SessionData.self, from: json)
///     }
///     func save(_ session: SessionData) async throws -> String {
///         try await redis.set("session:\(session.id)", JSONEncoder().encode(session), expireAt: session.expiresAt)
///         return session.id
///     }
///     func delete(id: String) async throws { try await redis.delete("session:\(id)") }
/// }
/// ```
///
/// A store never trusts the cookie: a value it did not make, or one that was changed, or
/// one that expired, loads as `nil`, and the visitor gets a fresh anonymous session.
public protocol SessionStore: Sendable {
    /// The session a cookie refers to.
    /// - Parameter cookieValue: The session cookie as the client sent it.
    /// - Returns: The session, or `nil` when the value is unknown, tampered with or expired.
    /// - Throws: Only for failures of the store itself (a database that is down).
    func load(cookieValue: String) async throws -> SessionData?

    /// Saves a session, replacing any earlier version with the same ``SessionData/id``.
    /// - Parameter session: The session to keep until ``SessionData/expiresAt``.
    /// - Returns: The cookie value that refers to it.
    /// - Throws: When the session cannot be kept (too large for a cookie, database down).
    func save(_ session: SessionData) async throws -> String

    /// Forgets a session (after ``Session/cycleKey()`` or ``Session/flush()``).
    /// - Parameter id: The session's identifier.
    func delete(id: String) async throws
}

/// A session a store cannot keep.
public struct SessionStoreError: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public let message: String

    /// Creates the error.
    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
