/// Routes that share a path prefix and middleware.
///
/// ```swift
/// app.group("/api", middleware: [TokenAuth()]) { api in
///     api.get("/posts") { req in try await Post.all() }
/// }
/// ```
public struct RouteGroup: RouteRegistrar {
    let parent: any RouteRegistrar
    let prefix: RoutePattern
    let middleware: [any Middleware]
    let prefixProblem: String?

    /// Adds a route under the group's prefix, inside its middleware.
    public func register(_ route: RouteDeclaration) {
        var route = route
        route.pattern = route.pattern.prefixed(by: prefix)
        route.middleware = middleware + route.middleware
        if route.problem == nil { route.problem = prefixProblem }
        parent.register(route)
    }

    /// A nested group.
    public func group(
        _ prefix: String, middleware: [any Middleware] = [], _ build: (RouteGroup) -> Void
    ) {
        build(RouteGroup(parent: self, prefix: prefix, middleware: middleware))
    }

    init(parent: any RouteRegistrar, prefix: String, middleware: [any Middleware]) {
        self.parent = parent
        self.middleware = middleware
        do {
            self.prefix = try RoutePattern(prefix)
            self.prefixProblem = nil
        } catch {
            self.prefix = RoutePattern(segments: [.literal("")])
            self.prefixProblem = error.description
        }
    }
}
