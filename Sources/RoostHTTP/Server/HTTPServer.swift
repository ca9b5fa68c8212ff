public import Logging
import NIOCore
import NIOPosix
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
public import ServiceLifecycle

/// Roost's HTTP/1.1 server on SwiftNIO: the adapter between sockets and an ``HTTPResponder``.
///
/// The server is a swift-service-lifecycle `Service`: run it in a `ServiceGroup` and it stops
/// accepting on SIGINT/SIGTERM, lets in-flight requests finish within
/// ``HTTPServerConfiguration/Timeouts/shutdownGracePeriod``, then returns.
///
/// ```swift
/// let server = HTTPServer(responder: app, configuration: .init(port: 8080), logger: logger)
/// let group = ServiceGroup(services: [server], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
/// try await group.run()
/// ```
///
/// TLS and HTTP/2 plug in through ``HTTPServerConfiguration/transport`` (see
/// ``ServerTransport``); they live in their own target, `RoostTLS`, so an app behind a
/// TLS-terminating proxy does not compile BoringSSL.
public struct HTTPServer: Service {
    /// What the server listens on once bound.
    public struct ListeningAddress: Sendable {
        /// The bound host.
        public let host: String
        /// The bound port (useful when configured with port 0).
        public let port: Int
    }

    private let responder: any HTTPResponder
    private let configuration: HTTPServerConfiguration
    private let logger: Logger
    private let onListening: @Sendable (ListeningAddress) async -> Void

    /// Creates a server.
    /// - Parameters:
    ///   - responder: What answers requests.
    ///   - configuration: Address, threads, limits and time-outs.
    ///   - logger: Where the server reports binding, shutdown and connection errors.
    ///   - onListening: Called once the socket is bound, with the actual port.
    public init(
        responder: any HTTPResponder,
        configuration: HTTPServerConfiguration = .init(),
        logger: Logger = Logger(label: "roost.http"),
        onListening: @escaping @Sendable (ListeningAddress) async -> Void = { _ in }
    ) {
        self.responder = responder
        self.configuration = configuration
        self.logger = logger
        self.onListening = onListening
    }

    /// Binds and serves until graceful shutdown is requested or the task is cancelled.
    /// - Throws: When the address cannot be bound.
    public func run() async throws {
        if let shared = configuration.eventLoopGroup {
            try await serve(on: shared)
            return
        }
        let group = MultiThreadedEventLoopGroup(numberOfThreads: max(1, configuration.threads))
        do {
            try await serve(on: group)
        } catch {
            try? await group.shutdownGracefully()
            throw error
        }
        try await group.shutdownGracefully()
    }

    private func serve(on group: any EventLoopGroup) async throws {
        let limits = configuration.limits
        FileDescriptorLimit.raise(to: limits.maxConnections + 1024)
        let registry = ConnectionRegistry(limit: limits.maxConnections)
        let requests = RequestTracker()
        var executors: [ObjectIdentifier: EventLoopTaskExecutor] = [:]
        for loop in group.makeIterator() {
            executors[ObjectIdentifier(loop)] = EventLoopTaskExecutor(eventLoop: loop)
        }
        let loopExecutors = executors
        let responder = self.responder
        let configuration = self.configuration

        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: configuration.backlog)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .serverChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(AcceptLimitHandler(registry: registry))
                }
            }
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelOption(.maxMessagesPerRead, value: 16)
            .childChannelInitializer { channel in
                let installer = ConnectionHTTPInstaller(
                    responder: responder,
                    configuration: configuration,
                    executor: { loopExecutors[ObjectIdentifier($0)]! },
                    connectionID: registry.register(channel),
                    requests: requests
                )
                if let transport = configuration.transport {
                    return transport.configure(channel, installer: installer)
                }
                return channel.eventLoop.makeCompletedFuture {
                    try installer.installHTTP1(on: channel, isSecure: false)
                }
            }
        let reusingBootstrap =
            configuration.reusePort ? bootstrap.serverChannelOption(
                ChannelOptions.Types.SocketOption(level: SocketOptionLevel(SOL_SOCKET), name: SocketOptionName(SO_REUSEPORT)), value: 1
            ) : bootstrap
        let channel = try await reusingBootstrap.bind(host: configuration.host, port: configuration.port).get()
        let port = channel.localAddress?.port ?? configuration.port
        logger.info(
            "Listening",
            metadata: [
                "address": "\(configuration.transport?.scheme ?? "http")://\(configuration.host):\(port)",
                "threads": "\(loopExecutors.count)",
            ]
        )
        await onListening(ListeningAddress(host: configuration.host, port: port))

        await withGracefulShutdownHandler {
            await withTaskCancellationHandler {
                try? await channel.closeFuture.get()
            } onCancel: {
                channel.close(promise: nil)
            }
        } onGracefulShutdown: {
            channel.close(promise: nil)
        }
        try? await channel.closeFuture.get()
        await drain(registry)
        await finish(requests)
    }

    /// Waits for request tasks still running once their connections are closed (cancelled
    /// with them, they may still be unwinding a database call), so that the event loops they
    /// resume on outlive them. Bounded by the grace period; a task stuck beyond it is logged.
    private func finish(_ requests: RequestTracker) async {
        let deadline = ContinuousClock.now + configuration.timeouts.shutdownGracePeriod
        while requests.running > 0 && ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(10))
        }
        if requests.running > 0 {
            logger.warning("Request tasks still running after the grace period", metadata: ["requests": "\(requests.running)"])
        }
    }

    /// Asks every connection to finish its current request and close (NIO's
    /// `ChannelShouldQuiesceEvent`: HTTP/1.1 closes after the response in flight, a
    /// transport's HTTP/2 sends GOAWAY), then force-closes whatever is still open when the
    /// grace period ends.
    private func drain(_ registry: ConnectionRegistry) async {
        let open = registry.channels
        guard !open.isEmpty else { return }
        logger.info("Shutting down", metadata: ["connections": "\(open.count)"])
        for channel in open {
            channel.pipeline.fireUserInboundEventTriggered(ChannelShouldQuiesceEvent())
        }
        let grace = configuration.timeouts.shutdownGracePeriod
        await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                await registry.waitUntilEmpty()
                return true
            }
            group.addTask {
                try? await Task.sleep(for: grace)
                return false
            }
            let drained = await group.next() ?? false
            group.cancelAll()
            if !drained {
                let remaining = registry.channels
                logger.warning("Closing connections still busy after the grace period", metadata: ["connections": "\(remaining.count)"])
                for channel in remaining { channel.close(promise: nil) }
                await registry.waitUntilEmpty()
            }
        }
    }
}
