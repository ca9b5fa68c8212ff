#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif
import Synchronization

/// The current visitor's session: typed values kept between requests, Django's
/// `request.session` with typed keys instead of strings.
///
/// Declare a key per value, with its type, then read and write through `req.session`:
///
/// ```swift
/// extension Session.Key where Value == [Int] {
///     static let cart = Session.Key<[Int]>("cart")
/// }
///
/// app.post("/cart/<int:id>") { (req, id: Int) in
///     req.session[.cart, default: []].append(id)
///     return Response.redirect(to: "/cart")
/// }
/// app.get("/cart") { req in "\(req.session[.cart]?.count ?? 0) items" }
/// ```
///
/// Values are any `Codable` type, kept as JSON. A value that no longer decodes as its key's
/// type (after a code change) reads as `nil`. The session is saved once, after the handler,
/// only if it changed; an empty session sets no cookie.
///
/// At login call ``cycleKey()`` (new identifier, same values) so a session identifier known
/// before login is worthless after it (no fixation); at logout call ``flush()``.
///
/// ## Topics
/// ### Values
/// - ``subscript(_:)``
/// - ``subscript(_:default:)``
/// - ``value(for:)``
/// - ``setValue(_:for:)``
/// - ``removeValue(for:)``
/// - ``contains(_:)``
/// - ``isEmpty``
/// - ``clear()``
/// ### Identity and lifetime
/// - ``id``
/// - ``cycleKey()``
/// - ``flush()``
/// - ``expiry``
/// - ``isModified``
public final class Session: Sendable {
    /// A typed name for a session value. Names starting with `_` are reserved for Roost
    /// (`_messages`, `_csrftoken`, `_auth_user_id`).
    ///
    /// ```swift
    /// extension Session.Key where Value == String {
    ///     static let theme = Session.Key<String>("theme")
    /// }
    /// ```
    public struct Key<Value: Codable & Sendable>: Sendable, Hashable {
        /// The name the value is stored under.
        public let name: String

        /// Declares a key.
        /// - Parameter name: The storage name, unique within the app.
        public init(_ name: String) {
            self.name = name
        }
    }

    struct State {
        var data: SessionData
        /// The identifier the store knows the session by; `nil` for a new session.
        var storedID: String?
        var modified = false
        var accessed = false
        /// Identifiers to delete from the store when the response is sent.
        var discardedIDs: [String] = []
        /// A value that could not be encoded, reported when the session is saved.
        var encodingFailure: SessionEncodingError?
    }

    let state: Mutex<State>

    /// A session loaded from a store, or a new empty one.
    init(loaded: SessionData?, defaultExpiry: Date) {
        if let loaded {
            state = Mutex(State(data: loaded, storedID: loaded.id))
        } else {
            state = Mutex(State(data: SessionData(expiresAt: defaultExpiry), storedID: nil))
        }
    }

    /// A detached session for tests and tools; it is never saved.
    public convenience init() {
        self.init(loaded: nil, defaultExpiry: Date(timeIntervalSinceNow: 1_209_600))
    }

    /// The value under `key`, or `nil` when absent or no longer decodable as `Value`. Setting
    /// `nil` removes it.
    public subscript<Value>(_ key: Key<Value>) -> Value? {
        get { try? value(for: key) }
        set {
            do {
                try setValue(newValue, for: key)
            } catch {
                state.withLock { $0.encodingFailure = SessionEncodingError(key: key.name, underlying: "\(error)") }
            }
        }
    }

    /// The value under `key`, or `defaultValue`; assigning stores the result, so values can be
    /// changed in place (`req.session[.cart, default: []].append(id)`).
    public subscript<Value>(_ key: Key<Value>, default defaultValue: @autoclosure () -> Value) -> Value {
        get { self[key] ?? defaultValue() }
        set { self[key] = newValue }
    }

