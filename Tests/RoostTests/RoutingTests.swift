import Foundation
import Roost
import RoostTesting
import Testing

@Suite struct RoutingTests {
    @Test func answersAHelloWorldAsPlainText() async throws {
        let app = try makeApp()
        app.get("/") { _ in "Hello, world!" }
        let response = try await app.testClient().get("/")
        #expect(response.status == .ok)
        #expect(response.text == "Hello, world!")
        #expect(response.headers[.contentType] == "text/plain; charset=utf-8")
    }

    @Test func passesTypedPlaceholdersToTheHandler() async throws {
        let app = try makeApp()
        app.get("/posts/<int:id>") { (_, id: Int) in "post \(id + 1)" }
        app.get("/users/<uuid:id>") { (_, id: UUID) in id.uuidString }
        app.get("/tags/<slug:tag>/<int:page>") { (_, tag: String, page: Int) in "\(tag) p\(page)" }
        app.get("/files/<path:rest>") { (_, rest: String) in rest }
        app.get("/price/<float:amount>") { (_, amount: Double) in "\(amount * 2)" }
        let client = try app.testClient()
        #expect(try await client.get("/posts/41").text == "post 42")
        #expect(try await client.get("/users/1B4E28BA-2FA1-11D2-883F-0016D3CCA427").text == "1B4E28BA-2FA1-11D2-883F-0016D3CCA427")
        #expect(try await client.get("/tags/swift-nio/3").text == "swift-nio p3")
        #expect(try await client.get("/files/a/b/c.txt").text == "a/b/c.txt")
        #expect(try await client.get("/price/1.5").text == "3.0")
        #expect(try await client.get("/posts/abc").status == .notFound)
        #expect(try await client.get("/users/not-a-uuid").status == .notFound)
        #expect(try await client.get("/tags/not a slug/1").status == .notFound)
    }

    @Test func prefersLiteralsThenStricterConverters() async throws {
        let app = try makeApp()
        app.get("/users/<name>") { (_, name: String) in "name \(name)" }
        app.get("/users/<int:id>") { (_, id: Int) in "id \(id)" }
        app.get("/users/me") { _ in "me" }
        let client = try app.testClient()
        #expect(try await client.get("/users/me").text == "me")
        #expect(try await client.get("/users/7").text == "id 7")
        #expect(try await client.get("/users/ada").text == "name ada")
    }

    @Test func decodesPercentEncodedSegmentsWithoutSplittingOnEncodedSlashes() async throws {
        let app = try makeApp()
        app.get("/echo/<word>") { (_, word: String) in word }
        app.get("/café") { _ in "literal" }
        let client = try app.testClient()
        #expect(try await client.get("/echo/a%20b").text == "a b")
        #expect(try await client.get("/echo/a%2Fb").text == "a/b")
        #expect(try await client.get("/caf%C3%A9").text == "literal")
        #expect(try await client.get("/echo/%zz").status == .notFound)
    }

    @Test func answersHeadFromGetOptionsAnd405() async throws {
        let app = try makeApp()
        app.get("/thing") { _ in "thing" }
        app.post("/thing") { _ in "made" }
        let client = try app.testClient()
        let head = try await client.head("/thing")
        #expect(head.status == .ok)
        #expect(head.body.isEmpty)
        let options = try await client.request(.options, "/thing")
        #expect(options.status == .noContent)
        #expect(options.headers[.allow] == "GET, POST, HEAD, OPTIONS")
        let wrong = try await client.request(.put, "/thing")
        #expect(wrong.status == .methodNotAllowed)
        #expect(wrong.headers[.allow] == "GET, POST, HEAD, OPTIONS")
    }

    @Test func redirectsToTheCanonicalTrailingSlash() async throws {
        let app = try makeApp()
        app.get("/docs/") { _ in "docs" }
        app.get("/about") { _ in "about" }
        let client = try app.testClient()
        let redirect = try await client.get("/docs?page=2")
        #expect(redirect.status == .permanentRedirect)
        #expect(redirect.headers[.location] == "/docs/?page=2")
        #expect(try await client.get("/docs/").text == "docs")
        #expect(try await client.get("/about/").status == .notFound)
        #expect(try await app.testClient(followRedirects: true).get("/docs").text == "docs")
    }

