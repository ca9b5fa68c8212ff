import HTTPTypes
import NIOCore
import NIOHTTP2
import RoostHTTP

extension HTTP2StreamHandler {
    /// Runs the responder in a request task that starts on this thread and, if it suspends,
    /// resumes on the connection's event loop.
    func run(_ head: HTTPRequest, body: RequestBody, loopBound: NIOLoopBound<HTTP2StreamHandler>) {
        let responder = installer.responder
        let connectionContext = ConnectionContext(
            remoteAddress: connection.remoteAddress,
            remotePort: connection.remotePort,
            isSecure: true,
            connectionID: installer.connectionID,
            requestNumber: connection.requestCount
        )
        let task = installer.runRequest(on: loopBound.eventLoop) {
            let response: Response
            do {
                response = try await responder.respond(to: head, body: body, context: connectionContext)
            } catch {
                response = Response.text("Internal Server Error", status: .internalServerError)
            }
            await HTTP2StreamHandler.complete(with: response, loopBound: loopBound)
        }
        if response != .complete, !closed { requestTask = task }
    }

    /// Writes a response from inside its request task, streaming its body if it has one.
    private static func complete(with response: Response, loopBound: NIOLoopBound<HTTP2StreamHandler>) async {
        let loop = loopBound.eventLoop
        if !loop.inEventLoop {
            // Only reachable if the executor preference was not honoured; hop explicitly.
            try? await loop.submit {}.get()
        }
        guard loop.inEventLoop else { return }
        guard let stream = loopBound.value.writeResponse(response) else { return }
        let writer = HTTP2BodyWriter(handler: loopBound)
        let succeeded: Bool
        do {
            try await stream(writer)
            succeeded = true
        } catch {
            succeeded = false
        }
        if loop.inEventLoop {
            loopBound.value.endStreamedBody(succeeded: succeeded)
        } else {
            loop.execute { loopBound.value.endStreamedBody(succeeded: succeeded) }
        }
    }

    /// Writes a response's HEADERS and, unless streamed, its body. Returns the writer
    /// function of a streamed body that must still be written.
    func writeResponse(_ response: Response) -> (@Sendable (any ResponseBodyWriter) async throws -> Void)? {
        guard !closed, self.response == .pending, let context else { return nil }
        requestTask = nil
        let status = response.status
        let sendsBody = !isHead && HTTPRules.allowsBody(status)
        let buffered = response.body.buffer
        let contentLength = HTTPRules.allowsBody(status) ? response.body.contentLength : nil
        let headers = HTTP2Messages.responseHeaders(
            response.head,
            contentLength: contentLength,
            date: connection.currentDate(),
            serverName: installer.configuration.serverName
        )
        guard sendsBody, buffered.map({ $0.readableBytes > 0 }) ?? true else {
            writeLast(.headers(.init(headers: headers, endStream: true)), context: context)
            return nil
        }
        if let buffered {
            context.write(wrapOutboundOut(.headers(.init(headers: headers))), promise: nil)
            writeLast(.data(.init(data: .byteBuffer(buffered), endStream: true)), context: context)
            return nil
        }
        context.writeAndFlush(wrapOutboundOut(.headers(.init(headers: headers))), promise: nil)
        self.response = .streaming
        let body = response.body
        return { writer in try await body.write(to: writer) }
    }

    /// Writes one part of a streamed body; returns a future to wait on while the stream is
    /// not writable.
    func writeBodyPart(_ part: ByteBuffer) throws(HTTP2StreamClosedError) -> EventLoopFuture<Void>? {
        guard !closed, response == .streaming, let context else { throw HTTP2StreamClosedError() }
        guard part.readableBytes > 0 else { return nil }
        context.writeAndFlush(wrapOutboundOut(.data(.init(data: .byteBuffer(part)))), promise: nil)
        guard !context.channel.isWritable else { return nil }
        if let existing = writabilityPromise { return existing.futureResult }
        let promise = context.eventLoop.makePromise(of: Void.self)
        writabilityPromise = promise
        return promise.futureResult
    }

    /// Ends a streamed body after its writer returned, or resets the stream when it threw:
    /// the client must not take a truncated body for a whole one.
    func endStreamedBody(succeeded: Bool) {
        guard !closed, response == .streaming, let context else { return }
        if succeeded {
            writeLast(.data(.init(data: .byteBuffer(ByteBuffer()), endStream: true)), context: context)
        } else {
            response = .complete
            context.writeAndFlush(wrapOutboundOut(.rstStream(.internalError)), promise: nil)
        }
    }

    /// Answers a request the server refuses itself (a malformed or oversized head, a
    /// stalled body) with a short text response.
    func reject(_ status: HTTPResponse.Status, reason: String) {
        guard !closed, response == .pending, let context else { return }
        requestTask?.cancel()
        requestTask = nil
        let text = ByteBuffer(string: reason + "\n")
        var head = HTTPResponse(status: status)
        head.headerFields[.contentType] = "text/plain; charset=utf-8"
        let headers = HTTP2Messages.responseHeaders(
            head, contentLength: text.readableBytes, date: connection.currentDate(),
            serverName: installer.configuration.serverName
        )
        context.write(wrapOutboundOut(.headers(.init(headers: headers))), promise: nil)
        writeLast(.data(.init(data: .byteBuffer(text), endStream: true)), context: context)
    }

    /// Writes the frame that ends the response, then settles a request body the client
    /// may still be sending (see ``settleUnreadBody(budget:)``).
    private func writeLast(_ payload: HTTP2Frame.FramePayload, context: ChannelHandlerContext) {
        response = .complete
        switch request {
        case .awaitingHead, .complete:
            context.writeAndFlush(wrapOutboundOut(payload), promise: nil)
            return
        case .streaming(let source, _):
            source.finish(HTTP2StreamClosedError())
            request = .discarding(budget: drainBudget)
        case .discarding:
            break
        }
        let written = context.eventLoop.makePromise(of: Void.self)
        context.writeAndFlush(wrapOutboundOut(payload), promise: written)
        let loopBound = NIOLoopBound(self, eventLoop: context.eventLoop)
        written.futureResult.whenSuccess { loopBound.value.responseLeft() }
        if case .discarding(let budget) = request { settleUnreadBody(budget: budget) }
    }
}

/// The writer a streamed response body writes through on an HTTP/2 stream.
struct HTTP2BodyWriter: ResponseBodyWriter {
    let handler: NIOLoopBound<HTTP2StreamHandler>

    func write(_ buffer: ByteBuffer) async throws {
        let loop = handler.eventLoop
        if loop.inEventLoop {
            if let wait = try handler.value.writeBodyPart(buffer) {
                try await wait.get()
            }
            return
        }
        let handler = self.handler
        try await loop.flatSubmit {
            do {
                return try handler.value.writeBodyPart(buffer) ?? loop.makeSucceededVoidFuture()
            } catch {
                return loop.makeFailedFuture(error)
            }
        }.get()
    }
}
