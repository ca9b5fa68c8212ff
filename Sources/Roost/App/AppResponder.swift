import Logging

/// The compiled app the server calls: the route trie and, per route, the whole chain of
/// middleware and error handling, composed once at start-up.
final class AppResponder: HTTPResponder {
    let context: AppContext
    private let trie: RouteTrie
    private let unmatched: Responder
    private let logsAccess: Bool

    init(app: App, registration: App.Registration) throws(AppConfigurationError) {
        var problems = registration.routes.compactMap(\.problem)
        let appMiddleware = registration.middleware
        let appHandlers = registration.errorHandlers
        var endpoints: [Endpoint] = []
        var names: [String: RouteInfo] = [:]
        for route in registration.routes where route.problem == nil {
            let info = RouteInfo(
                pattern: route.pattern, method: route.method, name: route.name, options: route.options,
                blueprint: route.blueprint, sourceLocation: route.location
            )
            if let name = route.name {
                if let existing = names[name], existing.pattern != route.pattern {
                    problems.append("\(route.location): route name '\(name)' is already used by \(existing.pattern) at \(existing.sourceLocation)")
                }
                names[name] = info
            }
            // Every middleware layer sees a response, never a thrown error: errors become
            // responses right around the handler, and again around group middleware.
            let handlers = route.errorHandlers + [appHandlers]
            var handler = route.handler
            if !route.middleware.isEmpty {
                handler = route.middleware.wrap(ErrorBoundary.wrap(handler, handlers: handlers))
            }
            let inner = ErrorBoundary.wrapCheckingBodyLimit(handler, handlers: handlers)
            // Without app middleware the outer boundary would catch nothing the inner one
            // does not: skip it and save a layer per request.
            let outer = appMiddleware.isEmpty ? inner : ErrorBoundary.wrap(appMiddleware.wrap(inner), handlers: [appHandlers])
            endpoints.append(Endpoint(info: info, responder: outer))
        }
        let trie: RouteTrie
        do {
            trie = try RouteTrie(endpoints: endpoints)
        } catch {
            problems.append(error.description)
            trie = try! RouteTrie(endpoints: [])
        }
        guard problems.isEmpty else { throw AppConfigurationError(problems: problems) }
        self.trie = trie
        self.context = AppContext(
            settings: app.settings, logger: app.logger, routes: endpoints.map(\.info),
            defaultBodyLimit: registration.defaultBodyLimit,
            databases: registration.databases,
            templates: app.makeTemplateEnvironment(registration),
            templateContextProviders: registration.templateContextProviders,
            storage: registration.storage,
            errorHandlers: appHandlers
        )
        self.unmatched = ErrorBoundary.wrap(
            appMiddleware.wrap(ErrorBoundary.wrap(RoutingFailure.respond, handlers: [appHandlers])),
            handlers: [appHandlers]
        )
        self.logsAccess = app.settings.accessLog && app.logger.logLevel <= .info
    }

    func respond(to head: HTTPRequest, body: RequestBody, context connection: ConnectionContext) async throws -> Response {
        var request = Request(head: head, body: body, connection: connection, app: context)
        let response: Response
        switch trie.lookup(path: request.path, method: head.method) {
        case .found(let endpoint, let parameters):
            request.parameters = parameters
            request.route = endpoint.info
            response = try await endpoint.responder(request)
        case .redirectAddingSlash:
            request.storage[RoutingFailure.Key.self] = .redirectAddingSlash
            response = try await unmatched(request)
        case .methodNotAllowed(let table):
            request.storage[RoutingFailure.Key.self] = .methodNotAllowed(table.allowedMethods)
            response = try await unmatched(request)
        case .notFound:
            request.storage[RoutingFailure.Key.self] = .notFound
            response = try await unmatched(request)
        }
        if logsAccess { AccessLog.record(request, response) }
        return response
    }
}

/// Why no route handled a request; carried to the app-wide chain that answers it.
enum RoutingFailure: Sendable {
    case notFound
    case methodNotAllowed([HTTPRequest.Method])
    case redirectAddingSlash

    enum Key: RequestStorageKey {
        typealias Value = RoutingFailure
    }

    @Sendable static func respond(_ request: Request) async throws -> Response {
        switch request.storage[Key.self] ?? .notFound {
        case .notFound:
            throw HTTPError(.notFound)
        case .methodNotAllowed(let methods):
            let allow = methods.map(\.rawValue).joined(separator: ", ")
            if request.method == .options {
                return Response(status: .noContent, headerFields: [.allow: allow])
            }
            throw HTTPError(.methodNotAllowed, headerFields: [.allow: allow])
        case .redirectAddingSlash:
            let target = request.head.path ?? "/"
            let location: String
            if let question = target.firstIndex(of: "?") {
                location = target[..<question] + "/" + target[question...]
            } else {
                location = target + "/"
            }
            return .redirect(to: location, status: .permanentRedirect)
        }
    }
}

/// Writes one line per request at `info`, with the request ID.
enum AccessLog {
    static func record(_ request: Request, _ response: Response) {
        request.app.logger.info(
            "\(request.method) \(request.head.path ?? "/") \(response.status.code)",
            metadata: [
                "request_id": .string(request.id),
                "client": .string(request.connection.remoteAddress ?? "-"),
            ]
        )
    }
}
