/// Code that runs around route handlers: before, after, or instead of them.
///
/// Middleware receives the request and the rest of the chain as `next`. It may change the
/// request, answer without calling `next` (short-circuit), or change the response:
///
/// ```swift
/// struct Timing: Middleware {
///     func respond(to request: Request, next: Next) async throws -> Response {
///         let start = ContinuousClock.now
///         var response = try await next(request)
///         response.headerFields[.init("Server-Timing")!] = "app;dur=\(ContinuousClock.now - start)"
///         return response
///     }
/// }
/// app.use(Timing())
/// ```
///
/// App-wide middleware (``App/use(_:)``) runs for every request, including those no route
/// matches; group and blueprint middleware runs only for their routes, inside the app's.
/// Chains are composed once at start-up, not per request.
public protocol Middleware: Sendable {
    /// Handles a request, usually by passing it on to `next`.
    /// - Parameters:
    ///   - request: The request so far.
    ///   - next: The rest of the chain, ending in the route handler.
    /// - Returns: The response to send (or to hand to outer middleware).
    func respond(to request: Request, next: Next) async throws -> Response
}

/// The rest of a middleware chain.
public struct Next: Sendable {
    let responder: Responder

    /// Runs the rest of the chain.
    public func callAsFunction(_ request: Request) async throws -> Response {
        try await responder(request)
    }
}

/// Middleware from a closure, for one-off needs.
///
/// ```swift
/// app.use { req, next in
///     var response = try await next(req)
///     response.headerFields[.cacheControl] = "no-store"
///     return response
/// }
/// ```
public struct ClosureMiddleware: Middleware {
    let body: @Sendable (Request, Next) async throws -> Response

    /// Wraps a closure.
    public init(_ body: @escaping @Sendable (Request, Next) async throws -> Response) {
        self.body = body
    }

    public func respond(to request: Request, next: Next) async throws -> Response {
        try await body(request, next)
    }
}

extension Array where Element == any Middleware {
    /// Wraps `responder` so the first middleware runs first.
    func wrap(_ responder: @escaping Responder) -> Responder {
        reversed().reduce(responder) { inner, middleware in
            let next = Next(responder: inner)
            return { request in try await middleware.respond(to: request, next: next) }
        }
    }
}
