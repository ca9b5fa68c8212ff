import Foundation
import Roost
import RoostSessions
import RoostTesting
import Testing

@Suite struct FlashMessageTests {
    /// A template folder with a page that lists `messages`.
    func makeTemplates() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("roost-messages-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try """
            {% for message in messages %}[{{ message.tags }}] {{ message }};{% endfor %}
            """.write(to: folder.appendingPathComponent("page.html"), atomically: true, encoding: .utf8)
        try "no messages here".write(to: folder.appendingPathComponent("plain.html"), atomically: true, encoding: .utf8)
        return folder.path
    }

    func makeApp() throws -> App {
        try makeSessionApp(settings: ["TEMPLATES_DIR": try makeTemplates()]) { app in
            app.get("/save") { req in
                req.flash("Saved <b>it</b>.", level: .success)
                req.flash("Careful.", level: .warning, extraTags: "sticky")
                return Response.redirect(to: "/page")
            }
            app.get("/page") { req in try req.render("page.html") }
            app.get("/plain") { req in try req.render("plain.html") }
            app.get("/api/messages") { req in req.takeFlashMessages().map(\.text) }
        }
    }

    @Test func messagesAreShownOnceOnTheNextPage() async throws {
        let client = try makeApp().testClient(followRedirects: true)
        let page = try await client.get("/save")
        #expect(page.text == "[success] Saved &lt;b&gt;it&lt;/b&gt;.;[sticky warning] Careful.;")
        #expect(try await client.get("/page").text == "")
    }

    @Test func pagesThatDoNotShowMessagesLeaveThem() async throws {
        let client = try makeApp().testClient()
        _ = try await client.get("/save")
        #expect(try await client.get("/plain").text == "no messages here")
        #expect(try await client.get("/api/messages").json(as: [String].self) == ["Saved <b>it</b>.", "Careful."])
        #expect(try await client.get("/api/messages").json(as: [String].self) == [])
    }

    @Test func levelsFollowDjango() {
        #expect(FlashMessage.Level.debug.rawValue == 10 && FlashMessage.Level.error.rawValue == 40)
        #expect(FlashMessage.Level.success.tag == "success")
        #expect(FlashMessage("x", level: .error, extraTags: "a b").tags == "a b error")
        #expect(FlashMessage.Level.info < FlashMessage.Level.warning)
    }
}
