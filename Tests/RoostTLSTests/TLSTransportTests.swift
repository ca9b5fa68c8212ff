import Foundation
import NIOCore
import Roost
import RoostTLS
import RoostTesting
import Testing

/// HTTPS through curl against a live server with a certificate made in the test: HTTP/2 by
/// ALPN, HTTP/1.1 over TLS, the same routes and middleware for both.
@Suite struct TLSTransportTests {
    struct Boom: Error {}

    /// The routes every test serves, behind a middleware that marks each response.
    static func makeServedApp(_ certificate: TestCertificate) throws -> App {
        let app = try makeApp()
        app.use { req, next in
            var response = try await next(req)
            response.headerFields[HTTPField.Name("x-middleware")!] = "ran"
            return response
        }
        app.get("/hello") { _ in "Hello over TLS" }
        app.get("/whoami") { req in
            "\(req.head.scheme ?? "-") \(req.connection.isSecure) \(req.host ?? "-") \(req.url)"
        }
        app.get("/connection") { req in "\(req.connection.connectionID):\(req.connection.requestNumber)\n" }
        app.post("/echo", options: RouteOptions(bodyLimit: 8 << 20)) { req in
            Response(body: .init(buffer: try await req.collectBody()))
        }
        app.post("/count", options: RouteOptions(bodyLimit: 64 << 20)) { req in
            var total = 0
            for try await chunk in req.body { total += chunk.readableBytes }
            return "\(total)"
        }
        app.post("/small", options: RouteOptions(bodyLimit: 100)) { req in "\(try await req.collectBody().readableBytes)" }
        app.get("/stream") { _ in
            Response(body: ResponseBody(contentLength: nil) { writer in
                for index in 0..<5 {
                    try await writer.write(ByteBuffer(string: "chunk \(index)\n"))
                    try await Task.sleep(for: .milliseconds(10))
                }
            })
        }
        app.get("/big") { _ in
            Response(body: ResponseBody(contentLength: 4 << 20) { writer in
                let piece = ByteBuffer(repeating: UInt8(ascii: "z"), count: 64 << 10)
                for _ in 0..<64 { try await writer.write(piece) }
            })
        }
        app.get("/fail") { _ -> String in throw Boom() }
        app.get("/forbidden") { _ -> String in throw HTTPError(.forbidden, "not yours") }
        app.serverConfiguration.transport = try certificate.transport()
        return app
    }

    @Test func http2GetIsNegotiatedByALPN() async throws {
        let certificate = try await TestCertificate.make()
        defer { certificate.remove() }
        let app = try Self.makeServedApp(certificate)
        try await app.withLiveServer { server in
            let response = try await curl("https://127.0.0.1:\(server.port)/hello", ["--http2"])
            #expect(response.httpVersion == "2")
            #expect(response.status == 200)
            #expect(response.text == "Hello over TLS")
            #expect(response.headers["x-middleware"] == "ran")
            #expect(response.headers["content-length"] == "14")
            #expect(response.headers["date"] != nil)

            let whoami = try await curl("https://localhost:\(server.port)/whoami", ["--http2"])
            #expect(whoami.text == "https true localhost:\(server.port) https://localhost:\(server.port)/whoami")
        }
    }

