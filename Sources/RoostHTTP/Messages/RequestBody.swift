public import NIOCore

/// The body of an incoming request: a buffer already in memory, or a stream still arriving.
///
/// Iterate it to read the body piece by piece with back-pressure (reading stops while the
/// handler is busy), or ``collect(upTo:)`` it into one buffer with a size limit. A streamed
/// body can be read once.
///
/// ```swift
/// var size = 0
/// for try await chunk in body { size += chunk.readableBytes }
/// ```
public struct RequestBody: Sendable, AsyncSequence {
    /// A part of the body.
    public typealias Element = ByteBuffer
    /// Reading fails when the connection breaks or the client sends a malformed body.
    public typealias Failure = any Error

    enum Storage: Sendable {
        case buffer(ByteBuffer)
        case stream(any AsyncSequence<ByteBuffer, any Error> & Sendable)
    }

    let storage: Storage
    let onFirstRead: (@Sendable () -> Void)?

    /// The length the client declared in `Content-Length`, or `nil` for a chunked body.
    public let expectedLength: Int?

    /// An empty body.
    public static let empty = RequestBody(buffer: ByteBuffer())

    /// A body that is already in memory.
    public init(buffer: ByteBuffer) {
        self.storage = .buffer(buffer)
        self.expectedLength = buffer.readableBytes
        self.onFirstRead = nil
    }

    /// A body read from an asynchronous sequence of buffers.
    /// - Parameters:
    ///   - stream: The buffers, in order.
    ///   - expectedLength: The declared total length, if known.
    ///   - onFirstRead: Called once when the handler first asks for bytes; the server uses it
    ///     to send `100 Continue` only to clients whose body is wanted.
    public init(
        stream: some AsyncSequence<ByteBuffer, any Error> & Sendable,
        expectedLength: Int?,
        onFirstRead: (@Sendable () -> Void)? = nil
    ) {
        self.storage = .stream(stream)
        self.expectedLength = expectedLength
        self.onFirstRead = onFirstRead
    }

    /// Whether the whole body is already in memory.
    public var isBuffered: Bool {
        if case .buffer = storage { return true }
        return false
    }

    /// Reads the whole body into one buffer.
    /// - Parameter maxBytes: The largest body accepted.
    /// - Returns: The body's bytes.
    /// - Throws: ``RequestBodyTooLargeError`` as soon as the body is known to exceed `maxBytes`
    ///   (before reading anything when the declared length is already too large).
    public func collect(upTo maxBytes: Int) async throws -> ByteBuffer {
        if let expectedLength, expectedLength > maxBytes {
            throw RequestBodyTooLargeError(limit: maxBytes)
        }
        switch storage {
        case .buffer(let buffer):
            return buffer
        case .stream:
            var collected = ByteBuffer()
            for try await var chunk in self {
                if collected.readableBytes + chunk.readableBytes > maxBytes {
                    throw RequestBodyTooLargeError(limit: maxBytes)
                }
                if collected.readableBytes == 0 && collected.capacity == 0 {
                    collected = chunk
                } else {
                    collected.writeBuffer(&chunk)
                }
            }
            return collected
        }
    }

    /// Creates the iterator over the body's buffers.
    public func makeAsyncIterator() -> AsyncIterator {
        switch storage {
        case .buffer(let buffer):
            AsyncIterator(pending: buffer.readableBytes > 0 ? buffer : nil, base: nil, onFirstRead: nil)
        case .stream(let stream):
            AsyncIterator(pending: nil, base: stream.makeAsyncIterator(), onFirstRead: onFirstRead)
        }
    }

    /// Iterates over the body's buffers.
    public struct AsyncIterator: AsyncIteratorProtocol {
        var pending: ByteBuffer?
        var base: (any AsyncIteratorProtocol<ByteBuffer, any Error>)?
        var onFirstRead: (@Sendable () -> Void)?

        /// The next buffer, or `nil` at the end of the body.
        public mutating func next() async throws -> ByteBuffer? {
            if let buffer = pending {
                pending = nil
                return buffer
            }
            if let onFirstRead {
                self.onFirstRead = nil
                onFirstRead()
            }
            guard var base else { return nil }
            defer { self.base = base }
            return try await base.next(isolation: nil)
        }
    }
}

/// Thrown when a request body is larger than the limit it is read with.
///
/// Roost turns it into `413 Content Too Large`.
public struct RequestBodyTooLargeError: Error, Sendable, CustomStringConvertible {
    /// The limit, in bytes, that the body exceeded.
    public let limit: Int

    /// Creates the error for a limit.
    public init(limit: Int) { self.limit = limit }

    public var description: String { "request body larger than \(limit) bytes" }
}