    @Test func buildsURLsForNamedRoutesWithEscaping() async throws {
        let app = try makeApp()
        app.get("/posts/<int:id>", name: "post") { (req, id: Int) in
            try req.app.urlFor("post", ["id": id + 1, "q": "a b&c"])
        }
        app.get("/search/<term>", name: "search") { (_, term: String) in term }
        app.get("/files/<path:name>", name: "file") { (_, name: String) in name }
        #expect(try await app.testClient().get("/posts/1").text == "/posts/2?q=a%20b%26c")
        #expect(try app.urlFor("search", ["term": "a/b c"]) == "/search/a%2Fb%20c")
        #expect(try app.urlFor("file", ["name": "dir/my file.txt"]) == "/files/dir/my%20file.txt")
        #expect(throws: URLBuildError.self) { try app.urlFor("post", [:]) }
        #expect(throws: URLBuildError.self) { try app.urlFor("post", ["id": "seven"]) }
        #expect(throws: URLBuildError.self) { try app.urlFor("nope") }
    }

    @Test func groupsShareAPrefixAndMiddleware() async throws {
        let app = try makeApp()
        let tag = ClosureMiddleware { req, next in
            var response = try await next(req)
            response.headerFields[.init("X-Group")!] = "api"
            return response
        }
        app.group("/api", middleware: [tag]) { api in
            api.get("/") { _ in "api root" }
            api.get("/items/<int:id>") { (_, id: Int) in "item \(id)" }
            api.group("/v2") { v2 in v2.get("/ping") { _ in "pong" } }
        }
        app.get("/outside") { _ in "outside" }
        let client = try app.testClient()
        let root = try await client.get("/api/")
        #expect(root.text == "api root")
        #expect(root.headers[.init("X-Group")!] == "api")
        #expect(try await client.get("/api/items/3").text == "item 3")
        #expect(try await client.get("/api/v2/ping").headers[.init("X-Group")!] == "api")
        #expect(try await client.get("/outside").headers[.init("X-Group")!] == nil)
    }

    @Test func mountsABlueprintTwiceWithQualifiedNames() async throws {
        let app = try makeApp()
        let blog = Blueprint("blog")
        blog.get("/", name: "index") { req in try req.app.urlFor("\(req.route!.blueprint!).index") }
        blog.get("/<int:id>", name: "detail") { (_, id: Int) -> String in
            if id == 0 { throw HTTPError(.notFound) }
            return "post \(id)"
        }
        blog.onError(.notFound) { req, _ in Response.text("no such \(req.route!.blueprint!) post", status: .notFound) }
        app.register(blog, at: "/blog")
        app.register(blog, at: "/news", as: "news")
        let client = try app.testClient()
        #expect(try await client.get("/blog/").text == "/blog/")
        #expect(try await client.get("/news/").text == "/news/")
        #expect(try await client.get("/news/0").text == "no such news post")
        #expect(try await client.get("/nothing").text.contains("Not Found"))
    }

    @Test func findsRoutesAmongAThousand() async throws {
        let app = try makeApp()
        for index in 0..<1000 {
            app.get("/static/\(index)") { _ in "s\(index)" }
            app.get("/dynamic/\(index)/<int:id>") { (_, id: Int) in "d\(index)-\(id)" }
        }
        let client = try app.testClient()
        #expect(try await client.get("/static/999").text == "s999")
        #expect(try await client.get("/dynamic/500/7").text == "d500-7")
    }

    @Test func sendsEncodableValuesAsJSON() async throws {
        struct Message: Codable, Sendable, Equatable { var message: String }
        let app = try makeApp()
        app.get("/json") { _ in Message(message: "Hello, World!") }
        app.get("/list") { _ in [1, 2, 3] }
        let client = try app.testClient()
        let response = try await client.get("/json")
        #expect(response.headers[.contentType] == "application/json")
        #expect(try response.json(as: Message.self) == Message(message: "Hello, World!"))
        #expect(try await client.get("/list").text == "[1,2,3]")
    }
}