    /// The value under `key`.
    /// - Returns: The value, or `nil` when absent.
    /// - Throws: `DecodingError` when the stored value does not decode as `Value`.
    public func value<Value>(for key: Key<Value>) throws -> Value? {
        let stored = state.withLock { state -> SessionValue? in
            state.accessed = true
            return state.data.values[key.name]
        }
        return try stored?.decoded(as: Value.self)
    }

    /// Stores `value` under `key`, or removes the key when `value` is `nil`.
    /// - Throws: `EncodingError` when the value cannot be encoded as JSON (a `Double.nan`).
    public func setValue<Value>(_ value: Value?, for key: Key<Value>) throws {
        let encoded = try value.map { try SessionValue.from($0) }
        state.withLock { state in
            state.accessed = true
            state.data.values[key.name] = encoded
            state.modified = true
        }
    }

    /// Removes the value under `key`.
    public func removeValue<Value>(for key: Key<Value>) {
        state.withLock { state in
            state.accessed = true
            if state.data.values.removeValue(forKey: key.name) != nil { state.modified = true }
        }
    }

    /// Whether a value is stored under `key`.
    public func contains<Value>(_ key: Key<Value>) -> Bool {
        state.withLock { state in
            state.accessed = true
            return state.data.values[key.name] != nil
        }
    }

    /// Whether the session holds no values.
    public var isEmpty: Bool {
        state.withLock { state in
            state.accessed = true
            return state.data.values.isEmpty
        }
    }

    /// Removes every value, keeping the identifier.
    public func clear() {
        state.withLock { state in
            state.accessed = true
            if !state.data.values.isEmpty { state.modified = true }
            state.data.values.removeAll()
        }
    }

    /// The session's identifier: random, made by the server, never chosen by the client.
    public var id: String { state.withLock { $0.data.id } }

    /// When the session expires, as last saved (or as it will be if saved now with the
    /// default lifetime).
    public var expiresAt: Date { state.withLock { $0.data.expiresAt } }

    /// Whether the session changed during this request (and will be saved).
    public var isModified: Bool { state.withLock { $0.modified } }

    /// Whether the request read or wrote the session (the response then varies by `Cookie`).
    public var wasAccessed: Bool { state.withLock { $0.accessed } }

    /// This session's own lifetime, or `nil` for the app's default: "remember me".
    ///
    /// ```swift
    /// req.session.expiry = .after(.seconds(30 * 86_400))   // remember me for 30 days
    /// req.session.expiry = .browserSession                 // forget me when the browser closes
    /// ```
    public var expiry: SessionExpiry? {
        get { state.withLock { $0.data.expiry } }
        set {
            state.withLock { state in
                state.accessed = true
                state.data.expiry = newValue
                state.modified = true
            }
        }
    }

    /// Gives the session a new identifier, keeping its values, and forgets the old one in the
    /// store: call it when privileges change (login), so an identifier planted or seen before
    /// is worthless afterwards.
    public func cycleKey() {
        state.withLock { state in
            state.accessed = true
            if let stored = state.storedID { state.discardedIDs.append(stored) }
            state.storedID = nil
            state.data.id = SessionData.makeID()
            state.modified = true
        }
    }

    /// Removes every value, gives the session a new identifier and deletes the old one from
    /// the store: call it at logout. The response deletes the session cookie.
    public func flush() {
        state.withLock { state in
            state.accessed = true
            if let stored = state.storedID { state.discardedIDs.append(stored) }
            state.storedID = nil
            state.data.values.removeAll()
            state.data.expiry = nil
            state.data.id = SessionData.makeID()
            state.modified = true
        }
    }
}

/// A session value that could not be encoded as JSON; the session is not saved and the
/// request fails with a 500 naming the key.
public struct SessionEncodingError: Error, Sendable, CustomStringConvertible {
    /// The key whose value failed.
    public let key: String
    /// The encoder's explanation.
    public let underlying: String

    public var description: String { "the session value for '\(key)' cannot be encoded as JSON: \(underlying)" }
}
