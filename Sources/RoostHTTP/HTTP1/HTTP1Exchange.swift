import NIOCore

/// The producer side of a streamed request body.
typealias BodySource = NIOThrowingAsyncSequenceProducer<
    ByteBuffer, any Error, NIOAsyncSequenceProducerBackPressureStrategies.HighLowWatermark, BodyStreamDelegate
>.Source

/// One request and its response on a connection, from head to last byte.
struct HTTP1Exchange {
    /// Where the request body's bytes go as they arrive.
    enum BodySink {
        /// To the handler; `demand` is false while its buffer is full.
        case stream(BodySource, demand: Bool)
        /// Nowhere: the handler is done and the rest is read only to keep the connection.
        case discard(budget: Int)
    }

    /// How much of the request body is still on the wire.
    enum InboundBody {
        case complete
        case length(remaining: Int, sink: BodySink)
        case chunked(ChunkedBodyDecoder, sink: BodySink)
    }

    /// How far the response has got.
    enum ResponseProgress: Equatable {
        case pending
        case streaming(chunked: Bool)
        case complete
    }

    let number: UInt64
    let isHTTP10: Bool
    let isHead: Bool
    let expectsContinue: Bool
    var keepAlive: Bool
    var continueSent = false
    var body: InboundBody
    var response = ResponseProgress.pending

    var isBodyComplete: Bool {
        if case .complete = body { return true }
        return false
    }

    /// The stream feeding the handler, if the body is still being streamed to it.
    var bodySource: BodySource? {
        switch body {
        case .length(_, .stream(let source, _)), .chunked(_, .stream(let source, _)): source
        default: nil
        }
    }

    /// Whether the server should read more body bytes from the socket now.
    var wantsBodyBytes: Bool {
        switch body {
        case .complete: false
        case .length(_, .stream(_, let demand)), .chunked(_, .stream(_, let demand)): demand
        case .length(_, .discard), .chunked(_, .discard): true
        }
    }

    /// Stops streaming to the handler and discards whatever of the body is still to come.
    mutating func discardRemainingBody(budget: Int) {
        switch body {
        case .complete: break
        case .length(let remaining, _): body = .length(remaining: remaining, sink: .discard(budget: budget))
        case .chunked(let decoder, _): body = .chunked(decoder, sink: .discard(budget: budget))
        }
    }
}

/// Thrown to a handler reading a request body, or writing a response body, when the
/// connection is gone.
public struct ConnectionClosedError: Error, Sendable, CustomStringConvertible {
    public var description: String { "the connection was closed" }
}

/// Thrown to a handler reading a request body when the client's body is malformed or stalls.
public struct RequestBodyReadError: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public let reason: String
    public var description: String { "request body could not be read: \(reason)" }
}
