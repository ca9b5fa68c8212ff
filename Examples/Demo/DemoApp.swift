import Foundation
import Roost

/// The demo site: a home page, a JSON API, a guestbook form that posts back, static files
/// and a custom 404 page. Run it with `swift run demo` and open http://127.0.0.1:8000/.
@main
struct DemoApp {
    static func main() async {
        let app: App
        do {
            app = try App()
        } catch {
            print("error: \(error)")
            return
        }
        configure(app)
        await app.main()
    }

    static func configure(_ app: App) {
        let store = DemoStore()
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        app.addTemplateFolder(folder.appendingPathComponent("templates").path)

        app.get("/", name: "home") { req in try req.render("home.html") }

        app.group("/api") { api in
            api.get("/posts", name: "api.posts") { _ in await store.posts() }
            api.get("/posts/<int:id>", name: "api.post") { (_, id: Int) in
                guard let post = await store.post(id: id) else { throw HTTPError(.notFound, "No post \(id)") }
                return post
            }
            api.post("/posts") { req in
                let draft = try await req.decodeJSON(PostDraft.self)
                guard !draft.title.isEmpty, draft.title.count <= 200 else {
                    throw HTTPError(.unprocessableContent, "title must be 1 to 200 characters")
                }
                let post = await store.add(draft)
                var response = try Response.json(post, status: .created)
                response.headerFields[.location] = try req.app.urlFor("api.post", ["id": post.id])
                return response
            }
        }

        app.get("/guestbook", name: "guestbook") { req in
            try req.render("guestbook.html", GuestbookPage(entries: await store.entries()))
        }
        app.post("/guestbook") { req in
            let form = try await req.form()
            let name = (form["name"] ?? "").trimmingCharacters(in: .whitespaces)
            let message = (form["message"] ?? "").trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty, !message.isEmpty, name.count <= 80, message.count <= 2000 else {
                let page = GuestbookPage(
                    entries: await store.entries(), error: "Please give a name (80 characters at most) and a message."
                )
                return try req.render("guestbook.html", page, status: .unprocessableContent)
            }
            await store.sign(name: name, message: message)
            return Response.redirect(to: try req.app.urlFor("guestbook"), status: .seeOther)
        }

        app.serveStatic("/static", from: folder.appendingPathComponent("static").path)

        app.onError(.notFound) { req, error in
            if req.path.hasPrefix("/api/") {
                let reason = (error as? HTTPError)?.reason ?? "Not found"
                return try Response.json(["error": reason], status: .notFound)
            }
            return try req.render("not_found.html", status: .notFound)
        }
    }
}

/// The guestbook page's context.
struct GuestbookPage: Encodable {
    var entries: [Signature]
    var error: String?
}
