import HTTPTypes
import NIOCore

extension HTTP1ConnectionHandler {
    /// Bodies up to this size are copied next to their head so a batch of small responses
    /// leaves in one write; larger ones are written as they are.
    static let coalesceLimit = 16 * 1024

    /// Writes a response's head and, unless streamed, its body. Returns the stream writer
    /// for a streamed body that must still be written.
    func writeResponse(
        _ response: Response, number: UInt64
    ) -> (@Sendable (any ResponseBodyWriter) async throws -> Void)? {
        guard lifecycle == .open, var current = exchange, current.number == number,
            current.response == .pending, let context
        else { return nil }
        requestTask = nil

        var keepAlive = current.keepAlive && !quiescing
        if let connection = response.headerFields[.connection], connection.lowercased().contains("close") {
            keepAlive = false
        }
        if !current.isBodyComplete {
            if current.expectsContinue && !current.continueSent {
                // The client still holds its body back; it cannot be told apart from the next request.
                keepAlive = false
            } else if case .length(let remaining, _) = current.body,
                remaining > configuration.limits.maxBodyDrainBytes
            {
                keepAlive = false
            }
        }

        let sendsBody = !current.isHead && HTTPRules.allowsBody(response.status)
        var framing: ResponseHeadSerializer.Framing
        var stream: (@Sendable (any ResponseBodyWriter) async throws -> Void)?
        switch response.body.storage {
        case .empty:
            framing = .length(0)
        case .buffer(let buffer):
            framing = .length(buffer.readableBytes)
        case .stream(let length, let write):
            if let length {
                framing = .length(length)
            } else if current.isHTTP10 {
                framing = .none
                if sendsBody { keepAlive = false }
            } else {
                framing = current.isHead ? .none : .chunked
            }
            if sendsBody { stream = write }
        }
        if !HTTPRules.allowsBody(response.status) { framing = .none }
        current.keepAlive = keepAlive

        var buffer = outbound ?? context.channel.allocator.buffer(capacity: 512)
        outbound = nil
        ResponseHeadSerializer.write(
            response.head,
            framing: framing,
            keepAlive: keepAlive,
            isHTTP10: current.isHTTP10,
            date: dateCache.current(),
            serverName: configuration.serverName,
            into: &buffer
        )
        if sendsBody, case .buffer(var body) = response.body.storage, body.readableBytes > 0 {
            if body.readableBytes <= Self.coalesceLimit {
                buffer.writeBuffer(&body)
                outbound = buffer
            } else {
                context.write(wrapOutboundOut(buffer), promise: nil)
                context.write(wrapOutboundOut(body), promise: nil)
                if !processing { context.flush() }
            }
        } else {
            outbound = buffer
        }

        if let stream {
            if case .chunked = framing {
                current.response = .streaming(chunked: true)
            } else {
                current.response = .streaming(chunked: false)
            }
            exchange = current
            flushOutbound()
            return stream
        }
        current.response = .complete
        exchange = current
        responseDone()
        return nil
    }

    /// Writes one part of a streamed body; returns a future to wait on when the socket is
    /// not keeping up.
    func writeBodyPart(_ part: ByteBuffer, number: UInt64) throws -> EventLoopFuture<Void>? {
        guard lifecycle == .open, let current = exchange, current.number == number,
            case .streaming(let chunked) = current.response, let context
        else { throw ConnectionClosedError() }
        guard part.readableBytes > 0 else { return nil }
        if chunked {
            var header = context.channel.allocator.buffer(capacity: 18)
            header.writeString(String(part.readableBytes, radix: 16))
            header.writeStaticString("\r\n")
            context.write(wrapOutboundOut(header), promise: nil)
            context.write(wrapOutboundOut(part), promise: nil)
            var trailer = context.channel.allocator.buffer(capacity: 2)
            trailer.writeStaticString("\r\n")
            context.writeAndFlush(wrapOutboundOut(trailer), promise: nil)
        } else {
            context.writeAndFlush(wrapOutboundOut(part), promise: nil)
        }
        guard !context.channel.isWritable else { return nil }
        if let existing = writabilityPromise { return existing.futureResult }
        let promise = context.eventLoop.makePromise(of: Void.self)
        writabilityPromise = promise
        return promise.futureResult
    }

