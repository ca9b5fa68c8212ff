public import HTTPTypes

/// The one entry point between a server and an application: the WSGI idea for Roost.
///
/// The NIO server, the in-process test client and any future adapter (HTTP/2, a serverless
/// runtime) call the same method, so an application never sees SwiftNIO types besides
/// `ByteBuffer` in bodies.
///
/// ```swift
/// struct Hello: HTTPResponder {
///     func respond(to request: HTTPRequest, body: RequestBody, context: ConnectionContext) async throws -> Response {
///         .text("Hello")
///     }
/// }
/// ```
public protocol HTTPResponder: Sendable {
    /// Produces the response for one request.
    ///
    /// The server calls it as soon as the request head is parsed; the body may still be on
    /// the wire. An error thrown here becomes a bare `500 Internal Server Error`: applications
    /// are expected to turn their own errors into responses.
    /// - Parameters:
    ///   - request: The request head (method, target, header fields).
    ///   - body: The request body.
    ///   - context: Facts about the connection the request came on.
    func respond(to request: HTTPRequest, body: RequestBody, context: ConnectionContext) async throws -> Response
}

/// Facts about the connection a request arrived on.
public struct ConnectionContext: Sendable {
    /// The peer's IP address as text (`127.0.0.1`, `::1`), when the transport has one.
    public var remoteAddress: String?
    /// The peer's port, when the transport has one.
    public var remotePort: Int?
    /// Whether the connection is encrypted (TLS).
    public var isSecure: Bool
    /// A number identifying the connection within this server run.
    public var connectionID: UInt64
    /// The position of the request on its connection, from 1.
    public var requestNumber: UInt64

    /// Creates a context; adapters and tests use it.
    public init(
        remoteAddress: String? = nil,
        remotePort: Int? = nil,
        isSecure: Bool = false,
        connectionID: UInt64 = 0,
        requestNumber: UInt64 = 1
    ) {
        self.remoteAddress = remoteAddress
        self.remotePort = remotePort
        self.isSecure = isSecure
        self.connectionID = connectionID
        self.requestNumber = requestNumber
    }
}
