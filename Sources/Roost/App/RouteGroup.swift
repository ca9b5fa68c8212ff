/// Routes that share a path prefix, middleware and default options.
///
/// ```swift
/// app.group("/api", middleware: [TokenAuth()]) { api in
///     api.get("/posts") { req in try await Post.all() }
/// }
/// ```
///
/// A group's ``RouteOptions`` are defaults: a route's own options win where it sets them.
public struct RouteGroup: RouteRegistrar {
    let parent: any RouteRegistrar
    let prefix: RoutePattern
    let middleware: [any Middleware]
    let options: RouteOptions
    let prefixProblem: String?

    /// Adds a route under the group's prefix, inside its middleware.
    public func register(_ route: RouteDeclaration) {
        var route = route
        route.pattern = route.pattern.prefixed(by: prefix)
        route.middleware = middleware + route.middleware
        route.options = route.options.withDefaults(options)
        if route.problem == nil { route.problem = prefixProblem }
        parent.register(route)
    }

    /// A nested group.
    /// - Parameters:
    ///   - prefix: The path prefix, such as `/admin`.
    ///   - middleware: Middleware around the group's routes, inside this group's.
    ///   - options: Defaults for the group's routes (their own options win).
    ///   - build: Adds the routes.
    public func group(
        _ prefix: String, middleware: [any Middleware] = [], options: RouteOptions = RouteOptions(),
        _ build: (RouteGroup) -> Void
    ) {
        build(RouteGroup(parent: self, prefix: prefix, middleware: middleware, options: options))
    }

    init(parent: any RouteRegistrar, prefix: String, middleware: [any Middleware], options: RouteOptions = RouteOptions()) {
        self.parent = parent
        self.middleware = middleware
        self.options = options
        do {
            self.prefix = try RoutePattern(prefix)
            self.prefixProblem = nil
        } catch {
            self.prefix = RoutePattern(segments: [.literal("")])
            self.prefixProblem = error.description
        }
    }
}
