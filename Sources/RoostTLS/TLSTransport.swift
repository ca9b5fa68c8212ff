public import NIOCore
public import NIOSSL
public import RoostHTTP
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Serves HTTPS: TLS with swift-nio-ssl, then HTTP/2 or HTTP/1.1 as the client chooses by
/// ALPN, both answered by the same responder (the same routes and middleware).
///
/// Set it as the server's transport, or let `serve --tls-cert --tls-key` build it (see
/// `App.useTLS()`):
///
/// ```swift
/// import RoostTLS
/// app.serverConfiguration.transport = try TLSTransport(
///     certificateChainPath: "/etc/roost/cert.pem",
///     privateKeyPath: "/etc/roost/key.pem"
/// )
/// ```
///
/// Requests report `https` as their scheme and ``ConnectionContext/isSecure``. HTTP/2 uses
/// the server's limits (header bytes as `SETTINGS_MAX_HEADER_LIST_SIZE`, header count, URI
/// length; body limits are the app's), its time-outs (a handshake must finish within the
/// header-read time-out; idle connections close), and on shutdown sends GOAWAY and lets
/// requests in flight finish within the grace period.
public struct TLSTransport: ServerTransport {
    private let context: NIOSSLContext
    /// The HTTP/2 settings offered, or `nil` when the transport offers HTTP/1.1 only.
    public let http2: HTTP2Configuration?

    /// A transport from PEM files: the certificate chain (the server's certificate first,
    /// then any intermediates) and its private key.
    /// - Parameters:
    ///   - certificateChainPath: The PEM certificate chain.
    ///   - privateKeyPath: The PEM private key (unencrypted).
    ///   - http2: The HTTP/2 settings, or `nil` to offer HTTP/1.1 only.
    /// - Throws: ``TLSTransportError`` naming the file that could not be read or the mismatch.
    public init(
        certificateChainPath: String, privateKeyPath: String, http2: HTTP2Configuration? = HTTP2Configuration()
    ) throws(TLSTransportError) {
        try Self.checkReadable(certificateChainPath, what: "certificate chain")
        let chain: [NIOSSLCertificate]
        do {
            chain = try NIOSSLCertificate.fromPEMFile(certificateChainPath)
        } catch {
            throw TLSTransportError("cannot read a PEM certificate chain from \(certificateChainPath) (\(error))")
        }
        guard !chain.isEmpty else {
            throw TLSTransportError("cannot read a PEM certificate chain from \(certificateChainPath) (no certificate in it)")
        }
        try Self.checkReadable(privateKeyPath, what: "private key")
        let key: NIOSSLPrivateKey
        do {
            key = try NIOSSLPrivateKey(file: privateKeyPath, format: .pem)
        } catch {
            throw TLSTransportError(
                "cannot read a PEM private key from \(privateKeyPath) (\(error); an encrypted key must be decrypted first)"
            )
        }
        try self.init(certificateChain: chain, privateKey: key, http2: http2)
    }

    /// A transport from a PEM certificate chain and private key held in memory (from a
    /// secret store, say).
    ///
    /// ```swift
    /// let transport = try TLSTransport(certificateChainPEM: certificate, privateKeyPEM: key)
    /// ```
    /// - Throws: ``TLSTransportError`` when the text is not PEM or the key does not match.
    public init(
        certificateChainPEM: String, privateKeyPEM: String, http2: HTTP2Configuration? = HTTP2Configuration()
    ) throws(TLSTransportError) {
        let chain: [NIOSSLCertificate]
        do {
            chain = try NIOSSLCertificate.fromPEMBytes(Array(certificateChainPEM.utf8))
        } catch {
            throw TLSTransportError("the certificate chain is not valid PEM (\(error))")
        }
        let key: NIOSSLPrivateKey
        do {
            key = try NIOSSLPrivateKey(bytes: Array(privateKeyPEM.utf8), format: .pem)
        } catch {
            throw TLSTransportError("the private key is not valid PEM (\(error))")
        }
        try self.init(certificateChain: chain, privateKey: key, http2: http2)
    }

    private init(
        certificateChain: [NIOSSLCertificate], privateKey: NIOSSLPrivateKey, http2: HTTP2Configuration?
    ) throws(TLSTransportError) {
        guard !certificateChain.isEmpty else { throw TLSTransportError("the certificate chain holds no certificate") }
        var configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: certificateChain.map { .certificate($0) },
            privateKey: .privateKey(privateKey)
        )
        configuration.minimumTLSVersion = .tlsv12
        try self.init(configuration: configuration, http2: http2)
    }

    /// A transport from a complete swift-nio-ssl configuration, for what the other
    /// initialisers do not cover (client certificates, cipher suites, key logging).
    ///
    /// ```swift
    /// var tls = TLSConfiguration.makeServerConfiguration(certificateChain: chain, privateKey: .privateKey(key))
    /// tls.certificateVerification = .fullVerification       // mutual TLS
    /// let transport = try TLSTransport(configuration: tls)
    /// ```
    /// - Parameters:
    ///   - configuration: The TLS settings; its `applicationProtocols` are replaced with
    ///     `h2` (when `http2` is set) and `http/1.1`.
    ///   - http2: The HTTP/2 settings, or `nil` to offer HTTP/1.1 only.
    /// - Throws: ``TLSTransportError`` when swift-nio-ssl refuses the configuration (a key
    ///   that does not match its certificate, for instance).
    public init(configuration: TLSConfiguration, http2: HTTP2Configuration? = HTTP2Configuration()) throws(TLSTransportError) {
        var configuration = configuration
        configuration.applicationProtocols = http2 == nil ? ["http/1.1"] : ["h2", "http/1.1"]
        do {
            self.context = try NIOSSLContext(configuration: configuration)
        } catch {
            throw TLSTransportError("invalid TLS configuration; does the private key match the certificate? (\(error))")
        }
        self.http2 = http2
    }

    /// Fails with the system's reason (no such file, permission denied) when `path` cannot
    /// be opened for reading; swift-nio-ssl alone only says that loading failed.
    private static func checkReadable(_ path: String, what: String) throws(TLSTransportError) {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            let reason = String(cString: strerror(errno))
            throw TLSTransportError("cannot open the \(what) file \(path): \(reason)")
        }
        close(descriptor)
    }

    /// `https`.
    public var scheme: String { "https" }

    /// Adds the TLS handler and the handler that installs HTTP/2 or HTTP/1.1 once ALPN has
    /// chosen; called by the server for every accepted connection.
    public func configure(_ channel: any Channel, installer: ConnectionHTTPInstaller) -> EventLoopFuture<Void> {
        let context = self.context
        let http2 = self.http2
        return channel.eventLoop.makeCompletedFuture {
            let pipeline = channel.pipeline.syncOperations
            try pipeline.addHandler(NIOSSLServerHandler(context: context))
            try pipeline.addHandler(TLSNegotiationHandler(installer: installer, http2: http2))
        }
    }
}

/// Why a ``TLSTransport`` could not be created: an unreadable file, text that is not PEM, a
/// key that does not match its certificate.
public struct TLSTransportError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, naming the file when there is one.
    public let description: String

    init(_ description: String) {
        self.description = description
    }
}
