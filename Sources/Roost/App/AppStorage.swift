import Synchronization

/// Typed values that modules attach to an app while it is set up (a session store, auth
/// backends, a mailer), read by management commands through ``App/storage`` and by handlers
/// and middleware through ``AppContext/storage`` (`req.app.storage`).
///
/// Keys are types, as for ``RequestStorage``, so modules cannot collide:
///
/// ```swift
/// enum MailerKey: AppStorageKey { typealias Value = any Mailer }
/// app.storage[MailerKey.self] = SMTPMailer(…)          // at setup
/// let mailer = req.app.storage[MailerKey.self]         // in a handler
/// ```
///
/// The storage is frozen with the routes when the app starts serving.
public struct AppStorage: Sendable {
    private var values: [ObjectIdentifier: any Sendable] = [:]

    /// Creates empty storage.
    public init() {}

    /// The value stored under `key`, if any.
    public subscript<Key: AppStorageKey>(key: Key.Type) -> Key.Value? {
        get { values[ObjectIdentifier(key)] as? Key.Value }
        set { values[ObjectIdentifier(key)] = newValue }
    }
}

/// A key for ``AppStorage``: a type naming a slot and the type of its value.
public protocol AppStorageKey {
    /// What the slot holds.
    associatedtype Value: Sendable
}

extension App {
    /// Values that modules attach to the app at setup; see ``AppStorage``. Changing it after
    /// the app started serving is a programmer error.
    public var storage: AppStorage {
        get { registration.withLock { $0.storage } }
        set {
            registration.withLock { registration in
                precondition(registration.frozen == nil, "Roost: change app.storage before the app starts serving")
                registration.storage = newValue
            }
        }
    }
}
