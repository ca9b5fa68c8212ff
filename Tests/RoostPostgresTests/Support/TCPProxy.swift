import NIOCore
import NIOPosix
import Synchronization

/// A loopback TCP proxy in front of the test server that a test can take down (closing every
/// connection and refusing new ones) and bring back on the same port: a database outage
/// without touching the shared server.
final class TCPProxy: Sendable {
    private struct State {
        var server: (any Channel)?
        var connections: [any Channel] = []
    }

    private let targetHost: String
    private let targetPort: Int
    private let group: any EventLoopGroup
    private let state = Mutex(State())
    private let boundPort = Atomic<Int>(0)

    /// The port the proxy listens on (on 127.0.0.1).
    var port: Int { boundPort.load(ordering: .acquiring) }

    init(targetHost: String, targetPort: Int, group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) {
        self.targetHost = targetHost
        self.targetPort = targetPort
        self.group = group
    }

    /// Starts accepting connections (on the previous port after a ``down()``).
    func up() async throws {
        let server = try await ServerBootstrap(group: group)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { [self] client in
                ClientBootstrap(group: client.eventLoop).connect(host: targetHost, port: targetPort).flatMapThrowing { upstream in
                    self.track(client)
                    self.track(upstream)
                    // Both channels live on the client's event loop, where this closure runs.
                    let (clientSide, upstreamSide) = GlueHandler.pair()
                    try client.pipeline.syncOperations.addHandler(clientSide)
                    try upstream.pipeline.syncOperations.addHandler(upstreamSide)
                }
            }
            .bind(host: "127.0.0.1", port: port).get()
        boundPort.store(server.localAddress?.port ?? 0, ordering: .releasing)
        state.withLock { $0.server = server }
    }

    /// Stops accepting and closes every proxied connection.
    func down() async {
        let (server, connections) = state.withLock { state in
            defer { state.server = nil; state.connections = [] }
            return (state.server, state.connections)
        }
        try? await server?.close()
        for connection in connections { try? await connection.close() }
    }

    private func track(_ channel: any Channel) {
        state.withLock { $0.connections.append(channel) }
    }
}

/// Forwards bytes between two channels on the same event loop.
private final class GlueHandler: ChannelDuplexHandler {
    typealias InboundIn = NIOAny
    typealias OutboundIn = NIOAny
    typealias OutboundOut = NIOAny

    private var partner: GlueHandler?
    private var context: ChannelHandlerContext?

    static func pair() -> (GlueHandler, GlueHandler) {
        let first = GlueHandler()
        let second = GlueHandler()
        first.partner = second
        second.partner = first
        return (first, second)
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
        partner = nil
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        partner?.context?.writeAndFlush(data, promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        partner?.context?.close(promise: nil)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}
