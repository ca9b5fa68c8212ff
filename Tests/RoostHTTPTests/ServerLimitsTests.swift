import HTTPTypes
import NIOCore
import RoostHTTP
import RoostTesting
import Synchronization
import Testing

/// Each limit and each rejection over a real socket: the right status (or a clean close),
/// and the next connection is served normally.
@Suite struct ServerLimitsTests {
    /// Sends `bytes` on a fresh connection and returns the response and whether the server
    /// then closed the connection.
    private func exchange(_ bytes: String, server: LiveServer) async throws -> (RawHTTPResponse, closed: Bool) {
        let connection = try await server.connect()
        try await connection.send(bytes)
        let response = try await connection.readResponse()
        let closed = try await connection.isClosedByServer()
        return (response, closed)
    }

    private func expectServerStillServes(_ server: LiveServer) async throws {
        let response = try await server.request("/after")
        #expect(response.status == 200)
    }

    @Test func answers431WhenTheHeadIsTooLarge() async throws {
        try await withLiveServer(responder: echoResponder, configuration: .tests()) { server in
            let big = String(repeating: "a", count: 70 * 1024)
            let (response, closed) = try await exchange("GET / HTTP/1.1\r\nHost: x\r\nX-Big: \(big)\r\n\r\n", server: server)
            #expect(response.status == 431)
            #expect(closed)
            try await expectServerStillServes(server)
        }
    }

    @Test func answers414WhenTheURIIsTooLong() async throws {
        try await withLiveServer(responder: echoResponder, configuration: .tests()) { server in
            let path = "/" + String(repeating: "p", count: 9 * 1024)
            let (response, closed) = try await exchange("GET \(path) HTTP/1.1\r\nHost: x\r\n\r\n", server: server)
            #expect(response.status == 414)
            #expect(closed)
            try await expectServerStillServes(server)
        }
    }

    @Test func answers414BeforeAnEndlessRequestLineEnds() async throws {
        try await withLiveServer(responder: echoResponder, configuration: .tests()) { server in
            let connection = try await server.connect()
            try await connection.send("GET /" + String(repeating: "p", count: 20 * 1024))
            #expect(try await connection.readResponse().status == 414)
        }
    }

    @Test func limitsAreConfigurable() async throws {
        let configuration = HTTPServerConfiguration.tests {
            $0.limits.maxURILength = 64
            $0.limits.maxHeadBytes = 512
            $0.limits.maxHeaderCount = 4
        }
        try await withLiveServer(responder: echoResponder, configuration: configuration) { server in
            let longPath = "/" + String(repeating: "p", count: 100)
            #expect(try await exchange("GET \(longPath) HTTP/1.1\r\nHost: x\r\n\r\n", server: server).0.status == 414)
            let headers = (0..<5).map { "X-\($0): v\r\n" }.joined()
            #expect(try await exchange("GET / HTTP/1.1\r\nHost: x\r\n\(headers)\r\n", server: server).0.status == 431)
            try await expectServerStillServes(server)
        }
    }

    @Test func answers413WithoutReadingADeclaredBodyOverTheLimit() async throws {
        let limited = ClosureResponder { _, body, _ in
            let bytes = try await body.collect(upTo: 1024)
            return .text("got \(bytes.readableBytes)")
        }
        let mapping = ClosureResponder { request, body, context in
            do {
                return try await limited.respond(to: request, body: body, context: context)
            } catch is RequestBodyTooLargeError {
                return .text("too large", status: .contentTooLarge)
            }
        }
        try await withLiveServer(responder: mapping, configuration: .tests()) { server in
            let connection = try await server.connect()
            // Declares 100 MiB but sends none of it: the answer must come without the body.
            try await connection.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 104857600\r\n\r\n")
            let response = try await connection.readResponse()
            #expect(response.status == 413)
            #expect(response.header("connection") == "close")
            #expect(try await connection.isClosedByServer())
            try await expectServerStillServes(server)
        }
    }

