import HTTPTypes
import NIOCore
import NIOHTTP2
import RoostHTTP

/// The producer side of a streamed HTTP/2 request body.
typealias HTTP2BodySource = NIOThrowingAsyncSequenceProducer<
    ByteBuffer, any Error, NIOAsyncSequenceProducerBackPressureStrategies.HighLowWatermark, HTTP2BodyStreamDelegate
>.Source

/// Serves one HTTP/2 stream: one request and its response.
///
/// It reads the request's HEADERS frame, hands the app a `RequestBody` fed by the DATA
/// frames, runs the responder as a request task on the connection's event loop (as the
/// HTTP/1.1 handler does), and writes the response as HEADERS and DATA frames.
///
/// Back-pressure works both ways through HTTP/2 flow control: while the app's body buffer
/// is full the handler stops reading the stream, so NIOHTTP2 holds back WINDOW_UPDATEs and
/// the client stops sending; a streamed response waits in its writer while the stream is
/// not writable (the client's window is used up or the connection is slow).
final class HTTP2StreamHandler: ChannelDuplexHandler {
    typealias InboundIn = HTTP2Frame.FramePayload
    typealias OutboundIn = HTTP2Frame.FramePayload
    typealias OutboundOut = HTTP2Frame.FramePayload

    /// How far the request body has got.
    enum RequestProgress {
        /// No HEADERS frame yet.
        case awaitingHead
        /// DATA frames go to the app; `demand` is false while its buffer is full.
        case streaming(HTTP2BodySource, demand: Bool)
        /// The app no longer reads the body: what still comes is dropped, up to `budget`
        /// more bytes (the server's `maxBodyDrainBytes`); past that, the stream is reset
        /// once the response is out.
        case discarding(budget: Int)
        /// The client ended its side of the stream.
        case complete
    }

    /// How far the response has got.
    enum ResponseProgress: Equatable {
        case pending
        case streaming
        case complete
    }

    let connection: HTTP2ConnectionState
    var context: ChannelHandlerContext?
    var request = RequestProgress.awaitingHead
    var response = ResponseProgress.pending
    var isHead = false
    var expectsContinue = false
    var continueSent = false
    var readHeld = false
    var closed = false
    var requestTask: Task<Void, Never>?
    var writabilityPromise: EventLoopPromise<Void>?
    var bodyDeadline = NIODeadline.distantFuture
    var bodyTimer: Scheduled<Void>?
    /// The request's `content-length`, if it sent one.
    var expectedLength: Int?
    /// Request body bytes received so far, read or dropped.
    var receivedBytes = 0
    /// Whether the response's last frame has been written to the connection.
    var responseFlushed = false
    /// Whether the stream is to be reset (`NO_ERROR`) as soon as the response has left.
    var resetPending = false

    init(connection: HTTP2ConnectionState) {
        self.connection = connection
    }

    var installer: ConnectionHTTPInstaller { connection.installer }

