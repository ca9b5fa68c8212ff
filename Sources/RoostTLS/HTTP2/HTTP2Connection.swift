import NIOCore
import NIOHTTP2
import RoostHTTP

/// Sets up an HTTP/2 connection once ALPN chose `h2`.
///
/// The pipeline is NIOHTTP2's handler with its inline stream multiplexer, followed by its
/// server connection manager, which closes idle connections and, on NIO's
/// `ChannelShouldQuiesceEvent` (the server shutting down), sends GOAWAY, lets open streams
/// finish within the grace period and closes. Every stream gets an ``HTTP2StreamHandler``
/// that calls the app's responder.
enum HTTP2Connection {
    static func install(
        on channel: any Channel, installer: ConnectionHTTPInstaller, settings: HTTP2Configuration
    ) throws {
        let server = installer.configuration
        let manager = NIOHTTP2ServerConnectionManagementHandler(
            eventLoop: channel.eventLoop,
            configuration: .init(
                maxIdleTime: TimeAmount(server.timeouts.idle),
                maxAge: nil,
                maxGraceTime: TimeAmount(server.timeouts.shutdownGracePeriod),
                keepalive: nil
            )
        )
        var connection = NIOHTTP2Handler.ConnectionConfiguration()
        connection.initialSettings = [
            HTTP2Setting(parameter: .maxConcurrentStreams, value: max(1, settings.maxConcurrentStreams)),
            HTTP2Setting(parameter: .maxHeaderListSize, value: max(1024, server.limits.maxHeadBytes)),
            HTTP2Setting(parameter: .initialWindowSize, value: clampWindow(settings.streamWindowSize)),
            HTTP2Setting(parameter: .maxFrameSize, value: min(max(settings.maxFrameSize, 1 << 14), (1 << 24) - 1)),
            HTTP2Setting(parameter: .enablePush, value: 0),
        ]
        connection.targetWindowSize = clampWindow(settings.connectionWindowSize)
        var stream = NIOHTTP2Handler.StreamConfiguration()
        stream.targetWindowSize = clampWindow(settings.streamWindowSize)

        let shared = NIOLoopBound(
            HTTP2ConnectionState(installer: installer, remoteAddress: channel.remoteAddress),
            eventLoop: channel.eventLoop
        )
        let http2 = NIOHTTP2Handler(
            mode: .server,
            eventLoop: channel.eventLoop,
            connectionConfiguration: connection,
            streamConfiguration: stream,
            streamDelegate: manager.http2StreamDelegate
        ) { streamChannel in
            streamChannel.eventLoop.makeCompletedFuture {
                try streamChannel.pipeline.syncOperations.addHandler(HTTP2StreamHandler(connection: shared.value))
            }
        }
        try channel.pipeline.syncOperations.addHandlers(
            http2, manager, HTTP2ConnectionErrorHandler(gracePeriod: TimeAmount(server.timeouts.shutdownGracePeriod))
        )
    }

    private static func clampWindow(_ size: Int) -> Int {
        min(max(size, 65_535), Int(Int32.max))
    }
}

/// What the streams of one connection share. Lives on the connection's event loop.
final class HTTP2ConnectionState {
    let installer: ConnectionHTTPInstaller
    let remoteAddress: String?
    let remotePort: Int?
    var requestCount: UInt64 = 0
    private var dates = HTTPDateCache()

    init(installer: ConnectionHTTPInstaller, remoteAddress: SocketAddress?) {
        self.installer = installer
        self.remoteAddress = remoteAddress?.ipAddress
        self.remotePort = remoteAddress?.port
    }

    /// The `date` header value for now, formatted at most once a second per connection.
    func currentDate() -> String {
        dates.currentText()
    }
}
