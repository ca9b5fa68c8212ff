/// Typed, per-route values that modules above Roost define: the route-level counterpart of
/// ``RequestStorage``, set when routes are declared and read by middleware through
/// ``Request/route``.
///
/// Keys are types, so two modules cannot collide and values come back typed. A module
/// usually wraps its key in a property of ``RouteOptions``:
///
/// ```swift
/// enum CacheSecondsKey: RouteAttributeKey { typealias Value = Int }
/// extension RouteOptions {
///     var cacheSeconds: Int? {
///         get { attributes[CacheSecondsKey.self] }
///         set { attributes[CacheSecondsKey.self] = newValue }
///     }
/// }
/// var options = RouteOptions()
/// options.cacheSeconds = 60
/// app.get("/news", options: options) { _ in "…" }
/// // in middleware: request.route?.options.cacheSeconds
/// ```
public struct RouteAttributes: Sendable {
    private var values: [ObjectIdentifier: any Sendable] = [:]

    /// Creates an empty set of attributes.
    public init() {}

    /// The value stored under `key`, if any.
    public subscript<Key: RouteAttributeKey>(key: Key.Type) -> Key.Value? {
        get { values[ObjectIdentifier(key)] as? Key.Value }
        set { values[ObjectIdentifier(key)] = newValue }
    }

    /// Whether no attribute is set.
    public var isEmpty: Bool { values.isEmpty }

    /// These attributes with those of `defaults` added where these have none.
    /// - Parameter defaults: Attributes from an enclosing group.
    /// - Returns: The combined attributes.
    public func withDefaults(_ defaults: RouteAttributes) -> RouteAttributes {
        var combined = self
        combined.values.merge(defaults.values) { own, _ in own }
        return combined
    }
}

/// A key for ``RouteAttributes``: a type naming a slot and the type of its value.
public protocol RouteAttributeKey {
    /// What the slot holds.
    associatedtype Value: Sendable
}
