/// A route as declared, before it is mounted and compiled. Created by the `get`/`post`/…
/// methods of ``RouteRegistrar``.
public struct RouteDeclaration: Sendable {
    var method: HTTPRequest.Method
    var pattern: RoutePattern
    var name: String?
    var options: RouteOptions
    var location: SourceLocation
    var handler: Responder
    /// Group and blueprint middleware, outermost first.
    var middleware: [any Middleware] = []
    /// Blueprint error handlers, innermost (most specific) first.
    var errorHandlers: [ErrorHandlerTable] = []
    var blueprint: String?
    /// A problem found while declaring (bad pattern, handler arguments that do not fit);
    /// reported when the app starts.
    var problem: String?
}

/// Something routes can be added to: the ``App``, a ``RouteGroup`` or a ``Blueprint``.
///
/// All of them share the Flask-style registration methods:
///
/// ```swift
/// app.get("/") { _ in "Home" }
/// app.get("/posts/<int:id>", name: "post") { req, (id: Int) in try await load(id) }
/// app.post("/posts") { req in … }
/// ```
public protocol RouteRegistrar: Sendable {
    /// Adds a declared route. The `get`/`post`/… methods call this.
    func register(_ route: RouteDeclaration)
}

extension RouteRegistrar {
    /// Adds a route for `method` at `path`.
    ///
    /// The handler receives the request and one typed argument per placeholder in `path`,
    /// in order; each argument's type must accept its converter (`Int` for `<int:…>`,
    /// `UUID` for `<uuid:…>`, `String` for any). A placeholder value that does not convert
    /// answers 404. Mistakes in the pattern or the arguments are reported when the app
    /// starts (`serve`, `check`, the test client), with the file and line of the route.
    /// - Parameters:
    ///   - method: The HTTP method.
    ///   - path: A pattern such as `/posts/<int:id>`.
    ///   - name: The endpoint name for `urlFor`.
    ///   - options: Per-route options (body limit).
    ///   - handler: Returns a `String`, a ``Response``, or another ``ResponseConvertible``.
    public func on<each Argument: RouteParameterValue, Result: ResponseConvertible>(
        _ method: HTTPRequest.Method,
        _ path: String,
        name: String? = nil,
        options: RouteOptions = RouteOptions(),
        file: String = #fileID,
        line: Int = #line,
        _ handler: @escaping @Sendable (Request, repeat each Argument) async throws -> Result
    ) {
        register(
            RouteDeclaration.make(
                method, path, name: name, options: options, location: SourceLocation(file: file, line: line),
                argumentTypes: (repeat (each Argument).self)
            ) { request in
                let arguments = try HandlerArguments.extract((repeat (each Argument).self), from: request.parameters)
                return try await handler(request, repeat each arguments).response(for: request)
            }
        )
    }

    /// Adds a route whose handler returns any `Encodable` value, sent as JSON.
    @_disfavoredOverload
    public func on<each Argument: RouteParameterValue, Result: Encodable & Sendable>(
        _ method: HTTPRequest.Method,
        _ path: String,
        name: String? = nil,
        options: RouteOptions = RouteOptions(),
        file: String = #fileID,
        line: Int = #line,
        _ handler: @escaping @Sendable (Request, repeat each Argument) async throws -> Result
    ) {
        register(
            RouteDeclaration.make(
                method, path, name: name, options: options, location: SourceLocation(file: file, line: line),
                argumentTypes: (repeat (each Argument).self)
            ) { request in
                let arguments = try HandlerArguments.extract((repeat (each Argument).self), from: request.parameters)
                return try JSONValue(value: await handler(request, repeat each arguments)).response(for: request)
            }
        )
    }
}

extension RouteDeclaration {
    static func make<each Argument: RouteParameterValue>(
        _ method: HTTPRequest.Method,
        _ path: String,
        name: String?,
        options: RouteOptions,
        location: SourceLocation,
        argumentTypes: (repeat (each Argument).Type),
        handler: @escaping Responder
    ) -> RouteDeclaration {
        var problem: String?
        let pattern: RoutePattern
        do {
            pattern = try RoutePattern(path)
        } catch {
            pattern = RoutePattern(segments: [.literal("")])
            problem = error.description
        }
        if problem == nil {
            problem = HandlerArguments.mismatch(between: pattern, and: (repeat (each Argument).self))
        }
        return RouteDeclaration(
            method: method, pattern: pattern, name: name, options: options, location: location,
            handler: handler, problem: problem.map { "\(location): \($0)" }
        )
    }
}

/// Turns captured placeholder values into a handler's typed arguments.
enum HandlerArguments {
    /// A reason the handler's argument list does not fit the pattern, or `nil`.
    static func mismatch<each Argument: RouteParameterValue>(
        between pattern: RoutePattern, and types: (repeat (each Argument).Type)
    ) -> String? {
        var accepted: [Set<PathConverter>] = []
        var names: [String] = []
        for type in repeat each types {
            accepted.append(type.acceptedConverters)
            names.append("\(type)")
        }
        let placeholders = pattern.parameters
        if accepted.isEmpty { return nil }
        guard accepted.count == placeholders.count else {
            return "route '\(pattern)' has \(placeholders.count) placeholder(s) but its handler takes \(accepted.count) argument(s) after the request"
        }
        for (index, placeholder) in placeholders.enumerated() where !accepted[index].contains(placeholder.converter) {
            return "placeholder '\(placeholder.name)' of route '\(pattern)' uses the \(placeholder.converter) converter, which cannot become \(names[index])"
        }
        return nil
    }

    /// The typed arguments, or a 404 when a value does not convert.
    static func extract<each Argument: RouteParameterValue>(
        _ types: (repeat (each Argument).Type), from parameters: Parameters
    ) throws -> (repeat each Argument) {
        let cursor = ParameterCursor(values: parameters.values)
        return (repeat try cursor.next((each Argument).self))
    }

    final class ParameterCursor {
        let values: [(name: String, value: String)]
        var index = 0

        init(values: [(name: String, value: String)]) {
            self.values = values
        }

        func next<T: RouteParameterValue>(_ type: T.Type) throws -> T {
            defer { index += 1 }
            guard index < values.count, let value = T.fromRouteParameter(values[index].value) else {
                throw HTTPError(.notFound)
            }
            return value
        }
    }
}
