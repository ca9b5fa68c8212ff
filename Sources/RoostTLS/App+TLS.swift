public import Roost

extension App {
    /// Lets `serve` speak HTTPS and HTTP/2: `serve --tls-cert cert.pem --tls-key key.pem`, or
    /// the `TLS_CERT` and `TLS_KEY` settings, then build a ``TLSTransport`` from those files.
    ///
    /// Without the options or settings the app still serves plain HTTP/1.1 (behind a
    /// TLS-terminating proxy, say). The core cannot build the transport itself: only apps
    /// that link this module compile swift-nio-ssl and its BoringSSL.
    ///
    /// ```swift
    /// import Roost
    /// import RoostTLS
    ///
    /// let app = try App()
    /// app.get("/") { _ in "Hello over TLS" }
    /// app.useTLS()
    /// await app.main()         // MyApp serve --tls-cert cert.pem --tls-key key.pem
    /// ```
    /// - Parameter http2: The HTTP/2 settings, or `nil` to offer HTTP/1.1 only.
    public func useTLS(http2: HTTP2Configuration? = HTTP2Configuration()) {
        storage[ServeTLSKey.self] = { certificateChainPath, privateKeyPath in
            try TLSTransport(certificateChainPath: certificateChainPath, privateKeyPath: privateKeyPath, http2: http2)
        }
    }
}
