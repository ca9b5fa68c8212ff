import ArgumentParser

/// How `serve --tls-cert PATH --tls-key PATH` (or the `TLS_CERT` and `TLS_KEY` settings) turns
/// certificate files into an HTTPS transport.
///
/// The core does not link TLS: swift-nio-ssl carries its own BoringSSL, and an app behind a
/// TLS-terminating proxy must not compile it. `RoostTLS` fills this slot when the app calls
/// its `useTLS()`; without it, `serve` refuses the TLS options with a message saying so.
///
/// ```swift
/// import RoostTLS
/// app.useTLS()        // sets app.storage[ServeTLSKey.self]
/// // then: MyApp serve --tls-cert cert.pem --tls-key key.pem
/// ```
public enum ServeTLSKey: AppStorageKey {
    /// Builds the transport from the paths of a PEM certificate chain and a PEM private key.
    public typealias Value = @Sendable (_ certificateChainPath: String, _ privateKeyPath: String) throws -> any ServerTransport
}

extension ServeCommand {
    /// The TLS transport the options or settings ask for, or `nil` when they name no files.
    /// - Throws: `ValidationError` when only one of the two files is named, or when the app
    ///   does not link RoostTLS; the factory's error when the files do not load.
    static func tlsTransport(app: App, certificate: String?, key: String?) throws -> (any ServerTransport)? {
        func setting(_ name: String) -> String? {
            guard let value = app.settings.text(name), !value.isEmpty else { return nil }
            return value
        }
        let certificate = certificate ?? setting("TLS_CERT")
        let key = key ?? setting("TLS_KEY")
        switch (certificate, key) {
        case (nil, nil):
            return nil
        case (let certificate?, let key?):
            guard let makeTransport = app.storage[ServeTLSKey.self] else {
                throw ValidationError(
                    "--tls-cert/--tls-key (TLS_CERT/TLS_KEY): this app does not link TLS; add the RoostTLS product to its target and call app.useTLS()"
                )
            }
            return try makeTransport(certificate, key)
        case (nil, _):
            throw ValidationError("--tls-key (TLS_KEY) needs --tls-cert (TLS_CERT) as well")
        case (_, nil):
            throw ValidationError("--tls-cert (TLS_CERT) needs --tls-key (TLS_KEY) as well")
        }
    }
}
