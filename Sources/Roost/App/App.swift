public import Logging
import RoostDatabase
import RoostTemplates
import Synchronization

/// A Roost application: routes, middleware, error handlers, settings and the management
/// commands, in one explicit object.
///
/// ```swift
/// let app = try App()
/// app.get("/") { _ in "Hello, world!" }
/// app.get("/posts/<int:id>", name: "post") { req, (id: Int) in "Post \(id)" }
/// try await app.main()          // `serve` by default; also `routes`, `check`
/// ```
///
/// Register everything before the app starts serving (Flask's rule): the route table and
/// middleware chains are compiled once, then shared by every event loop without locks.
/// Several apps can live in one process; nothing is global.
public final class App: RouteRegistrar {
    /// The app's settings, read once at creation.
    public let settings: Settings
    /// The app's logger, at the level `LOG_LEVEL` sets.
    public let logger: Logger

    struct Registration {
        var routes: [RouteDeclaration] = []
        var middleware: [any Middleware] = []
        var errorHandlers = ErrorHandlerTable()
        var commands: [any AppCommand.Type] = []
        var defaultBodyLimit = 10 * 1024 * 1024
        var serverConfiguration = HTTPServerConfiguration()
        var console = Console.standardOutput
        var databases: Databases?
        var templateConfiguration = TemplateConfiguration()
        var templateFolders: [String] = []
        var templateLoaders: [any TemplateLoader] = []
        var templateContextProviders: [@Sendable (Request) -> [String: TemplateValue]] = []
        var shutdownHandlers: [@Sendable () async -> Void] = []
        var storage = AppStorage()
        var frozen: AppResponder?
    }

    let registration = Mutex(Registration())

    /// Creates an app with explicit settings (tests use this to stay independent of the
    /// environment).
    /// - Parameters:
    ///   - settings: The settings.
    ///   - logger: The logger; one labelled `roost` at `settings.logLevel` by default.
    public init(settings: Settings, logger: Logger? = nil) {
        self.settings = settings
        if let logger {
            self.logger = logger
        } else {
            var logger = Logger(label: "roost")
            logger.logLevel = settings.logLevel
            self.logger = logger
        }
    }

    /// Creates an app whose settings come from environment variables and the optional
    /// settings file (see ``Settings/load(environment:)``).
    /// - Throws: ``SettingsError`` naming the key and value of a bad setting.
    public convenience init() throws {
        try self.init(settings: Settings.load())
    }

    /// Adds a route; called by `get`, `post`, ….
    public func register(_ route: RouteDeclaration) {
        mutate { $0.routes.append(route) }
    }

    /// Adds app-wide middleware, run for every request in the order added.
    public func use(_ middleware: any Middleware) {
        mutate { $0.middleware.append(middleware) }
    }

    /// Adds app-wide middleware from a closure.
    public func use(_ body: @escaping @Sendable (Request, Next) async throws -> Response) {
        use(ClosureMiddleware(body))
    }

    /// A group of routes sharing a prefix, middleware and default options.
    ///
    /// ```swift
    /// app.group("/api", middleware: [TokenAuth()], options: .init(bodyLimit: 1 << 20)) { api in
    ///     api.post("/posts") { req in … }
    /// }
    /// ```
    /// - Parameters:
    ///   - prefix: The path prefix, such as `/api`.
    ///   - middleware: Middleware around the group's routes, inside the app's.
    ///   - options: Defaults for the group's routes (their own options win).
    ///   - build: Adds the routes.
    public func group(
        _ prefix: String, middleware: [any Middleware] = [], options: RouteOptions = RouteOptions(),
        _ build: (RouteGroup) -> Void
    ) {
        build(RouteGroup(parent: self, prefix: prefix, middleware: middleware, options: options))
    }

    /// Mounts a blueprint under `prefix`.
    /// - Parameters:
    ///   - blueprint: The blueprint.
    ///   - prefix: The path prefix, such as `/blog`.
    ///   - mountName: The name qualifying its endpoints; the blueprint's name by default.
    ///     Give each mount of the same blueprint its own name.
    public func register(_ blueprint: Blueprint, at prefix: String = "/", as mountName: String? = nil) {
        blueprint.mount(on: self, at: prefix, as: mountName ?? blueprint.name)
    }

    /// Handles errors of type `E` not handled closer to their route.
    public func onError<E: Error>(
        _ type: E.Type, _ handler: @escaping @Sendable (Request, E) async throws -> any ResponseConvertible
    ) {
        mutate { $0.errorHandlers.add(type, handler) }
    }

    /// Handles errors with `status` (404 and 405 from the router included) not handled
    /// closer to their route. `.internalServerError` also catches every error that is not an
    /// ``HTTPResponseError``.
    public func onError(
        _ status: HTTPResponse.Status, _ handler: @escaping @Sendable (Request, any Error) async throws -> any ResponseConvertible
    ) {
        mutate { $0.errorHandlers.add(status, handler) }
    }

    /// The largest request body a route accepts unless its options say otherwise.
    public var defaultBodyLimit: Int {
        get { registration.withLock { $0.defaultBodyLimit } }
        set { mutate { $0.defaultBodyLimit = newValue } }
    }

    /// Limits and time-outs for `serve`; host, port and threads come from the settings.
    public var serverConfiguration: HTTPServerConfiguration {
        get { registration.withLock { $0.serverConfiguration } }
        set { mutate { $0.serverConfiguration = newValue } }
    }

    /// Where management commands print; standard output unless replaced (tests capture it).
    public var console: Console {
        get { registration.withLock { $0.console } }
        set { registration.withLock { $0.console = newValue } }
    }

    /// Adds a management command to the app's command line (`migrate`, `createsuperuser`, …).
    public func registerCommand(_ command: any AppCommand.Type) {
        mutate { $0.commands.append(command) }
    }

    private func mutate(_ change: (inout Registration) -> Void) {
        registration.withLock { registration in
            precondition(
                registration.frozen == nil,
                "Roost: the app is already serving; register routes, middleware and handlers before it starts"
            )
            change(&registration)
        }
    }

    /// Compiles routes and middleware into the responder the server calls. The first call
    /// freezes the app; later calls return the same responder.
    /// - Throws: ``AppConfigurationError`` listing every bad route.
    public func responder() throws(AppConfigurationError) -> some HTTPResponder {
        try compiled()
    }

    func compiled() throws(AppConfigurationError) -> AppResponder {
        let result = registration.withLock { registration -> Result<AppResponder, AppConfigurationError> in
            if let frozen = registration.frozen { return .success(frozen) }
            do throws(AppConfigurationError) {
                let responder = try AppResponder(app: self, registration: registration)
                registration.frozen = responder
                return .success(responder)
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }
}

/// Problems in how an app was put together, found when it starts.
public struct AppConfigurationError: Error, Sendable, CustomStringConvertible {
    /// Every problem found, each with the source location of its route.
    public let problems: [String]

    public var description: String {
        "the app is misconfigured:\n" + problems.map { "  - \($0)" }.joined(separator: "\n")
    }
}

extension App {
    /// Builds the URL of a named route, freezing the app; see ``AppContext/urlFor(_:_:)``.
    /// - Throws: ``URLBuildError``, or ``AppConfigurationError`` if the routes are misconfigured.
    public func urlFor(_ name: String, _ parameters: [String: any CustomStringConvertible] = [:]) throws -> String {
        try compiled().context.urlFor(name, parameters)
    }
}
