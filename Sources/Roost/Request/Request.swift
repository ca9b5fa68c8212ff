public import Logging
public import NIOCore

/// An incoming request as handlers and middleware see it.
///
/// A `Request` is a value: middleware that changes it passes the changed copy on. The body
/// is read on demand (``collectBody(upTo:)``, ``decodeJSON(_:)``, ``form()``), within the
/// route's body limit.
///
/// ```swift
/// app.get("/hello") { req in
///     "Hello, \(req.query["name"] ?? "world") from \(req.path)"
/// }
/// ```
public struct Request: Sendable {
    /// The request head: method, target, header fields (swift-http-types).
    public var head: HTTPRequest
    /// The body, still on the wire or already buffered.
    public var body: RequestBody
    /// Facts about the connection it arrived on. Middleware that knows better may correct
    /// them: behind a trusted reverse proxy, RoostSecurity sets the client's address and
    /// whether the client's own connection is secure from `X-Forwarded-For`/`-Proto`.
    public var connection: ConnectionContext
    /// The values the route's placeholders captured.
    public internal(set) var parameters: Parameters
    /// The route that matched, or `nil` for a request no route matched (404, 405).
    public internal(set) var route: RouteInfo?
    /// The path without the query string, still percent-encoded.
    public let path: Substring
    /// The decoded query string parameters.
    public let query: QueryParameters
    /// Per-request values set by middleware (the user, the session, a database handle).
    public var storage = RequestStorage()
    /// The application serving the request.
    public let app: AppContext

    init(
        head: HTTPRequest,
        body: RequestBody,
        connection: ConnectionContext,
        app: AppContext
    ) {
        self.head = head
        self.body = body
        self.connection = connection
        self.app = app
        self.parameters = Parameters()
        let target = head.path ?? "/"
        if let question = target.utf8.firstIndex(of: UInt8(ascii: "?")) {
            self.path = target[..<question]
            self.query = QueryParameters(parsing: target[target.index(after: question)...])
        } else {
            self.path = Substring(target)
            self.query = QueryParameters()
        }
    }

    /// The request method.
    public var method: HTTPRequest.Method { head.method }

    /// The request's header fields.
    public var headers: HTTPFields { head.headerFields }

    /// The host the client asked for (`Host` or the authority of an absolute target).
    public var host: String? { head.authority }

    /// `https` when the connection is secure, else `http`.
    public var scheme: String { connection.isSecure ? "https" : "http" }

    /// The full URL of the request as the client addressed it.
    public var url: String { "\(scheme)://\(host ?? "localhost")\(head.path ?? "/")" }

    /// An identifier for the request, unique within this process, for logs and error pages.
    public var id: String { app.requestID(connection: connection) }

    /// The app's logger with this request's ID attached.
    public var logger: Logger {
        var logger = app.logger
        logger[metadataKey: "request_id"] = .string(id)
        return logger
    }

    /// The largest body this request may send: the route's limit or the app's default.
    public var bodyLimit: Int { route?.options.bodyLimit ?? app.defaultBodyLimit }

    /// Reads the whole body, up to the route's limit.
    /// - Throws: `HTTPError(.contentTooLarge)` when the body is larger than the limit.
    public func collectBody() async throws -> ByteBuffer {
        try await collectBody(upTo: bodyLimit)
    }

    /// Reads the whole body, up to `maxBytes`.
    /// - Throws: `HTTPError(.contentTooLarge)` when the body is larger.
    public func collectBody(upTo maxBytes: Int) async throws -> ByteBuffer {
        do {
            return try await body.collect(upTo: maxBytes)
        } catch let error as RequestBodyTooLargeError {
            throw HTTPError(.contentTooLarge, "Request body larger than \(error.limit) bytes")
        } catch let error as RequestBodyReadError {
            throw HTTPError(.badRequest, "Malformed request body: \(error.reason)")
        }
    }
}
