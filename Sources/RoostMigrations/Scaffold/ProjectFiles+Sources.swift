/// The routes and the test of a new project.
extension ProjectFiles {
    var routesSource: String {
        """
        import Foundation
        import Roost
        import RoostAuth
        import RoostORM

        /// The pages: the notes with a form to add one (for logged-in users), and one note.
        func registerRoutes(_ app: App) {
            app.get("/", name: "home") { req in
                try req.render("index.html", HomePage(notes: try await latestNotes(on: req.db)))
            }

            // Adding a note needs a login; anonymous visitors are sent to /accounts/login/.
            app.post("/notes", name: "add_note", options: .requireLogin) { req in
                let form = try await req.form()
                let title = (form["title"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
                let body = (form["body"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
                guard !title.isEmpty, title.count <= 200 else {
                    let page = HomePage(notes: try await latestNotes(on: req.db), error: "A note needs a title of 200 characters at most.")
                    return try req.render("index.html", page, status: .unprocessableContent)
                }
                var note = Note(title: title, body: body)
                try await note.save(on: req.db)
                return Response.redirect(to: try req.app.urlFor("note", ["id": note.id ?? 0]), status: .seeOther)
            }

            app.get("/notes/<int:id>", name: "note") { (req, id: Int64) in
                guard let note = try await Note.objects.filter({ $0.id == id }).first(on: req.db) else {
                    throw HTTPError(.notFound, "No note \\(id)")
                }
                return try req.render("note.html", NotePage(note: note))
            }
        }

        /// The newest notes first.
        func latestNotes(on db: any DatabaseExecutor) async throws -> [Note] {
            try await Note.objects.orderBy(\\.createdAt, .descending).limit(50).all(on: db)
        }

        /// What `index.html` shows.
        struct HomePage: Encodable {
            var notes: [Note]
            var error: String?
        }

        /// What `note.html` shows.
        struct NotePage: Encodable {
            var note: Note
        }

        """
    }

    var testSource: String {
        let module = names.module
        return """
            import Roost
            import RoostAuth
            import RoostAuthTesting
            import RoostTesting
            import Testing
            @testable import \(module)

            @Suite struct \(module)Tests {
                /// The app on an in-memory database, migrated.
                func makeApp() async throws -> App {
                    let app = App(settings: try Settings([
                        "DEBUG": "true",
                        "SECRET_KEY": "a-test-secret-key-that-is-long-enough-to-sign-with",
                        "DATABASE_URL": "sqlite::memory:",
                    ]))
                    try configure(app)
                    try await app.migrate()
                    return app
                }

                @Test func homePageListsNotes() async throws {
                    let app = try await makeApp()
                    var note = Note(title: "Water the plants")
                    try await note.save(on: app.databases.default)
                    let client = try app.testClient()
                    let page = try await client.get("/")
                    #expect(page.status == .ok)
                    #expect(page.text.contains("Water the plants"))
                    #expect(try await client.get("/notes/\\(note.id ?? 0)").text.contains("Water the plants"))
                    #expect(try await client.get("/notes/999").status == .notFound)
                    #expect(page.text.contains("Log in"))
                    #expect(!page.text.contains(#"<form method="post" action="/notes">"#))
                    await app.shutdown()
                }

                @Test func loggedInUsersGetTheForm() async throws {
                    let app = try await makeApp()
                    var ada = User(username: "ada")
                    try await ada.save(on: app.databases.default)
                    let client = try app.testClient()
                    try await client.login(ada)
                    let page = try await client.get("/")
                    #expect(page.text.contains("Signed in as ada"))
                    #expect(page.text.contains(#"<form method="post" action="/notes">"#))
                    await app.shutdown()
                }
            }

            """
    }
}

/// The templates and the stylesheet of a new project.
enum WebFiles {
    static func base(title: String) -> String {
        """
        <!doctype html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <meta name="viewport" content="width=device-width, initial-scale=1">
          <title>{% block title %}\(title){% endblock %}</title>
          <link rel="stylesheet" href="{{ url_for('static', file='css/site.css') }}">
        </head>
        <body>
          <header>
            <a href="{{ url_for('home') }}">\(title)</a>
            {% if user is defined %}
            <nav>
              {% if user.is_authenticated %}
              Signed in as {{ user.username }}
              <form method="post" action="{{ url_for('auth.logout') }}">{{ csrf_input }}<button type="submit">Log out</button></form>
              {% else %}
              <a href="{{ url_for('auth.login') }}">Log in</a>
              {% endif %}
            </nav>
            {% endif %}
          </header>
          <main>
        {% block content %}{% endblock %}
          </main>
        </body>
        </html>

        """
    }

    /// The login pages of RoostAuth fill the same `title` and `content` blocks.
    static let registrationBase = """
        {% extends "base.html" %}

        """

    static let index = """
        {% extends "base.html" %}
        {% block content %}
        <h1>Notes</h1>
        {% if error %}<p role="alert">{{ error }}</p>{% endif %}
        {% if user.is_authenticated %}
        <form method="post" action="{{ url_for('add_note') }}">
          {{ csrf_input }}
          <label>Title <input name="title" maxlength="200" required></label>
          <label>Text <textarea name="body" rows="3"></textarea></label>
          <button type="submit">Add</button>
        </form>
        {% else %}
        <p><a href="{{ url_for('auth.login', next=url_for('home')) }}">Log in</a> to add a note.</p>
        {% endif %}
        <ul>
        {% for note in notes %}
          <li><a href="{{ url_for('note', id=note.id) }}">{{ note.title }}</a></li>
        {% else %}
          <li>No notes yet.</li>
        {% endfor %}
        </ul>
        {% endblock %}

        """

    static let note = """
        {% extends "base.html" %}
        {% block title %}{{ note.title }}{% endblock %}
        {% block content %}
        <h1>{{ note.title }}</h1>
        <p>{{ note.body }}</p>
        <p><a href="{{ url_for('home') }}">All notes</a></p>
        {% endblock %}

        """

    static let stylesheet = """
        body { font: 16px/1.5 system-ui, sans-serif; max-width: 42rem; margin: 2rem auto; padding: 0 1rem; color: #222; }
        header a { font-weight: 600; color: #7a3e00; text-decoration: none; }
        header nav { float: right; } header nav form { display: inline; margin: 0; } header nav button { font: inherit; }
        form { margin: 1rem 0; } label { display: block; } input, textarea { font: inherit; width: 100%; }
        [role=alert] { color: #a00; }

        """
}