    @Test func http2PostBodiesAreReadWholeAndStreamed() async throws {
        let certificate = try await TestCertificate.make()
        defer { certificate.remove() }
        let app = try Self.makeServedApp(certificate)
        // Larger than the stream and connection windows: flow control must keep it moving.
        let payload = (0..<(3 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let file = certificate.folder.appendingPathComponent("payload.bin")
        try Data(payload).write(to: file)
        try await app.withLiveServer { server in
            let small = try await curl(
                "https://127.0.0.1:\(server.port)/echo", ["--http2", "-X", "POST", "--data-binary", "hello h2"]
            )
            #expect(small.httpVersion == "2")
            #expect(small.status == 200)
            #expect(small.text == "hello h2")

            let echoed = try await curl(
                "https://127.0.0.1:\(server.port)/echo", ["--http2", "--data-binary", "@\(file.path)"]
            )
            #expect(echoed.status == 200)
            #expect(echoed.body == payload)

            let counted = try await curl(
                "https://127.0.0.1:\(server.port)/count", ["--http2", "--data-binary", "@\(file.path)"]
            )
            #expect(counted.text == "\(payload.count)")
        }
    }

    @Test func http2StreamsResponses() async throws {
        let certificate = try await TestCertificate.make()
        defer { certificate.remove() }
        let app = try Self.makeServedApp(certificate)
        try await app.withLiveServer { server in
            let streamed = try await curl("https://127.0.0.1:\(server.port)/stream", ["--http2"])
            #expect(streamed.httpVersion == "2")
            #expect(streamed.status == 200)
            #expect(streamed.text == (0..<5).map { "chunk \($0)\n" }.joined())
            #expect(streamed.headers["content-length"] == nil)
            #expect(streamed.headers["transfer-encoding"] == nil)

            let big = try await curl("https://127.0.0.1:\(server.port)/big", ["--http2"])
            #expect(big.status == 200)
            #expect(big.headers["content-length"] == "\(4 << 20)")
            #expect(big.body.count == 4 << 20)
            #expect(big.body.allSatisfy { $0 == UInt8(ascii: "z") })
        }
    }

    @Test func http2HeadSendsTheHeadersOnly() async throws {
        let certificate = try await TestCertificate.make()
        defer { certificate.remove() }
        let app = try Self.makeServedApp(certificate)
        try await app.withLiveServer { server in
            let head = try await curl("https://127.0.0.1:\(server.port)/hello", ["--http2", "--head"])
            #expect(head.httpVersion == "2")
            #expect(head.status == 200)
            #expect(head.headers["content-length"] == "14")
            #expect(!head.text.contains("Hello over TLS"))
            let streamedHead = try await curl("https://127.0.0.1:\(server.port)/big", ["--http2", "--head"])
            #expect(streamedHead.status == 200)
            #expect(streamedHead.headers["content-length"] == "\(4 << 20)")
        }
    }

    @Test func http2ErrorsMapToStatusCodes() async throws {
        let certificate = try await TestCertificate.make()
        defer { certificate.remove() }
        let app = try Self.makeServedApp(certificate)
        try await app.withLiveServer { server in
            let base = "https://127.0.0.1:\(server.port)"
            #expect(try await curl("\(base)/nothing", ["--http2"]).status == 404)
            #expect(try await curl("\(base)/fail", ["--http2"]).status == 500)
            let forbidden = try await curl("\(base)/forbidden", ["--http2"])
            #expect(forbidden.status == 403)
            #expect(forbidden.headers["x-middleware"] == "ran")
            #expect(try await curl("\(base)/hello", ["--http2", "-X", "DELETE"]).status == 405)
            let tooLarge = try await curl(
                "\(base)/small", ["--http2", "--data-binary", String(repeating: "x", count: 1000)]
            )
            #expect(tooLarge.httpVersion == "2")
            #expect(tooLarge.status == 413)
        }
    }

    @Test func http2EnforcesTheServersHeadLimits() async throws {
        let certificate = try await TestCertificate.make()
        defer { certificate.remove() }
        let app = try Self.makeServedApp(certificate)
        app.serverConfiguration.limits.maxHeaderCount = 20
        app.serverConfiguration.limits.maxURILength = 256
        try await app.withLiveServer { server in
            let base = "https://127.0.0.1:\(server.port)"
            let manyHeaders = (0..<40).flatMap { ["-H", "x-extra-\($0): \($0)"] }
            let tooMany = try await curl("\(base)/hello", ["--http2"] + manyHeaders)
            #expect(tooMany.httpVersion == "2")
            #expect(tooMany.status == 431)
            let longPath = "/hello?" + String(repeating: "a", count: 400)
            let tooLong = try await curl("\(base)\(longPath)", ["--http2"])
            #expect(tooLong.status == 414)
            let fine = try await curl("\(base)/hello", ["--http2"])
            #expect(fine.status == 200)
        }
    }

    @Test func http2MultiplexesRequestsOnOneConnection() async throws {
        let certificate = try await TestCertificate.make()
        defer { certificate.remove() }
        let app = try Self.makeServedApp(certificate)
        try await app.withLiveServer { server in
            let url = "https://127.0.0.1:\(server.port)/connection"
            // One curl run: the transfers share one connection, as parallel streams.
            let result = try await runTool("curl", ["-sS", "-k", "--http2", "--parallel", url, url, url])
            #expect(result.status == 0, "\(result.stderr)")
            let lines = result.stdout.split(separator: "\n")
            #expect(lines.count == 3)
            let connections = Set(lines.map { $0.split(separator: ":")[0] })
            #expect(connections.count == 1)
            #expect(Set(lines.map { $0.split(separator: ":")[1] }) == ["1", "2", "3"])
        }
    }

    @Test func http1OverTLSStillWorks() async throws {
        let certificate = try await TestCertificate.make()
        defer { certificate.remove() }
        let app = try Self.makeServedApp(certificate)
        try await app.withLiveServer { server in
            let base = "https://localhost:\(server.port)"
            let hello = try await curl("\(base)/hello", ["--http1.1"])
            #expect(hello.httpVersion == "1.1")
            #expect(hello.status == 200)
            #expect(hello.text == "Hello over TLS")
            #expect(hello.headers["x-middleware"] == "ran")
            let whoami = try await curl("\(base)/whoami", ["--http1.1"])
            #expect(whoami.text == "https true localhost:\(server.port) https://localhost:\(server.port)/whoami")
            let echoed = try await curl("\(base)/echo", ["--http1.1", "--data-binary", "over tls"])
            #expect(echoed.text == "over tls")
            #expect(try await curl("\(base)/stream", ["--http1.1"]).text.hasSuffix("chunk 4\n"))
            #expect(try await curl("\(base)/fail", ["--http1.1"]).status == 500)
            // A client that offers no protocol by ALPN gets HTTP/1.1.
            let withoutALPN = try await curl("\(base)/hello", ["--no-alpn"])
            #expect(withoutALPN.httpVersion == "1.1")
            #expect(withoutALPN.text == "Hello over TLS")
        }
    }

    @Test func offersOnlyHTTP1WhenHTTP2IsOff() async throws {
        let certificate = try await TestCertificate.make()
        defer { certificate.remove() }
        let app = try Self.makeServedApp(certificate)
        app.serverConfiguration.transport = try certificate.transport(http2: nil)
        try await app.withLiveServer { server in
            let response = try await curl("https://127.0.0.1:\(server.port)/hello", ["--http2"])
            #expect(response.httpVersion == "1.1")
            #expect(response.text == "Hello over TLS")
        }
    }

    @Test func plainHTTPWithoutATransportIsUnchanged() async throws {
        let certificate = try await TestCertificate.make()
        defer { certificate.remove() }
        let app = try Self.makeServedApp(certificate)
        app.serverConfiguration.transport = nil
        try await app.withLiveServer { server in
            let response = try await curl("http://127.0.0.1:\(server.port)/whoami")
            #expect(response.httpVersion == "1.1")
            #expect(response.text.hasPrefix("http false"))
        }
    }
}
