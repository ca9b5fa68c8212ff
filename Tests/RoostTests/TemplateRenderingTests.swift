import Foundation
import Roost
import RoostTemplates
import RoostTesting
import Testing

@Suite struct TemplateRenderingTests {
    /// A templates folder with a base layout, a page and a broken template.
    static func makeTemplates() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("roost-templates-\(UUID())").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let files = [
            "base.html": "<title>{% block title %}{% endblock %}</title><main>{% block body %}{% endblock %}</main>",
            "post.html": """
                {% extends "base.html" %}{% block title %}{{ post.title }}{% endblock %}\
                {% block body %}<h1>{{ post.title }}</h1><a href="{{ url_for('post', id=post.id) }}">link</a> \
                {{ request.method }} {{ request.path }} {{ request.args.q }} {{ site }}{% endblock %}
                """,
            "note.txt": "Dear {{ name }}, <not escaped>",
            "broken.html": "line one\n{% for x in %}",
        ]
        for (name, text) in files { try text.write(toFile: folder + "/" + name, atomically: true, encoding: .utf8) }
        return folder
    }

    struct PostContext: Encodable {
        struct Post: Encodable { let id: Int; let title: String }
        let post: Post
    }

    private func app(debug: Bool = false) throws -> App {
        let app = try makeApp(["TEMPLATES_DIR": try Self.makeTemplates(), "DEBUG": debug ? "1" : "0"])
        app.addTemplateContext { _ in ["site": "Roost"] }
        app.get("/posts/<int:id>", name: "post") { (req, id: Int) in
            try req.render("post.html", PostContext(post: .init(id: id, title: "<Hello & welcome>")))
        }
        app.get("/note") { req in try req.render("note.txt", ["name": "Ada"]) }
        app.get("/broken") { req in try req.render("broken.html") }
        app.get("/missing") { req in try req.render("nope.html") }
        return app
    }

    @Test func rendersWithRequestURLForAndContextProcessors() async throws {
        let response = try await app().testClient().get("/posts/7?q=search")
        #expect(response.headers[.contentType] == "text/html; charset=utf-8")
        #expect(response.text == "<title>&lt;Hello &amp; welcome&gt;</title><main><h1>&lt;Hello &amp; welcome&gt;</h1><a href=\"/posts/7\">link</a> GET /posts/7 search Roost</main>")
    }

    @Test func leavesNonHTMLTemplatesUnescaped() async throws {
        let response = try await app().testClient().get("/note")
        #expect(response.headers[.contentType] == "text/plain; charset=utf-8")
        #expect(response.text == "Dear Ada, <not escaped>")
    }

    @Test func reportsTemplateErrorsOnlyInDebug() async throws {
        let quiet = try await app().testClient().get("/broken")
        #expect(quiet.status == .internalServerError)
        #expect(!quiet.text.contains("broken.html"))
        let loud = try await app(debug: true).testClient().get("/broken")
        #expect(loud.text.contains("broken.html"))
        #expect(loud.text.contains("line 2"))
        let missing = try await app(debug: true).testClient().get("/missing")
        #expect(missing.text.contains("nope.html"))
    }
}
