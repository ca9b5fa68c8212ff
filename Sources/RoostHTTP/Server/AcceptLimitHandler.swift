import NIOCore

/// Sits on the listening socket and stops accepting while the connection cap is reached.
///
/// New clients then wait in the kernel's listen backlog instead of being accepted and
/// dropped; accepting resumes as soon as a connection closes.
final class AcceptLimitHandler: ChannelDuplexHandler {
    typealias InboundIn = any Channel
    typealias InboundOut = any Channel
    typealias OutboundIn = Never

    private let registry: ConnectionRegistry
    private var readHeld = false
    private var context: ChannelHandlerContext?

    init(registry: ConnectionRegistry) {
        self.registry = registry
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        let loopBound = NIOLoopBound(self, eventLoop: context.eventLoop)
        registry.onCapacityAvailable {
            loopBound.eventLoop.execute { loopBound.value.capacityAvailable() }
        }
    }

    func read(context: ChannelHandlerContext) {
        if registry.count >= registry.limit {
            readHeld = true
        } else {
            context.read()
        }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let child = unwrapInboundIn(data)
        if registry.count >= registry.limit {
            // Accepted in the same batch as the connection that reached the cap.
            child.close(promise: nil)
            return
        }
        context.fireChannelRead(data)
    }

    private func capacityAvailable() {
        guard readHeld, let context, registry.count < registry.limit else { return }
        readHeld = false
        context.read()
    }
}
