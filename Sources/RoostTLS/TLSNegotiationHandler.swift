import NIOCore
import NIOTLS
import RoostHTTP

/// Waits for the TLS handshake, then installs what ALPN chose: HTTP/2 for `h2`, Roost's
/// HTTP/1.1 handler (with `isSecure`) for `http/1.1` or no choice at all. Removes itself
/// afterwards, passing on any bytes that arrived in between.
///
/// It also bounds the handshake: a client that has not finished it within the header-read
/// time-out is disconnected (slow-loris at the TLS layer), and so is one still
/// handshaking when the server starts shutting down.
final class TLSNegotiationHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer

    private let installer: ConnectionHTTPInstaller
    private let http2: HTTP2Configuration?
    private var buffered: [NIOAny] = []
    private var timeout: Scheduled<Void>?
    private var negotiated = false

    init(installer: ConnectionHTTPInstaller, http2: HTTP2Configuration?) {
        self.installer = installer
        self.http2 = http2
    }

    func handlerAdded(context: ChannelHandlerContext) {
        let channel = context.channel
        timeout = context.eventLoop.scheduleTask(in: TimeAmount(installer.configuration.timeouts.headerRead)) {
            channel.close(promise: nil)
        }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        timeout?.cancel()
        timeout = nil
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        buffered.append(data)
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        if negotiated { context.fireChannelReadComplete() }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        switch event {
        case TLSUserEvent.handshakeCompleted(let negotiatedProtocol):
            guard !negotiated else { break }
            negotiated = true
            timeout?.cancel()
            timeout = nil
            do {
                if negotiatedProtocol == "h2", let http2 {
                    try HTTP2Connection.install(on: context.channel, installer: installer, settings: http2)
                } else {
                    try installer.installHTTP1(on: context.channel, isSecure: true)
                }
            } catch {
                context.close(promise: nil)
                return
            }
            context.fireUserInboundEventTriggered(event)
            context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
            return
        case is ChannelShouldQuiesceEvent where !negotiated:
            context.close(promise: nil)
            return
        default:
            break
        }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // A failed handshake (bad client, wrong protocol version): nothing to answer.
        if !negotiated {
            context.close(promise: nil)
            return
        }
        context.fireErrorCaught(error)
    }

    func removeHandler(context: ChannelHandlerContext, removalToken: ChannelHandlerContext.RemovalToken) {
        let pending = buffered
        buffered = []
        for data in pending { context.fireChannelRead(data) }
        if !pending.isEmpty { context.fireChannelReadComplete() }
        context.leavePipeline(removalToken: removalToken)
    }
}
