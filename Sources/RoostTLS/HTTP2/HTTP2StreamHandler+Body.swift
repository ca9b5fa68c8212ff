import HTTPTypes
import NIOCore
import NIOHTTP2
import RoostHTTP

extension HTTP2StreamHandler {
    /// How much of an unread request body the stream reads and drops after the response
    /// (`maxBodyDrainBytes`, as over HTTP/1.1).
    var drainBudget: Int { installer.configuration.limits.maxBodyDrainBytes }

    // MARK: Body time-out

    /// Watches for a client that stops sending a body: one the app is waiting for, or one
    /// being drained after the response. The deadline moves with every DATA frame; the
    /// timer is only rescheduled when it fires early.
    func armBodyTimer() {
        guard let context else { return }
        bodyTimer?.cancel()
        bodyDeadline = .now() + TimeAmount(installer.configuration.timeouts.bodyRead)
        scheduleBodyTimer(at: bodyDeadline, on: context.eventLoop)
    }

    private func scheduleBodyTimer(at deadline: NIODeadline, on eventLoop: any EventLoop) {
        let loopBound = NIOLoopBound(self, eventLoop: eventLoop)
        bodyTimer = eventLoop.scheduleTask(deadline: deadline) { loopBound.value.bodyTimerFired() }
    }

    private func bodyTimerFired() {
        bodyTimer = nil
        guard !closed, let context else { return }
        switch request {
        case .streaming(let source, let demand):
            guard demand, bodyDeadline <= .now() else {
                // The app is still busy with what it has, or bytes came in since: look again later.
                let next = demand ? bodyDeadline : .now() + TimeAmount(installer.configuration.timeouts.bodyRead)
                scheduleBodyTimer(at: next, on: context.eventLoop)
                return
            }
            source.finish(HTTP2BodyTimeoutError())
            request = .discarding(budget: -1)
            if response == .pending {
                reject(.requestTimeout, reason: "Request body not received in time")
            } else {
                context.close(promise: nil)
            }
        case .discarding:
            // While the app still works on its response nothing waits on the body; the
            // response's last frame arms the timer again.
            guard response == .complete else { return }
            guard bodyDeadline <= .now() else {
                scheduleBodyTimer(at: bodyDeadline, on: context.eventLoop)
                return
            }
            resetUnreadBody()
        case .awaitingHead, .complete:
            break
        }
    }

    // MARK: Unread bodies

    /// Decides, once the response's last frame is written, what happens to a request body
    /// the client is still sending and nobody reads: a remainder within the drain budget is
    /// read and dropped, so the client can finish sending it (some clients report a reset
    /// stream as a failure even after a complete response); a larger one, or a client still
    /// waiting for `100 Continue`, is asked to stop without error (RFC 9113, section 8.1).
    func settleUnreadBody(budget: Int) {
        let remaining = expectedLength.map { $0 - receivedBytes } ?? 0
        if budget < 0 || remaining > budget || (expectsContinue && !continueSent) {
            resetUnreadBody()
        } else {
            armBodyTimer()
            resumeReadingIfNeeded()
        }
    }

    /// Called when the response's last frame has left for the connection.
    func responseLeft() {
        responseFlushed = true
        if resetPending { resetUnreadBody() }
    }

    /// Resets the stream with `NO_ERROR` so the client stops sending the body — once the
    /// response has left: NIOHTTP2 drops DATA still queued for flow control when its
    /// stream is reset.
    func resetUnreadBody() {
        guard !closed, case .discarding = request, let context else { return }
        guard responseFlushed else {
            resetPending = true
            return
        }
        resetPending = false
        request = .complete
        bodyTimer?.cancel()
        bodyTimer = nil
        context.writeAndFlush(wrapOutboundOut(.rstStream(.noError)), promise: nil)
    }
}
