import Foundation
import NIOCore
import Roost
import RoostTesting
import Testing

/// The app through a real socket and the NIO server.
@Suite struct EndToEndTests {
    @Test func servesRoutesStaticFilesAndErrorsOverASocket() async throws {
        let fixture = try StaticFileTests.Fixture()
        let app = try makeApp()
        app.get("/hello/<name>") { (_, name: String) in "Hello, \(name)!" }
        app.post("/echo", options: RouteOptions(bodyLimit: 1024)) { req in
            Response(body: .init(buffer: try await req.collectBody()))
        }
        app.serveStatic("/static", from: fixture.root)
        try await app.withLiveServer { server in
            #expect(try await server.request("/hello/w%C3%B6rld").text == "Hello, wörld!")
            let ranged = try await server.request("/static/digits.txt", headers: [("Range", "bytes=3-5")])
            #expect(ranged.status == 206)
            #expect(ranged.text == "345")
            #expect(try await server.request("/static/../secret.txt").status == 404)
            #expect(try await server.request("/echo", method: "POST", body: Array("ping".utf8)).text == "ping")
            let tooLarge = try await server.request("/echo", method: "POST", body: Array(repeating: 1, count: 2048))
            #expect(tooLarge.status == 413)
            let missing = try await server.request("/nothing")
            #expect(missing.status == 404)
            let head = try await server.request("/hello/x", method: "HEAD")
            #expect(head.header("content-length") == "9")
        }
    }

    @Test func refusesADeclaredBodyOverTheRouteLimitWithoutReadingIt() async throws {
        let app = try makeApp()
        app.post("/small", options: RouteOptions(bodyLimit: 100)) { req in "\(try await req.collectBody().readableBytes)" }
        try await app.withLiveServer { server in
            let connection = try await server.connect()
            try await connection.send("POST /small HTTP/1.1\r\nHost: x\r\nContent-Length: 1073741824\r\n\r\n")
            let response = try await connection.readResponse()
            #expect(response.status == 413)
            #expect(try await connection.isClosedByServer())
        }
    }
}
