import Synchronization

/// A reusable set of routes with its own middleware and error handlers, mounted on an app
/// under a prefix: Flask's blueprints.
///
/// A blueprint can be mounted more than once under different names; its endpoint names
/// are qualified by the mount name (`blog.index`, `news.index`).
///
/// ```swift
/// let blog = Blueprint("blog")
/// blog.get("/", name: "index") { _ in "Posts" }
/// blog.onError(.notFound) { _, _ in Response.text("No such post", status: .notFound) }
/// app.register(blog, at: "/blog")
/// app.register(blog, at: "/news", as: "news")
/// ```
public final class Blueprint: RouteRegistrar {
    /// The blueprint's default mount name.
    public let name: String

    private struct State {
        var routes: [RouteDeclaration] = []
        var middleware: [any Middleware] = []
        var errorHandlers = ErrorHandlerTable()
    }

    private let state = Mutex(State())

    /// Creates an empty blueprint.
    public init(_ name: String) {
        self.name = name
    }

    /// Records a route; it is added to the app when the blueprint is mounted.
    public func register(_ route: RouteDeclaration) {
        state.withLock { $0.routes.append(route) }
    }

    /// Adds middleware around every route of the blueprint.
    public func use(_ middleware: any Middleware) {
        state.withLock { $0.middleware.append(middleware) }
    }

    /// Handles errors of type `E` thrown by this blueprint's routes.
    public func onError<E: Error>(
        _ type: E.Type, _ handler: @escaping @Sendable (Request, E) async throws -> any ResponseConvertible
    ) {
        state.withLock { $0.errorHandlers.add(type, handler) }
    }

    /// Handles errors with `status` thrown by this blueprint's routes.
    public func onError(
        _ status: HTTPResponse.Status, _ handler: @escaping @Sendable (Request, any Error) async throws -> any ResponseConvertible
    ) {
        state.withLock { $0.errorHandlers.add(status, handler) }
    }

    /// A group of routes inside the blueprint.
    /// - Parameters:
    ///   - prefix: The path prefix inside the blueprint's.
    ///   - middleware: Middleware around the group's routes.
    ///   - options: Defaults for the group's routes (their own options win).
    ///   - build: Adds the routes.
    public func group(
        _ prefix: String, middleware: [any Middleware] = [], options: RouteOptions = RouteOptions(),
        _ build: (RouteGroup) -> Void
    ) {
        build(RouteGroup(parent: self, prefix: prefix, middleware: middleware, options: options))
    }

    /// Adds the blueprint's routes to `registrar` under `prefix`, named `mountName.route`.
    func mount(on registrar: any RouteRegistrar, at prefix: String, as mountName: String) {
        let snapshot = state.withLock { $0 }
        let group = RouteGroup(parent: registrar, prefix: prefix, middleware: snapshot.middleware)
        for var route in snapshot.routes {
            route.name = route.name.map { "\(mountName).\($0)" }
            route.blueprint = mountName
            if !snapshot.errorHandlers.isEmpty { route.errorHandlers.append(snapshot.errorHandlers) }
            group.register(route)
        }
    }
}
