#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif

/// The values a route's placeholders captured, by name, already percent-decoded.
///
/// Typed handlers receive them as arguments; this is for middleware and generic code.
///
/// ```swift
/// app.get("/posts/<int:id>") { req in
///     let id = req.parameters.get("id", as: Int.self)
/// }
/// ```
public struct Parameters: Sendable {
    var values: [(name: String, value: String)] = []

    /// Creates an empty set of parameters.
    public init() {}

    init(_ values: [(name: String, value: String)]) {
        self.values = values
    }

    /// The captured text for a placeholder, or `nil` when the route has no such placeholder.
    public subscript(name: String) -> String? {
        values.first { $0.name == name }?.value
    }

    /// The captured value converted to `T`, or `nil` when absent or not convertible.
    public func get<T: RouteParameterValue>(_ name: String, as type: T.Type = T.self) -> T? {
        self[name].flatMap(T.fromRouteParameter)
    }

    /// Every captured name and value, in pattern order.
    public var all: [(name: String, value: String)] { values }

    /// Whether nothing was captured.
    public var isEmpty: Bool { values.isEmpty }
}

/// A type a route placeholder can be converted to for a typed handler argument.
///
/// ```swift
/// app.get("/users/<uuid:id>") { req, (id: UUID) in … }
/// ```
public protocol RouteParameterValue: Sendable {
    /// Converts captured text; `nil` when it does not fit (the route then answers 404).
    ///
    /// A static function rather than an initializer, so that `Int.init` and friends stay
    /// unambiguous in user code.
    static func fromRouteParameter(_ text: String) -> Self?
    /// The converters whose captures this type accepts, checked when the route is added.
    static var acceptedConverters: Set<PathConverter> { get }
}

extension String: RouteParameterValue {
    public static func fromRouteParameter(_ text: String) -> String? { text }
    public static var acceptedConverters: Set<PathConverter> { [.string, .slug, .path, .int, .float, .uuid] }
}

extension Int: RouteParameterValue {
    public static func fromRouteParameter(_ text: String) -> Int? { Int(text) }
    public static var acceptedConverters: Set<PathConverter> { [.int] }
}

extension Int64: RouteParameterValue {
    public static func fromRouteParameter(_ text: String) -> Int64? { Int64(text) }
    public static var acceptedConverters: Set<PathConverter> { [.int] }
}

extension Int32: RouteParameterValue {
    public static func fromRouteParameter(_ text: String) -> Int32? { Int32(text) }
    public static var acceptedConverters: Set<PathConverter> { [.int] }
}

extension UInt: RouteParameterValue {
    public static func fromRouteParameter(_ text: String) -> UInt? { UInt(text) }
    public static var acceptedConverters: Set<PathConverter> { [.int] }
}

extension Double: RouteParameterValue {
    public static func fromRouteParameter(_ text: String) -> Double? { Double(text) }
    public static var acceptedConverters: Set<PathConverter> { [.float, .int] }
}

extension UUID: RouteParameterValue {
    public static func fromRouteParameter(_ text: String) -> UUID? { UUID(uuidString: text) }
    public static var acceptedConverters: Set<PathConverter> { [.uuid] }
}
