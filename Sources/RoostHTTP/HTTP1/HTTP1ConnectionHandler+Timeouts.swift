import HTTPTypes
import NIOCore

/// Which time-out a connection is currently under. A connection is under at most one.
enum ConnectionTimeoutKind {
    case idle
    case headerRead
    case bodyRead
    case linger
}

/// The connection's time-out bookkeeping: the active deadline and the one timer serving it.
///
/// Arming only records a deadline; the timer is rescheduled only when it would fire too
/// late, so the per-request cost is one clock read.
struct ConnectionTimeouts {
    var active: (kind: ConnectionTimeoutKind, deadline: NIODeadline)?
    var timer: Scheduled<Void>?
    var timerDeadline: NIODeadline?
}

extension HTTP1ConnectionHandler {
    func arm(_ kind: ConnectionTimeoutKind) {
        guard let context else { return }
        let duration: Duration
        switch kind {
        case .idle: duration = configuration.timeouts.idle
        case .headerRead:
            if timeouts.active?.kind == .headerRead { return }
            duration = configuration.timeouts.headerRead
        case .bodyRead: duration = configuration.timeouts.bodyRead
        case .linger: duration = configuration.timeouts.lingeringClose
        }
        let deadline = NIODeadline.now() + TimeAmount(duration)
        timeouts.active = (kind, deadline)
        if let scheduled = timeouts.timerDeadline, scheduled <= deadline { return }
        schedule(at: deadline, context: context)
    }

    func disarm(_ kind: ConnectionTimeoutKind) {
        if timeouts.active?.kind == kind { timeouts.active = nil }
    }

    func cancelTimer() {
        timeouts.timer?.cancel()
        timeouts = ConnectionTimeouts()
    }

    private func schedule(at deadline: NIODeadline, context: ChannelHandlerContext) {
        timeouts.timer?.cancel()
        let loopBound = NIOLoopBound(self, eventLoop: context.eventLoop)
        timeouts.timerDeadline = deadline
        timeouts.timer = context.eventLoop.scheduleTask(deadline: deadline) {
            loopBound.value.timerFired()
        }
    }

    private func timerFired() {
        timeouts.timer = nil
        timeouts.timerDeadline = nil
        guard lifecycle != .closed, let active = timeouts.active, let context else { return }
        guard active.deadline <= .now() else {
            schedule(at: active.deadline, context: context)
            return
        }
        timeouts.active = nil
        switch active.kind {
        case .idle, .linger:
            context.close(promise: nil)
        case .headerRead:
            if pending.readableBytes > 0 {
                rejectRequest(HTTP1ParseError(status: .requestTimeout, reason: "Request head not received in time"))
            } else {
                context.close(promise: nil)
            }
        case .bodyRead:
            exchange?.bodySource?.finish(RequestBodyReadError(reason: "timed out"))
            if let exchange, exchange.response == .pending {
                rejectRequest(HTTP1ParseError(status: .requestTimeout, reason: "Request body not received in time"))
            } else {
                context.close(promise: nil)
            }
        }
    }
}
