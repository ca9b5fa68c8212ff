import HTTPTypes
import NIOCore

/// Serves HTTP/1.1 on one connection: parses requests, runs the responder, writes responses.
///
/// One handler does the whole job (no separate decoder and encoder handlers) so a request
/// crosses no pipeline hops. Requests on a connection are answered strictly one at a time,
/// in order: while a response is pending the handler stops parsing and, once its buffer
/// holds the next request, stops reading the socket. Pipelined requests that complete
/// without suspending are answered in one batch and flushed with one write.
final class HTTP1ConnectionHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    enum Lifecycle: Equatable {
        case open
        /// The last response is written; input is drained until the client closes or the
        /// lingering time-out ends.
        case lingering
        case closed
    }

    let responder: any HTTPResponder
    let configuration: HTTPServerConfiguration
    let limits: HTTP1Limits
    let executor: EventLoopTaskExecutor
    let connectionID: UInt64
    let requests: RequestTracker
    let isSecure: Bool

    var context: ChannelHandlerContext?
    var pending = ByteBuffer()
    var scanner = HeadBoundaryScanner()
    var exchange: HTTP1Exchange?
    var lifecycle = Lifecycle.open
    var requestCount: UInt64 = 0
    var requestTask: Task<Void, Never>?
    var readHeld = false
    var processing = false
    var quiescing = false
    var outbound: ByteBuffer?
    var dateCache = HTTPDateCache()
    var writabilityPromise: EventLoopPromise<Void>?
    var remoteAddress: String?
    var remotePort: Int?
    var timeouts = ConnectionTimeouts()

    init(
        responder: any HTTPResponder,
        configuration: HTTPServerConfiguration,
        executor: EventLoopTaskExecutor,
        connectionID: UInt64,
        requests: RequestTracker,
        isSecure: Bool = false
    ) {
        self.responder = responder
        self.configuration = configuration
        self.limits = configuration.parserLimits
        self.executor = executor
        self.connectionID = connectionID
        self.requests = requests
        self.isSecure = isSecure
    }

    // MARK: Channel events

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        if context.channel.isActive { connectionStarted(context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        connectionStarted(context)
        context.fireChannelActive()
    }

    private func connectionStarted(_ context: ChannelHandlerContext) {
        guard remoteAddress == nil, let address = context.channel.remoteAddress else {
            arm(.headerRead)
            return
        }
        remoteAddress = address.ipAddress
        remotePort = address.port
        arm(.headerRead)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data)
        guard lifecycle == .open else { return }
        if pending.readableBytes == 0 {
            pending = buffer
        } else {
            pending.writeBuffer(&buffer)
        }
        process()
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        flushOutbound()
        context.fireChannelReadComplete()
    }

    func read(context: ChannelHandlerContext) {
        if shouldRead {
            context.read()
        } else {
            readHeld = true
        }
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if context.channel.isWritable, let promise = writabilityPromise {
            writabilityPromise = nil
            promise.succeed()
        }
        context.fireChannelWritabilityChanged()
    }

    func channelInactive(context: ChannelHandlerContext) {
        connectionEnded()
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        connectionEnded()
        self.context = nil
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is ChannelShouldQuiesceEvent {
            quiescing = true
            if exchange == nil, lifecycle == .open { closeGracefully() }
            return
        }
        context.fireUserInboundEventTriggered(event)
    }

    private func connectionEnded() {
        guard lifecycle != .closed else { return }
        lifecycle = .closed
        exchange?.bodySource?.finish(ConnectionClosedError())
        exchange = nil
        writabilityPromise?.fail(ConnectionClosedError())
        writabilityPromise = nil
        requestTask?.cancel()
        requestTask = nil
        cancelTimer()
    }

    // MARK: Reading

    /// Whether the socket should be read now.
    var shouldRead: Bool {
        switch lifecycle {
        case .open:
            guard let exchange else { return true }
            return exchange.wantsBodyBytes
        case .lingering:
            return true
        case .closed:
            return false
        }
    }

    func resumeReadingIfNeeded() {
        guard readHeld, shouldRead, let context else { return }
        readHeld = false
        context.read()
    }

    /// Parses and dispatches as much of `pending` as the connection's state allows.
    func process() {
        guard !processing else { return }
        processing = true
        while lifecycle == .open {
            if exchange == nil {
                guard pending.readableBytes > 0, parseNextHead() else { break }
            } else {
                guard feedBody(), let current = exchange, current.response == .complete else { break }
                finishExchange()
            }
        }
        processing = false
        if pending.readableBytes == 0, pending.capacity > 0 { pending = ByteBuffer() }
        if exchange == nil, lifecycle == .open {
            if pending.readableBytes == 0 {
                if quiescing { closeGracefully() } else { arm(requestCount == 0 ? .headerRead : .idle) }
            } else {
                arm(.headerRead)
            }
        }
    }

    /// Tries to parse the next request head; returns whether a request was dispatched.
    private func parseNextHead() -> Bool {
        let scanned = pending.withUnsafeReadableBytes { bytes in
            Result { () throws(HTTP1ParseError) in try scanner.scan(bytes, limits: limits) }
        }
        let range: Range<Int>
        switch scanned {
        case .failure(let error):
            rejectRequest(error)
            return false
        case .success(.incomplete):
            return false
        case .success(.complete(let headRange)):
            range = headRange
        }
        let parsed = pending.withUnsafeReadableBytes { bytes in
            Result { () throws(HTTP1ParseError) in
                try RequestHeadParser.parse(UnsafeRawBufferPointer(rebasing: bytes[range]), limits: limits)
            }
        }
        pending.moveReaderIndex(forwardBy: range.upperBound)
        scanner.reset()
        switch parsed {
        case .failure(let error):
            rejectRequest(error)
            return false
        case .success(let head):
            dispatch(head)
            return true
        }
    }

    /// Moves body bytes from `pending` to the current exchange's sink; returns whether the
    /// body is complete.
    private func feedBody() -> Bool {
        guard var current = exchange else { return false }
        switch current.body {
        case .complete:
            return true
        case .length(let remaining, var sink):
            guard pending.readableBytes > 0 else { break }
            let take = min(remaining, pending.readableBytes)
            deliver(pending.readSlice(length: take)!, to: &sink)
            current.body = remaining == take ? .complete : .length(remaining: remaining - take, sink: sink)
            if remaining == take { finish(sink) }
        case .chunked(var decoder, var sink):
            guard pending.readableBytes > 0 else { break }
            do {
                try decoder.decode(&pending, limits: limits) { deliver($0, to: &sink) }
            } catch {
                exchange = current
                rejectRequest(error)
                return false
            }
            current.body = decoder.isComplete ? .complete : .chunked(decoder, sink: sink)
            if decoder.isComplete { finish(sink) }
        }
        exchange = current
        if current.isBodyComplete {
            disarm(.bodyRead)
            return true
        }
        if case .discard(let budget) = bodySink(of: current), budget < 0 {
            closeGracefully()
            return false
        }
        if current.wantsBodyBytes { arm(.bodyRead) }
        return false
    }

    private func bodySink(of exchange: HTTP1Exchange) -> HTTP1Exchange.BodySink? {
        switch exchange.body {
        case .complete: nil
        case .length(_, let sink), .chunked(_, let sink): sink
        }
    }

    func deliver(_ part: ByteBuffer, to sink: inout HTTP1Exchange.BodySink) {
        switch sink {
        case .stream(let source, _):
            switch source.yield(part) {
            case .produceMore: break
            case .stopProducing: sink = .stream(source, demand: false)
            case .dropped: sink = .discard(budget: configuration.limits.maxBodyDrainBytes)
            }
        case .discard(let budget):
            sink = .discard(budget: budget - part.readableBytes)
        }
    }

    private func finish(_ sink: HTTP1Exchange.BodySink) {
        if case .stream(let source, _) = sink { source.finish() }
    }

    // MARK: Body stream callbacks

    func bodyDemandResumed(_ number: UInt64) {
        guard var current = exchange, current.number == number else { return }
        switch current.body {
        case .length(let remaining, .stream(let source, _)):
            current.body = .length(remaining: remaining, sink: .stream(source, demand: true))
        case .chunked(let decoder, .stream(let source, _)):
            current.body = .chunked(decoder, sink: .stream(source, demand: true))
        default:
            return
        }
        exchange = current
        resumeReadingIfNeeded()
    }

    func bodyConsumerGone(_ number: UInt64) {
        guard var current = exchange, current.number == number, current.bodySource != nil else { return }
        current.discardRemainingBody(budget: configuration.limits.maxBodyDrainBytes)
        exchange = current
        resumeReadingIfNeeded()
    }

    /// Sends `100 Continue` when the handler starts reading a body the client holds back.
    func sendContinue(_ number: UInt64) {
        guard lifecycle == .open, var current = exchange, current.number == number,
            current.expectsContinue, !current.continueSent, current.response == .pending,
            let context
        else { return }
        current.continueSent = true
        exchange = current
        var buffer = context.channel.allocator.buffer(capacity: 25)
        buffer.writeStaticString("HTTP/1.1 100 Continue\r\n\r\n")
        appendOutbound(&buffer)
        flushOutbound()
    }

    /// Ends the current exchange and gets ready for the next request.
    func finishExchange() {
        exchange = nil
        requestTask = nil
    }
}
