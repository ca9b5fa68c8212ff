import NIOCore
import NIOPosix

/// A plain TCP connection for end-to-end tests that need to send exact bytes: malformed
/// requests, pipelined requests, slow clients.
///
/// ```swift
/// let connection = try await RawHTTPConnection.connect(port: server.port)
/// try await connection.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
/// let response = try await connection.readResponse()
/// ```
public final class RawHTTPConnection: Sendable {
    private let channel: any Channel
    private let reader: ResponseReader

    private init(channel: any Channel, inbound: AsyncStream<ByteBuffer>) {
        self.channel = channel
        self.reader = ResponseReader(inbound: inbound)
    }

    /// Opens a connection to `host:port`.
    public static func connect(host: String = "127.0.0.1", port: Int) async throws -> RawHTTPConnection {
        let (inbound, continuation) = AsyncStream.makeStream(of: ByteBuffer.self)
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(InboundCollector(continuation: continuation))
                }
            }
            .connect(host: host, port: port)
            .get()
        return RawHTTPConnection(channel: channel, inbound: inbound)
    }

    /// Sends text as UTF-8 bytes.
    public func send(_ text: String) async throws {
        try await send(Array(text.utf8))
    }

    /// Sends bytes.
    public func send(_ bytes: [UInt8]) async throws {
        try await channel.writeAndFlush(ByteBuffer(bytes: bytes))
    }

    /// Reads one response. Pass `isHeadRequest` for a response to HEAD, which has no body.
    public func readResponse(isHeadRequest: Bool = false) async throws -> RawHTTPResponse {
        try await reader.readResponse(isHeadRequest: isHeadRequest)
    }

    /// Reads one response's head and counts its body's bytes without keeping them, for
    /// responses too large to hold in memory. The returned response has an empty body.
    public func readResponseCountingBody() async throws -> (response: RawHTTPResponse, bodyBytes: Int) {
        try await reader.readResponseCountingBody()
    }

    /// Reads until the server closes the connection; returns the bytes that were left.
    public func readUntilClose() async throws -> [UInt8] {
        try await reader.readUntilClose()
    }

    /// Whether the server closed the connection, waiting at most `timeout` to find out.
    public func isClosedByServer(within timeout: Duration = .seconds(5)) async throws -> Bool {
        try await withThrowingTaskGroup(of: Bool.self) { group in
            group.addTask {
                _ = try await self.readUntilClose()
                return true
            }
            group.addTask {
                try await Task.sleep(for: timeout)
                return false
            }
            let result = try await group.next() ?? false
            group.cancelAll()
            return result
        }
    }

    /// Closes the connection.
    public func close() async {
        try? await channel.close()
    }
}

/// A response as read off the wire by ``RawHTTPConnection``.
public struct RawHTTPResponse: Sendable {
    /// The status code.
    public var status: Int
    /// The reason phrase.
    public var reason: String
    /// Header fields in order, names as sent.
    public var headers: [(name: String, value: String)]
    /// The body, de-chunked.
    public var body: [UInt8]

    /// The first value of a header, matched case-insensitively.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// The body as UTF-8 text.
    public var text: String { String(decoding: body, as: UTF8.self) }
}

/// Thrown by ``RawHTTPConnection`` when the server closes or answers with bytes that are not
/// HTTP.
public struct RawHTTPError: Error, CustomStringConvertible {
    /// What was wrong.
    public let description: String

    /// Creates the error.
    public init(description: String) {
        self.description = description
    }
}

/// Forwards what a test connection receives into an `AsyncStream`.
private final class InboundCollector: ChannelInboundHandler, Sendable {
    typealias InboundIn = ByteBuffer

    let continuation: AsyncStream<ByteBuffer>.Continuation

    init(continuation: AsyncStream<ByteBuffer>.Continuation) {
        self.continuation = continuation
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        continuation.yield(unwrapInboundIn(data))
    }

    func channelInactive(context: ChannelHandlerContext) {
        continuation.finish()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        continuation.finish()
        context.close(promise: nil)
    }
}
