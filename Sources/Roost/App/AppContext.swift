#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
public import Logging
public import RoostDatabase
public import RoostTemplates

/// The running application as a request sees it (``Request/app``): settings, logger, and
/// reverse URL building. Immutable once the app starts.
public final class AppContext: Sendable {
    /// The app's settings.
    public let settings: Settings
    /// The app's logger.
    public let logger: Logger
    /// Whether DEBUG is on.
    public let debug: Bool
    /// Every route, in registration order.
    public let routes: [RouteInfo]
    let defaultBodyLimit: Int
    /// The app's databases, when configured.
    public let databases: Databases?
    /// The template environment.
    public let templates: TemplateEnvironment
    /// Values modules attached to the app at setup (see ``AppStorage``).
    public let storage: AppStorage
    let templateContextProviders: [@Sendable (Request) -> [String: TemplateValue]]
    let errorHandlers: ErrorHandlerTable
    let urlBuilder: URLBuilder
    let urlForCallable: TemplateCallable
    let jsonEncoder: JSONEncoder
    private let requestIDPrefix: String

    init(
        settings: Settings, logger: Logger, routes: [RouteInfo], defaultBodyLimit: Int, databases: Databases?,
        templates: TemplateEnvironment, templateContextProviders: [@Sendable (Request) -> [String: TemplateValue]],
        storage: AppStorage = AppStorage(), errorHandlers: ErrorHandlerTable = ErrorHandlerTable()
    ) {
        self.storage = storage
        self.errorHandlers = errorHandlers
        self.databases = databases
        self.templates = templates
        self.templateContextProviders = templateContextProviders
        self.settings = settings
        self.logger = logger
        self.debug = settings.debug
        self.routes = routes
        self.defaultBodyLimit = defaultBodyLimit
        let builder = URLBuilder(routes: routes)
        self.urlBuilder = builder
        self.urlForCallable = builder.templateCallable
        self.jsonEncoder = Response.makeJSONEncoder()
        self.requestIDPrefix = String(UInt32.random(in: .min ... .max), radix: 16)
    }

    func requestID(connection: ConnectionContext) -> String {
        "\(requestIDPrefix)-\(connection.connectionID)-\(connection.requestNumber)"
    }

    /// Builds the URL path of a named route: Flask's `url_for`, Django's `reverse`.
    ///
    /// Values are checked against their placeholder's converter and percent-encoded;
    /// parameters the pattern does not name go into the query string.
    ///
    /// ```swift
    /// try req.app.urlFor("post", ["id": 42])                // "/posts/42"
    /// try req.app.urlFor("search", ["q": "a b"])            // "/search?q=a%20b"
    /// ```
    /// - Throws: ``URLBuildError`` for an unknown name, a missing parameter, or a value
    ///   its converter rejects.
    public func urlFor(_ name: String, _ parameters: [String: any CustomStringConvertible] = [:]) throws(URLBuildError) -> String {
        try urlBuilder.url(for: name, parameters)
    }
}

/// Reverse URL building over the named routes.
struct URLBuilder: Sendable {
    private let namedRoutes: [String: RouteInfo]

    init(routes: [RouteInfo]) {
        var named: [String: RouteInfo] = [:]
        for route in routes {
            if let name = route.name, named[name] == nil { named[name] = route }
        }
        namedRoutes = named
    }

    func url(for name: String, _ parameters: [String: any CustomStringConvertible]) throws(URLBuildError) -> String {
        guard let route = namedRoutes[name] else {
            throw URLBuildError(name: name, reason: "no route is named '\(name)'")
        }
        var path = ""
        var used: Set<String> = []
        for segment in route.pattern.segments {
            path += "/"
            switch segment {
            case .literal(let text):
                path += PercentEncoding.encode(text, for: .pathSegment)
            case .parameter(let parameter, let converter):
                guard let value = parameters[parameter] else {
                    throw URLBuildError(name: name, reason: "missing parameter '\(parameter)'")
                }
                let text = value.description
                guard converter.matches(Substring(text)) else {
                    throw URLBuildError(name: name, reason: "'\(text)' is not a valid \(converter) for '\(parameter)'")
                }
                path += PercentEncoding.encode(text, for: converter == .path ? .path : .pathSegment)
                used.insert(parameter)
            }
        }
        let extra = parameters.filter { !used.contains($0.key) }.sorted { $0.key < $1.key }
        if !extra.isEmpty {
            path += "?" + QueryParameters(extra.map { ($0.key, $0.value.description) }).encoded
        }
        return path
    }
}

/// A URL that cannot be built for a named route.
public struct URLBuildError: Error, Sendable, CustomStringConvertible {
    /// The route name asked for.
    public let name: String
    /// Why the URL cannot be built.
    public let reason: String

    public var description: String { "cannot build URL for '\(name)': \(reason)" }
}
