import Foundation
import Logging
import NIOCore
import Roost
import RoostTLS
import RoostTesting
import ServiceLifecycle
import Testing

/// `serve --tls-cert --tls-key`, the `TLS_CERT`/`TLS_KEY` settings, graceful shutdown of
/// HTTP/2 connections, and the errors a wrong certificate or key gives.
@Suite struct ServeTLSTests {
    /// Runs `serve` with `arguments` until `body` returns, then cancels it.
    private func withServe(
        _ app: App, _ arguments: [String], _ body: @Sendable (_ address: String) async throws -> Void
    ) async throws {
        let output = CapturedText()
        app.console = Console { output.append($0) }
        let serve = Task { try await app.runCommand(["serve", "--port", "0", "--workers", "1"] + arguments) }
        defer { serve.cancel() }
        let clock = ContinuousClock()
        let start = clock.now
        var address: String?
        while address == nil, clock.now - start < .seconds(20) {
            if let range = output.text.range(of: #"https?://127\.0\.0\.1:\d+"#, options: .regularExpression) {
                address = String(output.text[range])
            } else {
                try await Task.sleep(for: .milliseconds(20))
            }
        }
        let found = try #require(address, "serve printed: \(output.text)")
        try await body(found)
        serve.cancel()
        _ = await serve.result
    }

    @Test func serveTakesTheCertificateAndKeyOptions() async throws {
        let certificate = try await TestCertificate.make()
        defer { certificate.remove() }
        let app = try makeApp()
        app.get("/hello") { _ in "served by serve" }
        app.useTLS()
        try await withServe(app, ["--tls-cert", certificate.certificatePath, "--tls-key", certificate.keyPath]) { address in
            #expect(address.hasPrefix("https://"))
            let response = try await curl("\(address)/hello", ["--http2"])
            #expect(response.httpVersion == "2")
            #expect(response.text == "served by serve")
        }
    }

    @Test func serveReadsTheTLSSettings() async throws {
        let certificate = try await TestCertificate.make()
        defer { certificate.remove() }
        let app = App(settings: try Settings([
            "ACCESS_LOG": "false", "TLS_CERT": certificate.certificatePath, "TLS_KEY": certificate.keyPath,
        ]))
        app.get("/hello") { _ in "from settings" }
        app.useTLS()
        try await withServe(app, []) { address in
            #expect(address.hasPrefix("https://"))
            let response = try await curl("\(address)/hello", ["--http1.1"])
            #expect(response.httpVersion == "1.1")
            #expect(response.text == "from settings")
        }
    }

    @Test func serveExplainsWhatIsMissing() async throws {
        let certificate = try await TestCertificate.make()
        defer { certificate.remove() }
        let withoutTLS = try makeApp()
        let notLinked = await #expect(throws: (any Error).self) {
            try await withoutTLS.runCommand(["serve", "--tls-cert", certificate.certificatePath, "--tls-key", certificate.keyPath])
        }
        #expect("\(notLinked!)".contains("RoostTLS"))

        let app = try makeApp()
        app.useTLS()
        let halfway = await #expect(throws: (any Error).self) {
            try await app.runCommand(["serve", "--tls-cert", certificate.certificatePath])
        }
        #expect("\(halfway!)".contains("--tls-key"))
        let missing = await #expect(throws: TLSTransportError.self) {
            try await app.runCommand(["serve", "--tls-cert", "/nonexistent/cert.pem", "--tls-key", certificate.keyPath])
        }
        #expect(missing?.description == "cannot open the certificate chain file /nonexistent/cert.pem: No such file or directory")
    }

    @Test func transportRefusesBadCertificatesAndKeys() async throws {
        let first = try await TestCertificate.make()
        let second = try await TestCertificate.make()
        defer {
            first.remove()
            second.remove()
        }
        #expect(throws: TLSTransportError.self) {
            try TLSTransport(certificateChainPath: first.certificatePath, privateKeyPath: second.keyPath)
        }
        let missingKey = #expect(throws: TLSTransportError.self) {
            try TLSTransport(certificateChainPath: first.certificatePath, privateKeyPath: "/nonexistent/key.pem")
        }
        #expect(missingKey?.description == "cannot open the private key file /nonexistent/key.pem: No such file or directory")
        let garbage = first.folder.appendingPathComponent("garbage.pem")
        try "not a certificate\n".write(to: garbage, atomically: true, encoding: .utf8)
        let notPEM = #expect(throws: TLSTransportError.self) {
            try TLSTransport(certificateChainPath: garbage.path, privateKeyPath: first.keyPath)
        }
        #expect(notPEM?.description.contains("certificate chain from \(garbage.path)") == true)
        #expect(throws: TLSTransportError.self) {
            try TLSTransport(certificateChainPEM: "not a certificate", privateKeyPEM: "nor a key")
        }
        let certificatePEM = try String(contentsOfFile: first.certificatePath, encoding: .utf8)
        let keyPEM = try String(contentsOfFile: first.keyPath, encoding: .utf8)
        let inMemory = try TLSTransport(certificateChainPEM: certificatePEM, privateKeyPEM: keyPEM)
        #expect(inMemory.scheme == "https")
        #expect(inMemory.http2 != nil)
    }

    @Test func gracefulShutdownLetsHTTP2StreamsFinish() async throws {
        let certificate = try await TestCertificate.make()
        defer { certificate.remove() }
        let started = AsyncStream.makeStream(of: Void.self)
        let app = try makeApp()
        app.get("/slow") { _ in
            started.continuation.yield()
            try await Task.sleep(for: .milliseconds(500))
            return "finished"
        }
        var configuration = HTTPServerConfiguration(host: "127.0.0.1", port: 0, threads: 1)
        configuration.transport = try certificate.transport()
        configuration.timeouts.shutdownGracePeriod = .seconds(8)
        let ports = AsyncStream.makeStream(of: Int.self)
        let server = HTTPServer(responder: try app.responder(), configuration: configuration) {
            ports.continuation.yield($0.port)
        }
        let group = ServiceGroup(services: [server], logger: Logger(label: "test"))
        let clock = ContinuousClock()
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            var portIterator = ports.stream.makeAsyncIterator()
            let port = try #require(await portIterator.next())
            let request = Task { try await curl("https://127.0.0.1:\(port)/slow", ["--http2"]) }
            var startedIterator = started.stream.makeAsyncIterator()
            await startedIterator.next()

            let shutdownStart = clock.now
            await group.triggerGracefulShutdown()
            let response = try await request.value
            #expect(response.httpVersion == "2")
            #expect(response.status == 200)
            #expect(response.text == "finished")
            try await tasks.waitForAll()
            // The connection closed once its stream was done, not at the end of the grace period.
            #expect(clock.now - shutdownStart < .seconds(5))
            await #expect(throws: (any Error).self) { _ = try await RawHTTPConnection.connect(port: port) }
        }
    }
}
