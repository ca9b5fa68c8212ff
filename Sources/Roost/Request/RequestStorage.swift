/// Typed per-request storage that other Roost layers use to attach values to a request.
///
/// Keys are types, so two modules cannot collide and values come back typed:
///
/// ```swift
/// enum CurrentUserKey: RequestStorageKey { typealias Value = User }
/// req.storage[CurrentUserKey.self] = user
/// extension Request { var user: User? { storage[CurrentUserKey.self] } }
/// ```
public struct RequestStorage: Sendable {
    private var values: [ObjectIdentifier: any Sendable] = [:]

    /// Creates empty storage.
    public init() {}

    /// The value stored under `key`, if any.
    public subscript<Key: RequestStorageKey>(key: Key.Type) -> Key.Value? {
        get { values[ObjectIdentifier(key)] as? Key.Value }
        set { values[ObjectIdentifier(key)] = newValue }
    }
}

/// A key for ``RequestStorage``: a type naming a slot and the type of its value.
public protocol RequestStorageKey {
    /// What the slot holds.
    associatedtype Value: Sendable
}
