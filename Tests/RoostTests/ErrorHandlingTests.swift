import InMemoryLogging
import Logging
import Roost
import RoostTesting
import Testing

struct DatabaseExploded: Error, CustomStringConvertible {
    var description: String { "password=hunter2 at db.internal:5432" }
}

@Suite struct ErrorHandlingTests {
    private func app(debug: Bool) throws -> App {
        let app = try makeApp(["DEBUG": debug ? "true" : "false"])
        app.get("/boom") { _ -> String in throw DatabaseExploded() }
        app.get("/teapot") { _ -> String in throw HTTPError(.init(code: 418), "short and stout") }
        return app
    }

    @Test func hidesInternalsWhenDebugIsOff() async throws {
        let response = try await app(debug: false).testClient().get("/boom")
        #expect(response.status == .internalServerError)
        #expect(!response.text.contains("hunter2"))
        #expect(!response.text.contains("DatabaseExploded"))
    }

    @Test func showsTheDebugPageWhenDebugIsOn() async throws {
        let client = try app(debug: true).testClient()
        let response = try await client.get("/boom", headers: [.init("X-Probe")!: "<script>"])
        #expect(response.status == .internalServerError)
        #expect(response.text.contains("DatabaseExploded"))
        #expect(response.text.contains("hunter2"))
        #expect(response.text.contains("ErrorHandlingTests.swift"))
        #expect(response.text.contains("&lt;script&gt;"))
        #expect(!response.text.contains("<script>"))
        let notFound = try await client.get("/missing")
        #expect(notFound.text.contains("Routes tried"))
        #expect(notFound.text.contains("/teapot"))
    }

    @Test func rendersHTTPErrorsAsHTMLOrJSON() async throws {
        let client = try app(debug: false).testClient()
        let html = try await client.get("/teapot")
        #expect(html.status.code == 418)
        #expect(html.text.contains("short and stout"))
        let json = try await client.get("/teapot", headers: [.accept: "application/json"])
        #expect(json.text == #"{"error":"short and stout","status":418}"#)
        #expect(!(try await client.get("/missing")).text.contains("Routes tried"))
    }

    @Test func runsHandlersByTypeAndStatus() async throws {
        let app = try app(debug: false)
        app.onError(DatabaseExploded.self) { _, _ in Response.text("database down", status: .serviceUnavailable) }
        app.onError(.notFound) { req, _ in "no \(req.path)" }
        let client = try app.testClient()
        let down = try await client.get("/boom")
        #expect(down.status == .serviceUnavailable)
        #expect(down.text == "database down")
        #expect(try await client.get("/x").text == "no /x")
    }

    @Test func fallsBackWhenAnErrorHandlerThrows() async throws {
        let app = try app(debug: false)
        app.onError(.internalServerError) { _, _ -> Response in throw DatabaseExploded() }
        let response = try await app.testClient().get("/boom")
        #expect(response.status == .internalServerError)
        #expect(!response.text.contains("hunter2"))
    }

    @Test func runsMiddlewareInOrderAndLetsItShortCircuit() async throws {
        let app = try makeApp()
        app.use { req, next in
            var response = try await next(req)
            response.headerFields.append(HTTPField(name: .init("X-Trace")!, value: "outer"))
            return response
        }
        app.use { req, next in
            if req.query["block"] != nil { return Response.text("blocked", status: .forbidden) }
            var response = try await next(req)
            response.headerFields.append(HTTPField(name: .init("X-Trace")!, value: "inner"))
            return response
        }
        app.get("/") { _ in "handler" }
        let client = try app.testClient()
        let normal = try await client.get("/")
        #expect(normal.headers[values: .init("X-Trace")!] == ["inner", "outer"])
        let blocked = try await client.get("/?block=1")
        #expect(blocked.status == .forbidden)
        #expect(blocked.headers[values: .init("X-Trace")!] == ["outer"])
        #expect(try await client.get("/missing").headers[values: .init("X-Trace")!] == ["inner", "outer"])
    }

    @Test func reportsMisconfiguredRoutesWithTheirLocation() throws {
        let app = try makeApp()
        app.get("no-slash") { _ in "" }
        app.get("/a/<bogus:x>") { (_, x: String) in x }
        app.get("/b/<int:id>") { (_, id: String, extra: Int) in "\(id)\(extra)" }
        app.get("/c/<id>") { (_, id: Int) in "\(id)" }
        app.get("/d") { _ in "1" }
        app.get("/d") { _ in "2" }
        app.get("/e", name: "same") { _ in "" }
        app.get("/f", name: "same") { _ in "" }
        #expect {
            _ = try app.responder()
        } throws: { error in
            let text = "\(error)"
            return text.contains("must start with '/'") && text.contains("unknown converter 'bogus'")
                && text.contains("has 1 placeholder(s) but its handler takes 2")
                && text.contains("cannot become Int") && text.contains("registered twice")
                && text.contains("'same' is already used") && text.contains("ErrorHandlingTests.swift:")
        }
    }

    /// The messages logged at `error` and above.
    static func errorLines(_ logs: InMemoryLogHandler) -> [String] {
        logs.entries.filter { $0.level >= .error }.map { "\($0.message)" }
    }

    /// A request cancelled because its connection closed is no app error: it is logged at
    /// debug level. A handler that throws CancellationError without being cancelled still is.
    @Test func cancelledRequestsAreNotLoggedAsErrors() async throws {
        let logs = InMemoryLogHandler()
        let app = App(settings: try Settings(["DEBUG": "false"]), logger: Logger(label: "test") { _ in logs })
        app.get("/cancelled") { _ -> String in
            withUnsafeCurrentTask { $0?.cancel() }
            throw CancellationError()
        }
        app.get("/confused") { _ -> String in throw CancellationError() }
        let client = try app.testClient()
        // In a task of its own: the handler cancels the task it runs in.
        await Task { _ = try? await client.get("/cancelled") }.value
        #expect(Self.errorLines(logs).isEmpty)
        #expect(try await client.get("/confused").status == .internalServerError)
        #expect(Self.errorLines(logs).contains { $0.contains("Unhandled error in GET /confused") })
    }
}
