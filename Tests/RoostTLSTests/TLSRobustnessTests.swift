import Foundation
import NIOCore
import Roost
import RoostTLS
import RoostTesting
import Synchronization
import Testing

/// What a TLS server must survive: clients that never finish the handshake or speak plain
/// HTTP to it, HTTP/2 clients that give up on a request, `Expect: 100-continue`.
@Suite struct TLSRobustnessTests {
    @Test func stalledAndPlainTextClientsAreDisconnected() async throws {
        let certificate = try await TestCertificate.make()
        defer { certificate.remove() }
        let app = try TLSTransportTests.makeServedApp(certificate)
        app.serverConfiguration.timeouts.headerRead = .milliseconds(300)
        try await app.withLiveServer { server in
            // Connects and sends nothing: dropped once the handshake time-out passes.
            let silent = try await server.connect()
            #expect(try await silent.isClosedByServer(within: .seconds(5)))
            await silent.close()

            // Plain HTTP to the HTTPS port: the handshake fails and the connection closes.
            let plain = try await server.connect()
            try await plain.send("GET /hello HTTP/1.1\r\nHost: localhost\r\n\r\n")
            #expect(try await plain.isClosedByServer(within: .seconds(5)))
            await plain.close()

            // The server is still fine.
            let response = try await curl("https://127.0.0.1:\(server.port)/hello", ["--http2"])
            #expect(response.httpVersion == "2")
            #expect(response.text == "Hello over TLS")
        }
    }

    @Test func http2RequestsAreCancelledWhenTheClientGivesUp() async throws {
        let certificate = try await TestCertificate.make()
        defer { certificate.remove() }
        let app = try TLSTransportTests.makeServedApp(certificate)
        let cancelled = AsyncStream.makeStream(of: Bool.self)
        app.get("/hang") { _ -> String in
            do {
                try await Task.sleep(for: .seconds(30))
                cancelled.continuation.yield(false)
            } catch {
                cancelled.continuation.yield(Task.isCancelled)
            }
            return "too late"
        }
        try await app.withLiveServer { server in
            // curl gives up after a second and closes the connection.
            let result = try await runTool(
                "curl", ["-sS", "-k", "--http2", "--max-time", "1", "https://127.0.0.1:\(server.port)/hang"]
            )
            #expect(result.status == 28)  // curl's "operation timed out"
            var iterator = cancelled.stream.makeAsyncIterator()
            #expect(await iterator.next() == true)
        }
    }

    @Test func http2AnswersExpectContinue() async throws {
        let certificate = try await TestCertificate.make()
        defer { certificate.remove() }
        let app = try TLSTransportTests.makeServedApp(certificate)
        let payload = Data(repeating: UInt8(ascii: "e"), count: 200_000)
        let file = certificate.folder.appendingPathComponent("expect.bin")
        try payload.write(to: file)
        try await app.withLiveServer { server in
            let base = "https://127.0.0.1:\(server.port)"
            let counted = try await curl(
                "\(base)/count", ["--http2", "-H", "Expect: 100-continue", "--data-binary", "@\(file.path)"]
            )
            #expect(counted.httpVersion == "2")
            #expect(counted.status == 200)
            #expect(counted.text == "\(payload.count)")
            // Refused by its declared size: 413 whether or not curl waits for the 100.
            let refused = try await curl(
                "\(base)/small", ["--http2", "-H", "Expect: 100-continue", "--data-binary", "@\(file.path)"]
            )
            #expect(refused.status == 413)
        }
    }
}
