import HTTPTypes
import NIOCore
import RoostHTTP
import RoostTesting
import Testing

@Suite struct HTTPServerTests {
    @Test func servesSeveralRequestsOnOneKeptAliveConnection() async throws {
        try await withLiveServer(responder: echoResponder, configuration: .tests()) { server in
            let connection = try await server.connect()
            for index in 0..<3 {
                try await connection.send("GET /n/\(index) HTTP/1.1\r\nHost: x\r\n\r\n")
                let response = try await connection.readResponse()
                #expect(response.status == 200)
                #expect(response.header("x-path") == "/n/\(index)")
                #expect(response.header("date") != nil)
                #expect(response.header("connection") == nil)
            }
            await connection.close()
        }
    }

    @Test func answersPipelinedRequestsInOrderEvenWhenTheFirstIsSlow() async throws {
        let responder = ClosureResponder { request, _, _ in
            if request.path == "/slow" { try await Task.sleep(for: .milliseconds(200)) }
            return .text(request.path ?? "")
        }
        try await withLiveServer(responder: responder, configuration: .tests()) { server in
            let connection = try await server.connect()
            let requests = ["/slow", "/fast", "/slow", "/fast", "/last"]
                .map { "GET \($0) HTTP/1.1\r\nHost: x\r\n\r\n" }.joined()
            try await connection.send(requests)
            var bodies: [String] = []
            for _ in 0..<5 { bodies.append(try await connection.readResponse().text) }
            #expect(bodies == ["/slow", "/fast", "/slow", "/fast", "/last"])
        }
    }

    @Test func answersHeadWithoutABodyButWithTheLength() async throws {
        try await withLiveServer(responder: ClosureResponder { _, _, _ in .text("twelve bytes") }, configuration: .tests()) {
            server in
            let connection = try await server.connect()
            try await connection.send("HEAD / HTTP/1.1\r\nHost: x\r\n\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n")
            let head = try await connection.readResponse(isHeadRequest: true)
            #expect(head.header("content-length") == "12")
            let get = try await connection.readResponse()
            #expect(get.text == "twelve bytes")
        }
    }

    @Test func readsAChunkedRequestBody() async throws {
        try await withLiveServer(responder: echoResponder, configuration: .tests()) { server in
            let connection = try await server.connect()
            try await connection.send("POST /c HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n")
            try await Task.sleep(for: .milliseconds(50))
            try await connection.send("7\r\n, world\r\n0\r\n\r\n")
            let response = try await connection.readResponse()
            #expect(response.text == "hello, world")
        }
    }

    @Test func streamsAResponseWithChunkedEncodingWhenTheLengthIsUnknown() async throws {
        let responder = ClosureResponder { _, _, _ in
            Response(body: ResponseBody(contentLength: nil) { writer in
                for index in 0..<5 { try await writer.write(ByteBuffer(string: "part\(index);")) }
            })
        }
        try await withLiveServer(responder: responder, configuration: .tests()) { server in
            let connection = try await server.connect()
            try await connection.send("GET / HTTP/1.1\r\nHost: x\r\n\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n")
            for _ in 0..<2 {
                let response = try await connection.readResponse()
                #expect(response.header("transfer-encoding") == "chunked")
                #expect(response.text == "part0;part1;part2;part3;part4;")
            }
        }
    }

    @Test func closesAfterAnUnframedStreamToAnHTTP10Client() async throws {
        let responder = ClosureResponder { _, _, _ in
            Response(body: ResponseBody(contentLength: nil) { writer in try await writer.write(ByteBuffer(string: "old")) })
        }
        try await withLiveServer(responder: responder, configuration: .tests()) { server in
            let connection = try await server.connect()
            try await connection.send("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
            let response = try await connection.readResponse()
            #expect(response.text == "old")
            #expect(response.header("connection") == "close")
        }
    }

    @Test func sends100ContinueOnlyWhenTheHandlerReadsTheBody() async throws {
        try await withLiveServer(responder: echoResponder, configuration: .tests()) { server in
            let connection = try await server.connect()
            try await connection.send("PUT /up HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n")
            let interim = try await connection.readResponse()
            #expect(interim.status == 100)
            try await connection.send("data")
            let final = try await connection.readResponse()
            #expect(final.status == 200)
            #expect(final.text == "data")
        }
        let refusing = ClosureResponder { _, _, _ in .text("no", status: .unauthorized) }
        try await withLiveServer(responder: refusing, configuration: .tests()) { server in
            let connection = try await server.connect()
            try await connection.send("PUT /up HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n")
            let response = try await connection.readResponse()
            #expect(response.status == 401)
            #expect(response.header("connection") == "close")
            #expect(try await connection.isClosedByServer())
        }
    }

    @Test func drainsAnUnreadSmallBodyAndKeepsTheConnection() async throws {
        let ignoring = ClosureResponder { request, _, _ in .text(request.path ?? "") }
        try await withLiveServer(responder: ignoring, configuration: .tests()) { server in
            let connection = try await server.connect()
            try await connection.send("POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhel")
            #expect(try await connection.readResponse().text == "/a")
            try await connection.send("lo")
            try await connection.send("GET /b HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(try await connection.readResponse().text == "/b")
        }
    }

    @Test func turnsAThrowingResponderIntoA500() async throws {
        struct Boom: Error {}
        try await withLiveServer(responder: ClosureResponder { _, _, _ in throw Boom() }, configuration: .tests()) { server in
            let response = try await server.request("/")
            #expect(response.status == 500)
            #expect(!response.text.contains("Boom"))
        }
    }

    @Test func reportsTheClientAddressAndConnectionNumbers() async throws {
        let responder = ClosureResponder { _, _, context in
            .text("\(context.remoteAddress ?? "-") \(context.requestNumber)")
        }
        try await withLiveServer(responder: responder, configuration: .tests()) { server in
            let connection = try await server.connect()
            try await connection.send("GET / HTTP/1.1\r\nHost: x\r\n\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(try await connection.readResponse().text == "127.0.0.1 1")
            #expect(try await connection.readResponse().text == "127.0.0.1 2")
        }
    }

    @Test func letsATransportTakeOverConnections() async throws {
        struct MarkingTransport: ServerTransport {
            func configure(_ channel: any Channel, installer: ConnectionHTTPInstaller) -> EventLoopFuture<Void> {
                channel.eventLoop.makeCompletedFuture { try installer.installHTTP1(on: channel, isSecure: true) }
            }
        }
        let responder = ClosureResponder { request, _, context in .text("\(context.isSecure) \(request.scheme ?? "-")") }
        try await withLiveServer(responder: responder, configuration: .tests { $0.transport = MarkingTransport() }) { server in
            let response = try await server.request("/")
            #expect(response.text == "true https")
        }
    }
}
