import ArgumentParser
import Logging
import NIOCore
import ServiceLifecycle
import UnixSignals

/// `serve`: runs the HTTP server until SIGINT or SIGTERM, then shuts down gracefully.
struct ServeCommand: AppCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Start the HTTP server (the default command)."
    )

    @Option(help: "The address to bind (default: the HOST setting).")
    var host: String?

    @Option(help: "The port to bind; 0 picks a free one (default: the PORT setting).")
    var port: Int?

    @Option(help: "Event-loop threads (default: the WORKERS setting).")
    var workers: Int?

    @Option(
        name: .customLong("tls-cert"),
        help: "PEM certificate chain: serve HTTPS, with HTTP/2 (default: the TLS_CERT setting; needs RoostTLS)."
    )
    var tlsCertificate: String?

    @Option(name: .customLong("tls-key"), help: "PEM private key of --tls-cert (default: the TLS_KEY setting).")
    var tlsKey: String?

    @Flag(help: "Apply pending migrations before serving (apps that call useMigrations).")
    var migrate = false

    func run(app: App) async throws {
        if migrate {
            guard let migrator = app.storage[ServeMigrationKey.self] else {
                throw ValidationError("--migrate: this app has no migrations; register them with app.useMigrations(…) from RoostMigrations")
            }
            try await migrator(app)
        }
        let responder = try app.compiled()
        var configuration = app.serverConfiguration
        configuration.host = host ?? app.settings.host
        configuration.port = port ?? app.settings.port
        configuration.threads = workers ?? app.settings.workers
        if let port, !(0...65535).contains(port) {
            throw ValidationError("--port must be between 0 and 65535")
        }
        if let workers, workers < 1 { throw ValidationError("--workers must be at least 1") }
        if let transport = try Self.tlsTransport(app: app, certificate: tlsCertificate, key: tlsKey) {
            configuration.transport = transport
        }
        let scheme = configuration.transport?.scheme ?? "http"
        let debug = app.settings.debug
        let console = app.console
        let threads = configuration.eventLoopGroup.map { Array($0.makeIterator()).count } ?? configuration.threads
        let server = HTTPServer(responder: responder, configuration: configuration, logger: app.logger) { address in
            console.write(
                "Roost serving on \(scheme)://\(address.host):\(address.port)/ (\(threads) threads\(debug ? ", DEBUG on" : "")); press Ctrl-C to stop\n"
            )
        }
        let group = ServiceGroup(
            configuration: .init(services: [server], gracefulShutdownSignals: [.sigterm, .sigint], logger: app.logger)
        )
        do {
            try await group.run()
        } catch {
            await app.shutdown()
            throw error
        }
        await app.shutdown()
        app.console.write("Roost stopped\n")
    }
}

/// What `serve --migrate` runs before the server starts. RoostMigrations sets it when the
/// app calls `useMigrations`, so the core knows nothing about migrations.
///
/// ```swift
/// app.storage[ServeMigrationKey.self] = { app in try await applyPendingMigrations(app) }
/// ```
public enum ServeMigrationKey: AppStorageKey {
    /// Applies the app's pending migrations.
    public typealias Value = @Sendable (App) async throws -> Void
}