    @Test(arguments: [
        ("both lengths", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"),
        ("two lengths", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nContent-Length: 5\r\n\r\nabcde"),
        ("no host", "GET / HTTP/1.1\r\n\r\n"),
        ("two hosts", "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n"),
        ("bad header byte", "GET / HTTP/1.1\r\nHost: x\r\nX-A: a\u{7F}b\r\n\r\n"),
        ("bad chunk", "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nxyz\r\n"),
        ("garbage", "\u{16}\u{03}\u{01}\u{02}\u{00}\u{01}\u{00}\u{01}\u{fc}\u{03}\u{03}\r\n\r\n"),
    ])
    func rejectsMalformedRequestsWith400AndCloses(_ name: String, _ bytes: String) async throws {
        try await withLiveServer(responder: echoResponder, configuration: .tests()) { server in
            let (response, closed) = try await exchange(bytes, server: server)
            #expect(response.status == 400, "\(name)")
            #expect(closed, "\(name)")
            try await expectServerStillServes(server)
        }
    }

    @Test func closesASlowLorisClientWith408() async throws {
        let configuration = HTTPServerConfiguration.tests { $0.timeouts.headerRead = .seconds(1) }
        try await withLiveServer(responder: echoResponder, configuration: configuration) { server in
            let connection = try await server.connect()
            try await connection.send("GET / HTTP/1.1\r\n")
            // Trickle header lines, but stop well before the deadline: a line sent after the
            // server closed would make the kernel answer with a reset that discards the 408.
            let start = ContinuousClock.now
            while true {
                try await Task.sleep(for: .milliseconds(100))
                guard ContinuousClock.now - start < .milliseconds(600) else { break }
                try await connection.send("X-Slow: 1\r\n")
            }
            let response = try await connection.readResponse()
            #expect(response.status == 408)
            #expect(try await connection.isClosedByServer())
            try await expectServerStillServes(server)
        }
    }

    @Test func closesAConnectionThatNeverSendsARequest() async throws {
        let configuration = HTTPServerConfiguration.tests { $0.timeouts.headerRead = .milliseconds(200) }
        try await withLiveServer(responder: echoResponder, configuration: configuration) { server in
            let connection = try await server.connect()
            #expect(try await connection.isClosedByServer(within: .seconds(5)))
        }
    }

    @Test func closesAnIdleKeptAliveConnection() async throws {
        let configuration = HTTPServerConfiguration.tests { $0.timeouts.idle = .milliseconds(200) }
        try await withLiveServer(responder: echoResponder, configuration: configuration) { server in
            let connection = try await server.connect()
            try await connection.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(try await connection.readResponse().status == 200)
            #expect(try await connection.isClosedByServer(within: .seconds(5)))
        }
    }

    @Test func timesOutAStalledBody() async throws {
        let configuration = HTTPServerConfiguration.tests { $0.timeouts.bodyRead = .milliseconds(200) }
        try await withLiveServer(responder: echoResponder, configuration: configuration) { server in
            let connection = try await server.connect()
            try await connection.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc")
            let response = try await connection.readResponse()
            #expect(response.status == 408)
            #expect(try await connection.isClosedByServer())
        }
    }

    @Test func stopsAcceptingAtTheConnectionCapAndResumesWhenOneCloses() async throws {
        let configuration = HTTPServerConfiguration.tests { $0.limits.maxConnections = 2 }
        try await withLiveServer(responder: echoResponder, configuration: configuration) { server in
            let first = try await server.connect()
            let second = try await server.connect()
            try await first.send("GET /1 HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(try await first.readResponse().status == 200)
            try await second.send("GET /2 HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(try await second.readResponse().status == 200)

            // The third client completes its TCP handshake in the backlog but is not served…
            let third = try await server.connect()
            try await third.send("GET /3 HTTP/1.1\r\nHost: x\r\n\r\n")
            let answered = Mutex(false)
            let waiting = Task {
                let response = try await third.readResponse()
                answered.withLock { $0 = true }
                return response
            }
            try await Task.sleep(for: .milliseconds(300))
            #expect(answered.withLock { $0 } == false)
            // …until a slot frees up.
            await first.close()
            let response = try await waiting.value
            #expect(response.header("x-path") == "/3")
        }
    }
}
