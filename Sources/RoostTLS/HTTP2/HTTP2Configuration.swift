/// The HTTP/2 settings a ``TLSTransport`` offers its clients.
///
/// Header size and count limits, time-outs and the shutdown grace period come from the
/// server's `HTTPServerConfiguration` (the same values HTTP/1.1 uses); these are the
/// protocol's own knobs.
///
/// ```swift
/// var http2 = HTTP2Configuration()
/// http2.maxConcurrentStreams = 250
/// let transport = try TLSTransport(certificateChainPath: "cert.pem", privateKeyPath: "key.pem", http2: http2)
/// ```
public struct HTTP2Configuration: Sendable, Hashable {
    /// The most requests a client may have in flight on one connection
    /// (`SETTINGS_MAX_CONCURRENT_STREAMS`); 100 by default, the RFC's recommended minimum.
    public var maxConcurrentStreams: Int
    /// How many request-body bytes one stream may have in flight before the app reads them
    /// (`SETTINGS_INITIAL_WINDOW_SIZE`); 256 KiB by default.
    public var streamWindowSize: Int
    /// How many request-body bytes all streams of a connection may have in flight together;
    /// 1 MiB by default. It bounds what a connection can make the server buffer.
    public var connectionWindowSize: Int
    /// The largest frame payload the server accepts (`SETTINGS_MAX_FRAME_SIZE`), 16 KiB by
    /// default (the protocol's minimum; at most 16 MiB).
    public var maxFrameSize: Int

    /// Creates the default settings.
    public init(
        maxConcurrentStreams: Int = 100,
        streamWindowSize: Int = 256 * 1024,
        connectionWindowSize: Int = 1024 * 1024,
        maxFrameSize: Int = 16 * 1024
    ) {
        self.maxConcurrentStreams = maxConcurrentStreams
        self.streamWindowSize = streamWindowSize
        self.connectionWindowSize = connectionWindowSize
        self.maxFrameSize = maxFrameSize
    }
}
