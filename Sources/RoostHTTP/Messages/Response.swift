public import HTTPTypes

/// An HTTP response: a status, header fields and a body.
///
/// `Response` is what every layer of Roost produces, from a route handler to the server that
/// writes it to the socket. It is a plain value; build it and hand it back.
///
/// ```swift
/// var response = Response(status: .created, body: .init(string: "made"))
/// response.headerFields[.location] = "/posts/1"
/// ```
public struct Response: Sendable {
    /// The status line and header fields, as a swift-http-types value.
    public var head: HTTPResponse
    /// The body: empty, one buffer, or a stream written after the head.
    public var body: ResponseBody

    /// Creates a response.
    /// - Parameters:
    ///   - status: The status code, `.ok` by default.
    ///   - headerFields: Header fields; `Content-Length` and `Date` are added by the server.
    ///   - body: The body, empty by default.
    public init(status: HTTPResponse.Status = .ok, headerFields: HTTPFields = [:], body: ResponseBody = .empty) {
        self.head = HTTPResponse(status: status, headerFields: headerFields)
        self.body = body
    }

    /// The response status.
    public var status: HTTPResponse.Status {
        get { head.status }
        set { head.status = newValue }
    }

    /// The response header fields.
    public var headerFields: HTTPFields {
        get { head.headerFields }
        set { head.headerFields = newValue }
    }
}

extension Response {
    /// A `text/plain; charset=utf-8` response.
    /// - Parameters:
    ///   - text: The body text.
    ///   - status: The status, `.ok` by default.
    public static func text(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headerFields: CommonHeaderFields.textPlain, body: .init(string: text))
    }

    /// A `text/html; charset=utf-8` response. The caller is responsible for escaping.
    /// - Parameters:
    ///   - html: The markup.
    ///   - status: The status, `.ok` by default.
    public static func html(_ html: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headerFields: CommonHeaderFields.textHTML, body: .init(string: html))
    }
}

/// Header sets built once and shared (copy-on-write) by every response that uses them.
enum CommonHeaderFields {
    static let textPlain: HTTPFields = [.contentType: "text/plain; charset=utf-8"]
    static let textHTML: HTTPFields = [.contentType: "text/html; charset=utf-8"]
    static let json: HTTPFields = [.contentType: "application/json"]
}

extension Response {
    /// `Content-Type: application/json`, shared by JSON responses.
    public static var jsonHeaderFields: HTTPFields { CommonHeaderFields.json }
}