    /// Ends a streamed body after its writer returned.
    func finishStreamedBody(_ number: UInt64) {
        guard lifecycle == .open, var current = exchange, current.number == number,
            case .streaming(let chunked) = current.response, let context
        else { return }
        if chunked {
            var end = context.channel.allocator.buffer(capacity: 5)
            end.writeStaticString("0\r\n\r\n")
            appendOutbound(&end)
        }
        current.response = .complete
        exchange = current
        responseDone()
    }

    /// Ends a streamed body whose writer threw: the only honest signal left is to close.
    func abortStreamedBody(_ number: UInt64) {
        guard let current = exchange, current.number == number else { return }
        flushOutbound()
        context?.close(promise: nil)
    }

    /// Called when the current response is completely written (or queued).
    func responseDone() {
        guard let current = exchange else { return }
        if !current.keepAlive {
            closeGracefully()
            return
        }
        if current.isBodyComplete {
            finishExchange()
        } else {
            exchange?.bodySource?.finish(ConnectionClosedError())
            exchange?.discardRemainingBody(budget: configuration.limits.maxBodyDrainBytes)
        }
        if !processing {
            process()
            flushOutbound()
            resumeReadingIfNeeded()
        }
    }

    /// Answers a request the parser refused, then closes.
    func rejectRequest(_ error: HTTP1ParseError) {
        guard lifecycle == .open, let context else { return }
        exchange?.bodySource?.finish(RequestBodyReadError(reason: error.reason))
        let responseStarted = exchange.map { $0.response != .pending } ?? false
        if !responseStarted {
            var buffer = outbound ?? context.channel.allocator.buffer(capacity: 256)
            outbound = nil
            var head = HTTPResponse(status: error.status)
            head.headerFields[.contentType] = "text/plain; charset=utf-8"
            let body = error.reason + "\n"
            ResponseHeadSerializer.write(
                head, framing: .length(body.utf8.count), keepAlive: false, isHTTP10: false,
                date: dateCache.current(), serverName: configuration.serverName, into: &buffer
            )
            buffer.writeString(body)
            outbound = buffer
        }
        closeGracefully()
    }

    // MARK: Output buffer

    func appendOutbound(_ bytes: inout ByteBuffer) {
        if outbound == nil {
            outbound = bytes
        } else {
            outbound!.writeBuffer(&bytes)
        }
        if !processing { flushOutbound() }
    }

    func flushOutbound() {
        guard let buffer = outbound, let context else { return }
        outbound = nil
        context.writeAndFlush(wrapOutboundOut(buffer), promise: nil)
    }

    /// Stops serving: flushes what is written, shuts the write side, and drains input for a
    /// moment so the client reads the last response instead of a reset.
    func closeGracefully() {
        guard lifecycle == .open, let context else { return }
        lifecycle = .lingering
        exchange?.bodySource?.finish(ConnectionClosedError())
        exchange = nil
        requestTask?.cancel()
        requestTask = nil
        pending = ByteBuffer()
        flushOutbound()
        let halfClosed = context.eventLoop.makePromise(of: Void.self)
        let channel = context.channel
        halfClosed.futureResult.whenFailure { _ in channel.close(promise: nil) }
        context.close(mode: .output, promise: halfClosed)
        arm(.linger)
        resumeReadingIfNeeded()
    }
}

/// The writer a streamed response body writes through on a server connection.
struct ChannelBodyWriter: ResponseBodyWriter {
    let handler: NIOLoopBound<HTTP1ConnectionHandler>
    let exchangeNumber: UInt64

    func write(_ buffer: ByteBuffer) async throws {
        let loop = handler.eventLoop
        if loop.inEventLoop {
            if let wait = try handler.value.writeBodyPart(buffer, number: exchangeNumber) {
                try await wait.get()
            }
            return
        }
        let handler = self.handler
        let number = exchangeNumber
        try await loop.flatSubmit {
            do {
                return try handler.value.writeBodyPart(buffer, number: number) ?? loop.makeSucceededVoidFuture()
            } catch {
                return loop.makeFailedFuture(error)
            }
        }.get()
    }
}
