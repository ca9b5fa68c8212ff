#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
public import RoostSigning

/// Keeps the whole session in the cookie, signed with the app's secret keys: nothing is
/// stored on the server, so any number of app instances share sessions. The default store.
///
/// ```swift
/// try app.useSessions(store: SignedCookieSessionStore(keys: SigningKeys(settings: app.settings)))
/// ```
///
/// The values are signed, not encrypted: the visitor can read (but not change) them, so keep
/// secrets out of this kind of session. A cookie holds at most about 4 KB; saving a larger
/// session fails with a ``SessionStoreError`` (use ``DatabaseSessionStore`` for big ones).
/// As with every cookie store, a copy of an old cookie stays valid until it expires:
/// ``Session/flush()`` cannot revoke it (RoostAuth ties logins to the password hash).
public struct SignedCookieSessionStore: SessionStore {
    /// The largest cookie value browsers reliably keep.
    public static let maximumCookieSize = 4000

    private let signer: TimestampSigner

    /// Creates the store.
    /// - Parameters:
    ///   - keys: The secret keys (`SECRET_KEY` and its fallbacks).
    ///   - salt: Separates session signatures from other uses of the keys.
    public init(keys: SigningKeys, salt: String = "roost.sessions.signed-cookie") {
        self.signer = TimestampSigner(keys: keys, salt: salt)
    }

    public func load(cookieValue: String) async throws -> SessionData? {
        guard cookieValue.utf8.count <= 8192,
            let session = try? signer.unsign(object: cookieValue, as: SessionData.self),
            !session.isExpired()
        else { return nil }
        return session
    }

    public func save(_ session: SessionData) async throws -> String {
        let value = try signer.sign(object: session)
        guard value.utf8.count <= Self.maximumCookieSize else {
            throw SessionStoreError(
                "the session is \(value.utf8.count) bytes signed, more than a cookie holds (\(Self.maximumCookieSize)); "
                    + "store less in it or use DatabaseSessionStore"
            )
        }
        return value
    }

    public func delete(id: String) async throws {}
}
