import HTTPTypes
import NIOCore

extension HTTP1ConnectionHandler {
    /// Starts an exchange for a parsed head: prepares its body and runs the responder.
    func dispatch(_ head: ParsedRequestHead) {
        guard let context else { return }
        var head = head
        if isSecure { head.request.scheme = "https" }
        disarm(.headerRead)
        requestCount += 1
        let number = requestCount
        let loopBound = NIOLoopBound(self, eventLoop: context.eventLoop)
        var exchange = HTTP1Exchange(
            number: number,
            isHTTP10: head.isHTTP10,
            isHead: head.request.method == .head,
            expectsContinue: head.expectsContinue,
            keepAlive: head.keepAlive,
            body: .complete
        )
        let body: RequestBody
        switch head.framing {
        case .none:
            body = .empty
        case .length(let length) where pending.readableBytes >= length:
            body = RequestBody(buffer: pending.readSlice(length: length)!)
        case .length(let length):
            let stream = makeBodyStream(loopBound, number: number, expectedLength: length, head: head)
            var sink = HTTP1Exchange.BodySink.stream(stream.source, demand: true)
            let available = pending.readableBytes
            if available > 0 { deliver(pending.readSlice(length: available)!, to: &sink) }
            exchange.body = .length(remaining: length - available, sink: sink)
            body = stream.body
        case .chunked:
            var decoder = ChunkedBodyDecoder()
            var parts: [ByteBuffer] = []
            do {
                try decoder.decode(&pending, limits: limits) { parts.append($0) }
            } catch {
                rejectRequest(error)
                return
            }
            if decoder.isComplete {
                body = RequestBody(buffer: Self.concatenate(parts))
            } else {
                let stream = makeBodyStream(loopBound, number: number, expectedLength: nil, head: head)
                var sink = HTTP1Exchange.BodySink.stream(stream.source, demand: true)
                for part in parts { deliver(part, to: &sink) }
                exchange.body = .chunked(decoder, sink: sink)
                body = stream.body
            }
        }
        self.exchange = exchange
        if !exchange.isBodyComplete { arm(.bodyRead) }
        run(head.request, body: body, number: number, loopBound: loopBound)
    }

    private func makeBodyStream(
        _ loopBound: NIOLoopBound<HTTP1ConnectionHandler>,
        number: UInt64,
        expectedLength: Int?,
        head: ParsedRequestHead
    ) -> (source: BodySource, body: RequestBody) {
        let watermark = max(2, configuration.limits.bodyStreamHighWatermark)
        let producer = NIOThrowingAsyncSequenceProducer.makeSequence(
            elementType: ByteBuffer.self,
            failureType: (any Error).self,
            backPressureStrategy: NIOAsyncSequenceProducerBackPressureStrategies.HighLowWatermark(
                lowWatermark: watermark / 2, highWatermark: watermark
            ),
            finishOnDeinit: false,
            delegate: BodyStreamDelegate(handler: loopBound, exchangeNumber: number)
        )
        var onFirstRead: (@Sendable () -> Void)?
        if head.expectsContinue {
            onFirstRead = {
                loopBound.eventLoop.execute { loopBound.value.sendContinue(number) }
            }
        }
        let body = RequestBody(stream: producer.sequence, expectedLength: expectedLength, onFirstRead: onFirstRead)
        return (producer.source, body)
    }

    private static func concatenate(_ parts: [ByteBuffer]) -> ByteBuffer {
        guard var first = parts.first else { return ByteBuffer() }
        for var part in parts.dropFirst() { first.writeBuffer(&part) }
        return first
    }

    /// Runs the responder in a task that starts on this thread and, if it suspends, resumes
    /// on this connection's event loop.
    private func run(
        _ request: HTTPRequest, body: RequestBody, number: UInt64, loopBound: NIOLoopBound<HTTP1ConnectionHandler>
    ) {
        let responder = self.responder
        let connection = ConnectionContext(
            remoteAddress: remoteAddress,
            remotePort: remotePort,
            isSecure: isSecure,
            connectionID: connectionID,
            requestNumber: number
        )
        let requests = self.requests
        let task = Task.immediate(executorPreference: executor) {
            await requests.track {
                let response: Response
                do {
                    response = try await responder.respond(to: request, body: body, context: connection)
                } catch {
                    response = Response.text("Internal Server Error", status: .internalServerError)
                }
                await HTTP1ConnectionHandler.complete(number, with: response, loopBound: loopBound)
            }
        }
        if let exchange, exchange.number == number, exchange.response != .complete {
            requestTask = task
        }
    }

    /// Writes a response from inside its request task, streaming its body if it has one.
    private static func complete(
        _ number: UInt64, with response: Response, loopBound: NIOLoopBound<HTTP1ConnectionHandler>
    ) async {
        let loop = loopBound.eventLoop
        if !loop.inEventLoop {
            // Only reachable if the executor preference was not honoured; hop explicitly.
            try? await loop.submit {}.get()
        }
        guard loop.inEventLoop else { return }
        guard let stream = loopBound.value.writeResponse(response, number: number) else { return }
        let writer = ChannelBodyWriter(handler: loopBound, exchangeNumber: number)
        do {
            try await stream(writer)
            if loop.inEventLoop {
                loopBound.value.finishStreamedBody(number)
            } else {
                loop.execute { loopBound.value.finishStreamedBody(number) }
            }
        } catch {
            if loop.inEventLoop {
                loopBound.value.abortStreamedBody(number)
            } else {
                loop.execute { loopBound.value.abortStreamedBody(number) }
            }
        }
    }
}
