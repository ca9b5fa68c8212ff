import ArgumentParser
import Logging
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

    func run(app: App) async throws {
        let responder = try app.compiled()
        var configuration = app.serverConfiguration
        configuration.host = host ?? app.settings.host
        configuration.port = port ?? app.settings.port
        configuration.threads = workers ?? app.settings.workers
        if let port, !(0...65535).contains(port) {
            throw ValidationError("--port must be between 0 and 65535")
        }
        if let workers, workers < 1 { throw ValidationError("--workers must be at least 1") }
        let debug = app.settings.debug
        let console = app.console
        let threads = configuration.threads
        let server = HTTPServer(responder: responder, configuration: configuration, logger: app.logger) { address in
            console.write(
                "Roost serving on http://\(address.host):\(address.port)/ (\(threads) threads\(debug ? ", DEBUG on" : "")); press Ctrl-C to stop\n"
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
