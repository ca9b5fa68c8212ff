public import NIOCore

/// The seam where TLS and HTTP/2 plug into the server.
///
/// By default an accepted connection speaks HTTP/1.1 in plain text. A transport takes over
/// a new connection first: it may add a TLS handler, negotiate a protocol with ALPN, and
/// then either install Roost's HTTP/1.1 handler with ``ConnectionHTTPInstaller/installHTTP1(on:isSecure:)``
/// or serve another protocol (HTTP/2) by calling ``ConnectionHTTPInstaller/responder``
/// itself. The TLS target implements it; an app behind a TLS-terminating proxy never
/// compiles BoringSSL.
///
/// ```swift
/// struct PlainTransport: ServerTransport {
///     func configure(_ channel: any Channel, installer: ConnectionHTTPInstaller) -> EventLoopFuture<Void> {
///         channel.eventLoop.makeCompletedFuture { try installer.installHTTP1(on: channel, isSecure: false) }
///     }
/// }
/// ```
public protocol ServerTransport: Sendable {
    /// Prepares an accepted connection and installs the handlers that will serve it.
    /// Runs on the connection's event loop.
    ///
    /// When the server shuts down it fires NIO's `ChannelShouldQuiesceEvent` through every
    /// connection's pipeline: a protocol the transport serves itself should finish its
    /// requests in flight and close (HTTP/2: GOAWAY).
    func configure(_ channel: any Channel, installer: ConnectionHTTPInstaller) -> EventLoopFuture<Void>

    /// The URL scheme clients use to reach the server (`https` for TLS), for logs and
    /// start-up messages; `http` unless the transport says otherwise.
    var scheme: String { get }
}

extension ServerTransport {
    /// `http`: a transport that does not encrypt.
    public var scheme: String { "http" }
}

/// What a ``ServerTransport`` needs to hand a connection to Roost.
public struct ConnectionHTTPInstaller: Sendable {
    /// The application the server serves.
    public let responder: any HTTPResponder
    /// The server's configuration (limits, time-outs).
    public let configuration: HTTPServerConfiguration
    let executor: @Sendable (any EventLoop) -> EventLoopTaskExecutor
    /// The connection's number within this server run (``ConnectionContext/connectionID``).
    public let connectionID: UInt64
    let requests: RequestTracker

    /// Adds Roost's HTTP/1.1 handler to the connection's pipeline. Call on its event loop.
    /// - Parameter isSecure: Whether the connection is encrypted (requests report `https`).
    public func installHTTP1(on channel: any Channel, isSecure: Bool) throws {
        let handler = HTTP1ConnectionHandler(
            responder: responder,
            configuration: configuration,
            executor: executor(channel.eventLoop),
            connectionID: connectionID,
            requests: requests,
            isSecure: isSecure
        )
        try channel.pipeline.syncOperations.addHandler(handler)
    }

    /// Runs `operation` as a request task the way the HTTP/1.1 handler does: started on the
    /// calling thread, resumed on `eventLoop` after any suspension. For other protocols'
    /// handlers (HTTP/2 streams).
    /// - Returns: The task, to cancel when the request's stream is reset.
    @discardableResult
    public func runRequest(on eventLoop: any EventLoop, _ operation: sending @escaping () async -> Void) -> Task<Void, Never> {
        let requests = self.requests
        return Task.immediate(executorPreference: executor(eventLoop)) { await requests.track(operation) }
    }
}
