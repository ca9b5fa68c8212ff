/// What the router knows about one registered route; middleware can read it as
/// ``Request/route``.
public final class RouteInfo: Sendable, CustomStringConvertible {
    /// The full pattern, prefixes included.
    public let pattern: RoutePattern
    /// The method the route answers.
    public let method: HTTPRequest.Method
    /// The endpoint name used by `urlFor`, blueprint-qualified (`blog.post_detail`), if named.
    public let name: String?
    /// Per-route options such as the body size limit.
    public let options: RouteOptions
    /// The mount name of the blueprint that registered the route, if any.
    public let blueprint: String?
    /// Where the route was registered, for error pages and `check`.
    public let sourceLocation: SourceLocation

    init(
        pattern: RoutePattern, method: HTTPRequest.Method, name: String?, options: RouteOptions,
        blueprint: String?, sourceLocation: SourceLocation
    ) {
        self.pattern = pattern
        self.method = method
        self.name = name
        self.options = options
        self.blueprint = blueprint
        self.sourceLocation = sourceLocation
    }

    public var description: String { "\(method) \(pattern)" + (name.map { " (\($0))" } ?? "") }
}

/// Options for one route, or defaults for every route of a group.
///
/// ```swift
/// app.post("/upload", options: .init(bodyLimit: 100 * 1024 * 1024)) { req in … }
/// app.group("/hooks", options: .init(bodyLimit: 64 * 1024)) { hooks in … }
/// ```
///
/// Other Roost modules add typed options through ``attributes`` (RoostSecurity's CSRF
/// exemption and framing policy, for instance), usually behind a property of their own.
public struct RouteOptions: Sendable {
    /// The largest request body the route accepts, in bytes; larger gets `413`. `nil` uses
    /// the app's default (10 MiB).
    public var bodyLimit: Int?
    /// Typed options that other modules define; see ``RouteAttributes``.
    public var attributes: RouteAttributes

    /// Creates route options.
    public init(bodyLimit: Int? = nil) {
        self.bodyLimit = bodyLimit
        self.attributes = RouteAttributes()
    }

    /// These options with `defaults` filling in what they leave unset: a route's own options
    /// win over its group's, an inner group's over an outer one's.
    /// - Parameter defaults: The enclosing group's options.
    /// - Returns: The combined options.
    public func withDefaults(_ defaults: RouteOptions) -> RouteOptions {
        var combined = self
        combined.bodyLimit = bodyLimit ?? defaults.bodyLimit
        combined.attributes = attributes.withDefaults(defaults.attributes)
        return combined
    }
}

/// A place in the source, captured where something was declared.
public struct SourceLocation: Sendable, CustomStringConvertible {
    /// The file, as `#fileID` gives it (`Module/File.swift`).
    public let file: String
    /// The line.
    public let line: Int

    /// Creates a location; usually from `#fileID` and `#line` default arguments.
    public init(file: String, line: Int) {
        self.file = file
        self.line = line
    }

    public var description: String { "\(file):\(line)" }
}

/// A registered route with everything needed to run it.
struct Endpoint: Sendable {
    let info: RouteInfo
    /// The handler wrapped in the route's middleware and error handling.
    let responder: Responder
}

/// A step in the request pipeline: a handler, or a handler wrapped in middleware.
public typealias Responder = @Sendable (Request) async throws -> Response
