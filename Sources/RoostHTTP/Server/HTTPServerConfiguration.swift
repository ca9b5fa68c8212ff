public import NIOCore

/// Everything the HTTP server can be tuned with; every limit has a safe default.
///
/// ```swift
/// var configuration = HTTPServerConfiguration(host: "0.0.0.0", port: 8080)
/// configuration.limits.maxHeadBytes = 16 * 1024
/// configuration.timeouts.idle = .seconds(30)
/// ```
public struct HTTPServerConfiguration: Sendable {
    /// The address to listen on; `127.0.0.1` by default so nothing is exposed by accident.
    public var host: String
    /// The TCP port; `0` picks a free one (see ``HTTPServer/localPort``).
    public var port: Int
    /// Event-loop threads; one per core by default. Ignored when ``eventLoopGroup`` is set.
    public var threads: Int
    /// Event loops to serve on instead of `threads` new ones. The server leaves them running
    /// when it stops: their owner shuts them down, after whatever else uses them.
    ///
    /// Give the same group to the database backends (`PostgresBackend(eventLoopGroup:)`), and
    /// a request's queries run on the event loop that serves the request, with no thread hop
    /// on either side of each query:
    ///
    /// ```swift
    /// let loops = MultiThreadedEventLoopGroup(numberOfThreads: 2)
    /// app.serverConfiguration.eventLoopGroup = loops
    /// try app.useDatabases(backends: [PostgresBackend(eventLoopGroup: loops)])
    /// // … serve; after app.shutdown():
    /// try await loops.shutdownGracefully()
    /// ```
    public var eventLoopGroup: (any EventLoopGroup)?
    /// The listen backlog.
    public var backlog: Int32
    /// Whether to set `SO_REUSEPORT`, letting several processes share one port.
    public var reusePort: Bool
    /// The value of the `Server` header on every response, or `nil` to send none.
    public var serverName: String?
    /// Size and count limits.
    public var limits: Limits
    /// Time-outs that close stalled connections.
    public var timeouts: Timeouts
    /// Takes over accepted connections before HTTP is spoken (TLS, HTTP/2); `nil` serves
    /// plain HTTP/1.1.
    public var transport: (any ServerTransport)?

    /// Creates a configuration.
    public init(
        host: String = "127.0.0.1",
        port: Int = 8000,
        threads: Int = HTTPServerConfiguration.defaultThreads,
        backlog: Int32 = 1024,
        reusePort: Bool = false,
        serverName: String? = nil,
        limits: Limits = Limits(),
        timeouts: Timeouts = Timeouts(),
        transport: (any ServerTransport)? = nil
    ) {
        self.host = host
        self.port = port
        self.threads = threads
        self.backlog = backlog
        self.reusePort = reusePort
        self.serverName = serverName
        self.limits = limits
        self.timeouts = timeouts
        self.transport = transport
    }

    /// Bounds on what a client may send and on how many clients may be connected.
    public struct Limits: Sendable {
        /// The longest request line plus header fields; a longer head gets `431`.
        public var maxHeadBytes = 64 * 1024
        /// The longest request target; a longer one gets `414`.
        public var maxURILength = 8 * 1024
        /// The most header fields in one request; more get `431`.
        public var maxHeaderCount = 128
        /// The most connections open at once. When reached, the server stops accepting (new
        /// clients wait in the listen backlog) until one closes.
        public var maxConnections = 32_768
        /// How much of an unread request body the server reads and discards after the
        /// response so it can keep the connection; a larger remainder closes the connection.
        public var maxBodyDrainBytes = 1024 * 1024
        /// Bytes in a body stream's buffer above which the server stops reading the socket.
        public var bodyStreamHighWatermark = 8

        /// Creates the default limits.
        public init() {}
    }

    /// Time-outs, each closing a connection that has stalled.
    public struct Timeouts: Sendable {
        /// How long a kept-alive connection may wait for its next request.
        public var idle: Duration = .seconds(60)
        /// How long a client may take to send a complete request head, from its first byte
        /// (from the connection's start for the first request). Defeats slow-loris clients.
        public var headerRead: Duration = .seconds(20)
        /// How long the server waits for the next piece of a request body it asked for.
        public var bodyRead: Duration = .seconds(60)
        /// How long in-flight requests may take to finish when the server shuts down.
        public var shutdownGracePeriod: Duration = .seconds(10)
        /// How long a connection being closed keeps draining input so the client can read
        /// the final response before the socket goes away.
        public var lingeringClose: Duration = .seconds(2)

        /// Creates the default time-outs.
        public init() {}
    }

    /// One event-loop thread per CPU core.
    public static var defaultThreads: Int { System.coreCount }

    var parserLimits: HTTP1Limits {
        HTTP1Limits(
            maxHeadBytes: limits.maxHeadBytes,
            maxURILength: limits.maxURILength,
            maxHeaderCount: limits.maxHeaderCount
        )
    }
}
