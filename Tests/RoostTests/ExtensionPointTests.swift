import Roost
import RoostTesting
import Testing

/// The hooks other Roost modules (RoostSecurity, RoostSessions) build on: typed route
/// attributes with group defaults, app storage, error responses from middleware, correctable
/// connection facts, and the test client's host and scheme.
@Suite struct ExtensionPointTests {
    enum TagKey: RouteAttributeKey { typealias Value = String }
    enum LimitKey: AppStorageKey { typealias Value = Int }

    static func tagged(_ tag: String) -> RouteOptions {
        var options = RouteOptions()
        options.attributes[TagKey.self] = tag
        return options
    }

    @Test func groupOptionsAreDefaultsThatRoutesOverride() async throws {
        let app = App(settings: try Settings())
        app.use { req, next in
            var response = try await next(req)
            response.headerFields[.init("X-Tag")!] = req.route?.options.attributes[TagKey.self] ?? "-"
            response.headerFields[.init("X-Limit")!] = req.route.map { "\($0.options.bodyLimit ?? 0)" } ?? "-"
            return response
        }
        app.group("/g", options: Self.tagged("group")) { group in
            group.get("/a") { _ in "a" }
            group.get("/b", options: Self.tagged("route")) { _ in "b" }
            group.group("/inner", options: RouteOptions(bodyLimit: 5)) { inner in
                inner.get("/c") { _ in "c" }
            }
        }
        let blueprint = Blueprint("bp")
        blueprint.group("/", options: Self.tagged("blueprint")) { group in group.get("/d") { _ in "d" } }
        app.register(blueprint, at: "/bp")
        app.get("/plain") { _ in "plain" }
        let client = try app.testClient()
        #expect(try await client.get("/g/a").headers[.init("X-Tag")!] == "group")
        #expect(try await client.get("/g/b").headers[.init("X-Tag")!] == "route")
        let inner = try await client.get("/g/inner/c")
        #expect(inner.headers[.init("X-Tag")!] == "group")
        #expect(inner.headers[.init("X-Limit")!] == "5")
        #expect(try await client.get("/bp/d").headers[.init("X-Tag")!] == "blueprint")
        #expect(try await client.get("/plain").headers[.init("X-Tag")!] == "-")
    }

    @Test func appStorageReachesRequests() async throws {
        let app = App(settings: try Settings())
        app.storage[LimitKey.self] = 42
        app.get("/limit") { req in "\(req.app.storage[LimitKey.self] ?? 0)" }
        #expect(app.storage[LimitKey.self] == 42)
        #expect(try await app.testClient().get("/limit").text == "42")
    }

    @Test func middlewareCanAnswerWithTheAppsErrorResponse() async throws {
        struct Refused: Error {}
        let app = App(settings: try Settings())
        app.onError(Refused.self) { _, _ in Response.text("refused nicely", status: .forbidden) }
        app.use { req, next in
            var response = req.path == "/no" ? await req.errorResponse(for: Refused()) : try await next(req)
            response.headerFields[.init("X-Outer")!] = "seen"
            return response
        }
        app.get("/no") { _ in "never" }
        app.get("/teapot") { req in await req.errorResponse(for: HTTPError(.conflict)) }
        let client = try app.testClient()
        let refused = try await client.get("/no")
        #expect(refused.status == .forbidden && refused.text == "refused nicely")
        #expect(refused.headers[.init("X-Outer")!] == "seen")
        #expect(try await client.get("/teapot").status == .conflict)
    }

    @Test func middlewareCanCorrectConnectionFacts() async throws {
        let app = App(settings: try Settings())
        app.use { req, next in
            var req = req
            req.connection.isSecure = true
            req.connection.remoteAddress = "203.0.113.5"
            return try await next(req)
        }
        app.get("/who") { req in "\(req.scheme) \(req.connection.remoteAddress ?? "-")" }
        #expect(try await app.testClient().get("/who").text == "https 203.0.113.5")
    }

    @Test func testClientHostAndScheme() async throws {
        let app = App(settings: try Settings())
        app.get("/url") { req in req.url }
        #expect(try await app.testClient().get("/url").text == "http://localhost/url")
        #expect(try await app.testClient(host: "example.com:8443", isSecure: true).get("/url").text == "https://example.com:8443/url")
    }

    @Test func secretKeyFallbacksSetting() throws {
        #expect(try Settings().secretKeyFallbacks.isEmpty)
        #expect(try Settings(["SECRET_KEY_FALLBACKS": "old-one, older"]).secretKeyFallbacks == ["old-one", "older"])
    }
}