    // MARK: Channel events

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        streamEnded()
        self.context = nil
    }

    func channelInactive(context: ChannelHandlerContext) {
        streamEnded()
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .headers(let headers):
            if case .awaitingHead = request {
                start(headers)
            } else if headers.endStream {
                finishBody()  // trailers: Roost's RequestBody has no place for them
            }
        case .data(let frame):
            if case .byteBuffer(let buffer) = frame.data, buffer.readableBytes > 0 {
                receivedBytes += buffer.readableBytes
                deliver(buffer)
            }
            if frame.endStream { finishBody() }
        default:
            break
        }
    }

    func read(context: ChannelHandlerContext) {
        switch request {
        case .streaming(_, demand: false), .discarding(budget: ..<0):
            // Flow control holds the client back while nothing reads its DATA frames.
            readHeld = true
        default:
            context.read()
        }
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if context.channel.isWritable, let promise = writabilityPromise {
            writabilityPromise = nil
            promise.succeed()
        }
        context.fireChannelWritabilityChanged()
    }

    /// Releases everything once the stream is closed or reset: the body reader and the
    /// response writer get an error, the request task is cancelled.
    private func streamEnded() {
        guard !closed else { return }
        closed = true
        if case .streaming(let source, _) = request { source.finish(HTTP2StreamClosedError()) }
        request = .complete
        writabilityPromise?.fail(HTTP2StreamClosedError())
        writabilityPromise = nil
        requestTask?.cancel()
        requestTask = nil
        bodyTimer?.cancel()
        bodyTimer = nil
    }

    // MARK: Request

    /// Starts the exchange for a request's HEADERS frame.
    private func start(_ headers: HTTP2Frame.FramePayload.Headers) {
        guard let context else { return }
        let head: HTTP2Messages.RequestHead
        do {
            head = try HTTP2Messages.request(from: headers.headers, limits: installer.configuration.limits)
        } catch {
            request = headers.endStream ? .complete : .discarding(budget: drainBudget)
            reject(error.status, reason: error.reason)
            return
        }
        connection.requestCount += 1
        isHead = head.request.method == .head
        expectsContinue = head.expectsContinue
        expectedLength = head.expectedLength
        let loopBound = NIOLoopBound(self, eventLoop: context.eventLoop)
        let body: RequestBody
        if headers.endStream {
            request = .complete
            body = .empty
        } else {
            body = makeBody(loopBound, expectedLength: head.expectedLength)
        }
        run(head.request, body: body, loopBound: loopBound)
    }

    private func makeBody(_ loopBound: NIOLoopBound<HTTP2StreamHandler>, expectedLength: Int?) -> RequestBody {
        let watermark = max(2, installer.configuration.limits.bodyStreamHighWatermark)
        let producer = NIOThrowingAsyncSequenceProducer.makeSequence(
            elementType: ByteBuffer.self,
            failureType: (any Error).self,
            backPressureStrategy: NIOAsyncSequenceProducerBackPressureStrategies.HighLowWatermark(
                lowWatermark: watermark / 2, highWatermark: watermark
            ),
            finishOnDeinit: false,
            delegate: HTTP2BodyStreamDelegate(handler: loopBound)
        )
        request = .streaming(producer.source, demand: true)
        armBodyTimer()
        var onFirstRead: (@Sendable () -> Void)?
        if expectsContinue {
            onFirstRead = { loopBound.eventLoop.execute { loopBound.value.sendContinue() } }
        }
        return RequestBody(stream: producer.sequence, expectedLength: expectedLength, onFirstRead: onFirstRead)
    }

    /// Passes a DATA frame's bytes to the app, or counts them against the drain budget.
    private func deliver(_ buffer: ByteBuffer) {
        bodyDeadline = .now() + TimeAmount(installer.configuration.timeouts.bodyRead)
        switch request {
        case .streaming(let source, _):
            switch source.yield(buffer) {
            case .produceMore: break
            case .stopProducing: request = .streaming(source, demand: false)
            case .dropped: request = .discarding(budget: drainBudget - buffer.readableBytes)
            }
        case .discarding(let budget):
            request = .discarding(budget: budget - buffer.readableBytes)
            if budget - buffer.readableBytes < 0, response == .complete { resetUnreadBody() }
        case .awaitingHead, .complete:
            break
        }
    }

    private func finishBody() {
        if case .streaming(let source, _) = request { source.finish() }
        request = .complete
        bodyTimer?.cancel()
        bodyTimer = nil
    }

    // MARK: Body stream callbacks

    func bodyDemandResumed() {
        guard case .streaming(let source, demand: false) = request else { return }
        request = .streaming(source, demand: true)
        resumeReadingIfNeeded()
    }

    func bodyConsumerGone() {
        guard case .streaming = request else { return }
        request = .discarding(budget: drainBudget)
        resumeReadingIfNeeded()
    }

    func resumeReadingIfNeeded() {
        guard readHeld, let context else { return }
        readHeld = false
        context.read()
    }

    /// Sends `100 Continue` when the app starts reading a body the client holds back.
    func sendContinue() {
        guard expectsContinue, !continueSent, response == .pending, !closed, let context else { return }
        continueSent = true
        context.writeAndFlush(wrapOutboundOut(.headers(.init(headers: HTTP2Messages.continueHeaders))), promise: nil)
    }
}

/// Tells a stream when the app wants more of a request body, or has dropped it.
struct HTTP2BodyStreamDelegate: NIOAsyncSequenceProducerDelegate {
    let handler: NIOLoopBound<HTTP2StreamHandler>

    func produceMore() {
        let handler = self.handler
        handler.eventLoop.execute { handler.value.bodyDemandResumed() }
    }

    func didTerminate() {
        let handler = self.handler
        handler.eventLoop.execute { handler.value.bodyConsumerGone() }
    }
}

/// Thrown to an app reading a request body, or writing a response body, when the client
/// reset the HTTP/2 stream or the connection closed.
public struct HTTP2StreamClosedError: Error, Sendable, CustomStringConvertible {
    public var description: String { "the HTTP/2 stream was closed" }
}

/// Thrown to an app reading a request body when the client stopped sending it for longer
/// than the server's body-read time-out.
public struct HTTP2BodyTimeoutError: Error, Sendable, CustomStringConvertible {
    public var description: String { "request body not received in time" }
}
