import Foundation
import NIOCore
import Roost
import RoostTLS
import RoostTesting
import Testing

/// What a TLS server must survive: clients that never finish the handshake or speak plain
/// HTTP to it, HTTP/2 clients that give up on a request, `Expect: 100-continue`.
@Suite struct TLSRobustnessTests {
    /// Whether the server closes `connection` within ten seconds; a reset counts as a close.
    static func serverCloses(_ connection: RawHTTPConnection) async -> Bool {
        do {
            return try await connection.isClosedByServer(within: .seconds(10))
        } catch {
            return true
        }
    }

    @Test func stalledAndPlainTextClientsAreDisconnected() async throws {
        let certificate = try await TestCertificate.make()
        defer { certificate.remove() }
        let app = try TLSTransportTests.makeServedApp(certificate)
        app.serverConfiguration.timeouts.headerRead = .milliseconds(500)
        try await app.withLiveServer { server in
            // Connects and sends nothing: dropped once the handshake time-out passes.
            let silent = try await server.connect()
            #expect(await Self.serverCloses(silent))
            await silent.close()

            // Plain HTTP to the HTTPS port: the handshake fails and the connection closes
            // (if the server was quicker than the request, sending it fails instead).
            let plain = try await server.connect()
            try? await plain.send("GET /hello HTTP/1.1\r\nHost: localhost\r\n\r\n")
            #expect(await Self.serverCloses(plain))
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

extension TLSRobustnessTests {
    @Test func http2ClosesTheConnectionAfterAConnectionError() async throws {
        let certificate = try await TestCertificate.make()
        defer { certificate.remove() }
        let app = try TLSTransportTests.makeServedApp(certificate)
        app.get("/header") { req in "\(req.headers[HTTPField.Name("x-big")!]?.utf8.count ?? 0)" }
        try await app.withLiveServer { server in
            let url = "https://127.0.0.1:\(server.port)/header"
            let fits = try await curl(url, ["--http2", "-H", "x-big: \(String(repeating: "b", count: 12_000))"])
            #expect(fits.httpVersion == "2")
            #expect(fits.text == "12000")
            // A first header block over NIOHTTP2's 16 KiB (the server's larger limit applies
            // once the client has acknowledged its SETTINGS): GOAWAY, then the connection
            // closes at once instead of leaving the client waiting.
            let clock = ContinuousClock()
            let start = clock.now
            let tooBig = try await runTool("curl", [
                "-sS", "-k", "--http2", "--max-time", "20", "-H", "x-big: \(String(repeating: "b", count: 30_000))", url,
            ])
            #expect(tooBig.status != 0 && tooBig.status != 28, "\(tooBig.stderr.prefix(300))")
            #expect(clock.now - start < .seconds(10))
            // The server goes on.
            #expect(try await curl("https://127.0.0.1:\(server.port)/hello", ["--http2"]).text == "Hello over TLS")
        }
    }

    @Test func http2RefusedStreamsLeaveTheConnectionOpen() async throws {
        let certificate = try await TestCertificate.make()
        defer { certificate.remove() }
        let app = try TLSTransportTests.makeServedApp(certificate)
        let file = certificate.folder.appendingPathComponent("upload.bin")
        try Data(repeating: UInt8(ascii: "u"), count: 1 << 20).write(to: file)
        try await app.withLiveServer { server in
            let base = "https://127.0.0.1:\(server.port)"
            // One connection: an upload refused with 413 while its body is still coming,
            // then two more requests that must be served on the same connection.
            let common = ["-sS", "-k", "--http2", "-o", "/dev/null", "-w", "%{http_code} %{num_connects}\n"]
            let result = try await runTool(
                "curl",
                ["--parallel"] + common + ["--data-binary", "@\(file.path)", "\(base)/small", "--next"]
                    + common + ["\(base)/connection", "--next"] + common + ["\(base)/hello"]
            )
            #expect(result.status == 0, "\(result.stderr)")
            let lines = result.stdout.split(separator: "\n").map { $0.split(separator: " ") }
            let codes = lines.map { String($0[0]) }
            #expect(lines.map { Int($0[1]) ?? -1 }.reduce(0, +) == 1)  // one connection for all three
            #expect(codes.sorted() == ["200", "200", "413"])
        }
    }

    @Test func http2StreamErrorsLetTheOtherStreamsFinish() async throws {
        let certificate = try await TestCertificate.make()
        defer { certificate.remove() }
        let app = try TLSTransportTests.makeServedApp(certificate)
        app.get("/slow") { _ in
            try await Task.sleep(for: .milliseconds(400))
            return "slow done"
        }
        try await app.withLiveServer { server in
            let base = "https://127.0.0.1:\(server.port)"
            let common = ["-sS", "-k", "--http2", "-w", "%{http_code}\n"]
            // One connection: a slow request, and a POST whose body falls short of its
            // content-length (a stream error: NIOHTTP2 resets that stream only).
            let result = try await runTool(
                "curl",
                ["--parallel"] + common + ["\(base)/slow", "--next"]
                    + common + ["-H", "content-length: 100", "--data-binary", "short", "\(base)/echo"]
            )
            let lines = result.stdout.split(separator: "\n")
            #expect(lines.contains("slow done200"), "\(result.stdout) \(result.stderr)")
            #expect(!lines.contains { $0.hasSuffix("200") && !$0.hasPrefix("slow") }, "\(result.stdout)")
            // The server goes on.
            #expect(try await curl("\(base)/hello", ["--http2"]).text == "Hello over TLS")
        }
    }
}
