import NIOCore
import NIOHTTP2

/// Ends the connection on an error that reaches the end of its pipeline.
///
/// NIOHTTP2 answers a connection error (a malformed frame, a header block larger than the
/// decoder allows, a flood of resets) with GOAWAY and reports it here; the server must then
/// close, or the client waits on a connection that no longer parses anything. A stream's
/// error (a client that ends a body short of its `content-length`, say) is reported the
/// same way, as the same error types, and must not cut the other streams off. So: errors
/// that only a connection has (frame and header-compression decoding, flood protection,
/// TLS and socket errors) close at once; the others quiesce the connection as at shutdown
/// — the connection manager sends GOAWAY, lets the streams in flight finish and closes —
/// with a close after the grace period in case the peer never answers.
final class HTTP2ConnectionErrorHandler: ChannelInboundHandler {
    typealias InboundIn = Never

    private let gracePeriod: TimeAmount
    private var quiescing = false
    private var deadline: Scheduled<Void>?

    init(gracePeriod: TimeAmount) {
        self.gracePeriod = gracePeriod
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard Self.mayConcernOneStream(error) else {
            context.close(promise: nil)
            return
        }
        guard !quiescing else { return }
        quiescing = true
        context.pipeline.fireUserInboundEventTriggered(ChannelShouldQuiesceEvent())
        let channel = context.channel
        deadline = context.eventLoop.scheduleTask(in: gracePeriod + .seconds(1)) { channel.close(promise: nil) }
    }

    func channelInactive(context: ChannelHandlerContext) {
        deadline?.cancel()
        deadline = nil
        context.fireChannelInactive()
    }

    /// Whether NIOHTTP2 may have reported `error` for a single stream.
    static func mayConcernOneStream(_ error: any Error) -> Bool {
        guard error is any NIOHTTP2Error else { return false }  // HPACK, TLS, I/O: the connection's
        switch error {
        case is NIOHTTP2Errors.UnableToParseFrame, is NIOHTTP2Errors.BadClientMagic,
            is NIOHTTP2Errors.MissingPreface, is NIOHTTP2Errors.ExcessivelyLargeHeaderBlock,
            is NIOHTTP2Errors.ExcessiveContinuationFrames, is NIOHTTP2Errors.ExcessiveEmptyDataFrames,
            is NIOHTTP2Errors.ExcessiveNumberOfGlitches, is NIOHTTP2Errors.ExcessiveOutboundFrameBuffering,
            is NIOHTTP2Errors.ExcessiveRSTFrames, is NIOHTTP2Errors.ExcessiveControlFrames,
            is NIOHTTP2Errors.ExcessiveStreamErrors:
            return false
        default:
            return true
        }
    }
}
