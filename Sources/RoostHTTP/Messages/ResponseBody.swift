public import NIOCore

/// The body of a ``Response``: nothing, one buffer, or a stream of buffers.
///
/// Streams are written with back-pressure: ``ResponseBodyWriter/write(_:)`` suspends while the
/// client is slow to read, so a 1 GiB download never sits in memory.
///
/// ```swift
/// let body = ResponseBody(contentLength: nil) { writer in
///     for i in 0..<3 { try await writer.write(ByteBuffer(string: "line \(i)\n")) }
/// }
/// ```
public struct ResponseBody: Sendable {
    /// How the body's bytes are held.
    @usableFromInline
    enum Storage: Sendable {
        case empty
        case buffer(ByteBuffer)
        case stream(length: Int?, write: @Sendable (any ResponseBodyWriter) async throws -> Void)
    }

    @usableFromInline
    let storage: Storage

    /// An empty body.
    public static let empty = ResponseBody(storage: .empty)

    init(storage: Storage) {
        self.storage = storage
    }

    /// A body holding one buffer.
    @inlinable
    public init(buffer: ByteBuffer) {
        self.storage = .buffer(buffer)
    }

    /// A body holding the UTF-8 bytes of a string.
    @inlinable
    public init(string: String) {
        self.storage = .buffer(ByteBuffer(string: string))
    }

    /// A body holding bytes.
    public init(bytes: some Sequence<UInt8>) {
        self.storage = .buffer(ByteBuffer(bytes: bytes))
    }

    /// A streamed body.
    /// - Parameters:
    ///   - contentLength: The total length when known (sent as `Content-Length`); `nil` sends
    ///     the body with chunked transfer encoding.
    ///   - write: Writes the body through the writer. Throwing aborts the response (the
    ///     connection is closed, as the client cannot otherwise tell the body is incomplete).
    public init(contentLength: Int?, write: @escaping @Sendable (any ResponseBodyWriter) async throws -> Void) {
        self.storage = .stream(length: contentLength, write: write)
    }

    /// The number of bytes in the body when it is known before writing.
    public var contentLength: Int? {
        switch storage {
        case .empty: 0
        case .buffer(let buffer): buffer.readableBytes
        case .stream(let length, _): length
        }
    }

    /// Writes the whole body through `writer`; used by adapters (the server, the test client).
    public func write(to writer: any ResponseBodyWriter) async throws {
        switch storage {
        case .empty: break
        case .buffer(let buffer): try await writer.write(buffer)
        case .stream(_, let write): try await write(writer)
        }
    }

    /// The body's single buffer when it is not streamed, without copying.
    public var buffer: ByteBuffer? {
        switch storage {
        case .empty: ByteBuffer()
        case .buffer(let buffer): buffer
        case .stream: nil
        }
    }
}

/// The sink a streamed ``ResponseBody`` writes into.
///
/// The server's writer suspends in ``write(_:)`` while the socket is not writable, which is
/// what gives streamed responses their back-pressure.
public protocol ResponseBodyWriter: Sendable {
    /// Writes the next part of the body.
    /// - Throws: When the connection is gone; stop writing then.
    func write(_ buffer: ByteBuffer) async throws
}
