import Foundation
import Logging
import Roost
import RoostAuth
import RoostMigrations
import RoostSecurity
import RoostSQLite

/// The demo site: a small blog in SQLite (posts, a post's page, a form to write one, a JSON
/// API), a guestbook form, static files and a custom 404 page. Its forms carry CSRF tokens:
/// `useSecurity()` turns on sessions, CSRF checks, the host check and protective headers.
/// `useAuth()` adds users and the login pages under `/accounts/`; writing a post needs a
/// login (`swift run demo createsuperuser` makes the first user).
///
/// `swift run demo` creates `db.sqlite3` on first run, applies the demo's migrations (the
/// auth tables among them) and serves http://127.0.0.1:8000/ — it runs `serve --migrate`
/// when given no command. Every other command works as in any Roost app: `swift run demo
/// showmigrations`, `routes`, `createsuperuser`, …
@main
struct DemoApp {
    static func main() async {
        let app: App
        do {
            let settings = try DemoSettings.load()
            app = App(settings: settings.settings)
            if settings.generatedSecretKey {
                app.logger.warning(
                    "SECRET_KEY is not set: using a random key for this run only (sessions and CSRF tokens end when the demo stops). Set SECRET_KEY to keep them."
                )
            }
            try configure(app)
        } catch {
            print("error: \(error)")
            exit(1)
        }
        if CommandLine.arguments.count <= 1 {
            do {
                try await app.runCommand(["serve", "--migrate"])
                exit(0)
            } catch {
                print("error: \(error)")
                exit(1)
            }
        }
        await app.main()
    }

    static func configure(_ app: App) throws {
        let store = DemoStore()
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        app.addTemplateFolder(folder.appendingPathComponent("templates").path)
        try app.useSecurity { security in
            // Without ALLOWED_HOSTS and DEBUG, answer the local names the demo is reached by.
            if app.settings.allowedHosts.isEmpty, !app.settings.debug {
                security.allowedHosts = AllowedHosts(["localhost", "127.0.0.1", "[::1]"], debug: false)
            }
        }
        try app.useDatabases(backends: [SQLiteBackend()])
        // Users, groups, permissions and the login pages; `user` in every template.
        try app.useAuth { auth in
            auth.permissions.register(Post.self, app: "demo")
        }
        // The auth tables are migrated with the blog's, by the demo's own migrations.
        app.useMigrations(MigrationApp("demo", models: [Post.self] + AuthModels.all(), migrations: DemoMigrations.all))

        app.get("/", name: "home") { req in
            try req.render("home.html", PostList(posts: try await BlogRoutes.latestPosts(on: req.db)))
        }
        BlogRoutes.register(on: app)

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
