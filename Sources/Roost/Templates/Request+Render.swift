public import RoostTemplates
import NIOCore

extension Request {
    /// Renders a template into a response: Flask's `render_template`.
    ///
    /// Besides `context`, templates see `request`, `url_for(name, **params)` and whatever
    /// context processors add. HTML, HTM and XML templates are autoescaped.
    ///
    /// ```swift
    /// app.get("/posts") { req in
    ///     try req.render("posts.html", ["posts": .list(posts.map(\.templateValue))])
    /// }
    /// ```
    /// - Throws: `TemplateError` naming the template, line and column (a 500; its details
    ///   appear only in DEBUG).
    public func render(
        _ name: String, _ context: [String: TemplateValue] = [:], status: HTTPResponse.Status = .ok
    ) throws -> Response {
        var bytes: [UInt8] = []
        try app.templates.render(name, context: context, globals: templateGlobals, into: &bytes)
        return Self.templateResponse(name, bytes, status: status)
    }

    /// Renders a template with any `Encodable` value as its context (a struct's properties
    /// become the template's variables). ORM models are Encodable.
    public func render(_ name: String, _ context: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        var bytes: [UInt8] = []
        try app.templates.render(name, context: context, globals: templateGlobals, into: &bytes)
        return Self.templateResponse(name, bytes, status: status)
    }

    /// The per-request globals: `request`, `url_for` and the context processors' values.
    var templateGlobals: [String: TemplateValue] {
        var globals: [String: TemplateValue] = [
            "request": .object(RequestTemplateObject(self)),
            "url_for": .callable(app.urlForCallable),
        ]
        for provider in app.templateContextProviders {
            for (key, value) in provider(self) { globals[key] = value }
        }
        return globals
    }

    static func templateResponse(_ name: String, _ bytes: [UInt8], status: HTTPResponse.Status) -> Response {
        let type: String
        switch name.split(separator: ".").last?.lowercased() {
        case "html", "htm": type = "text/html; charset=utf-8"
        case "xml": type = "application/xml; charset=utf-8"
        case "json": type = "application/json"
        case "css": type = "text/css; charset=utf-8"
        case "js": type = "text/javascript; charset=utf-8"
        default: type = "text/plain; charset=utf-8"
        }
        return Response(status: status, headerFields: [.contentType: type], body: .init(buffer: ByteBuffer(bytes: bytes)))
    }
}

extension URLBuilder {
    /// `url_for('name', id=3)` for templates.
    var templateCallable: TemplateCallable {
        TemplateCallable(name: "url_for") { arguments in
            guard case .string(let name)? = arguments[0] else {
                throw TemplateURLError(description: "url_for() needs the route name as its first argument")
            }
            var parameters: [String: any CustomStringConvertible] = [:]
            for (key, value) in arguments.keywords { parameters[key] = value.description }
            do throws(URLBuildError) {
                return .string(try url(for: name, parameters))
            } catch {
                throw TemplateURLError(description: error.description)
            }
        }
    }
}

/// A `url_for` call in a template that cannot build its URL.
struct TemplateURLError: Error, CustomStringConvertible {
    let description: String
}

/// The `request` object templates see: read-only facts about the request.
final class RequestTemplateObject: TemplateObject {
    let request: Request

    init(_ request: Request) {
        self.request = request
    }

    var typeName: String { "Request" }

    func attribute(named name: String) -> TemplateValue? {
        switch name {
        case "method": .string(request.method.rawValue)
        case "path": .string(String(request.path))
        case "full_path": .string(request.head.path ?? "/")
        case "url": .string(request.url)
        case "host": request.host.map { .string($0) } ?? TemplateValue.none
        case "scheme": .string(request.scheme)
        case "is_secure": .bool(request.connection.isSecure)
        case "remote_addr": request.connection.remoteAddress.map { .string($0) } ?? TemplateValue.none
        case "args": .dict(TemplateDict(stringKeys: request.query.map { ($0.name, .string($0.value)) }))
        case "cookies": .dict(TemplateDict(stringKeys: request.cookies.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) }))
        case "headers": .dict(TemplateDict(stringKeys: request.headers.map { ($0.name.canonicalName, .string($0.value)) }))
        case "endpoint": request.route?.name.map { .string($0) } ?? TemplateValue.none
        case "id": .string(request.id)
        default: nil
        }
    }

    var printed: String { "<Request '\(request.url)' [\(request.method.rawValue)]>" }
}
