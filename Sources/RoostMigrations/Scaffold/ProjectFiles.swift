/// The files of a new project, as text: what `roost new NAME` writes.
///
/// ```
/// NAME/
///   Package.swift            depends on Roost (a path to a checkout, or a URL and version)
///   README.md                the two commands, and what is where
///   roost.json               settings for development: DEBUG, a fresh SECRET_KEY (git-ignored)
///   Sources/NAME/
///     App.swift              @main: App(), configure(app), app.main()
///     Configure.swift        security, database, users and login, migrations, static files, routes
///     Routes.swift           the home page (notes, and a form for logged-in users) and a note's page
///     Models/Note.swift      the model
///     Migrations/            0001_initial.swift (notes), 0002_auth.swift (RoostAuth's tables) and
///                            Migrations.swift, as makemigrations writes them
///   templates/               base.html with blocks, index.html, note.html; registration/base.html
///                            puts the login pages in the site's layout
///   static/css/site.css
///   Tests/NAMETests/         a test of the home page on an in-memory database
/// ```
struct ProjectFiles {
    let names: ScaffoldNames
    let dependency: RoostDependency
    let secretKey: String

    /// The marker lines `startapp` inserts new app modules above.
    static let dependencyMarker = "// Apps added by `startapp` are listed above this line."
    static let targetMarker = "// Apps added by `startapp` go above this line."

    /// Every file, by path relative to the project folder.
    var files: [(path: String, text: String)] {
        let module = names.module
        return [
            ("Package.swift", packageManifest),
            ("README.md", readme),
            (".gitignore", ".build/\n.swiftpm/\nPackage.resolved\n*.sqlite3\nroost.json\n"),
            ("roost.json", settings),
            ("Sources/\(module)/App.swift", appSource),
            ("Sources/\(module)/Configure.swift", configureSource),
            ("Sources/\(module)/Routes.swift", routesSource),
            ("Sources/\(module)/Models/Note.swift", noteSource),
            ("Sources/\(module)/Migrations/0001_initial.swift", MigrationWriter.source(of: Self.initialMigration(names), namespace: names.namespace)),
            (
                "Sources/\(module)/Migrations/\(ScaffoldAuthMigration.name).swift",
                MigrationWriter.source(of: ScaffoldAuthMigration.migration(app: names.label), namespace: names.namespace)
            ),
            ("Sources/\(module)/Migrations/Migrations.swift", MigrationWriter.registrySource(
                app: names.label, namespace: names.namespace, names: ["0001_initial", ScaffoldAuthMigration.name]
            )),
            ("templates/base.html", WebFiles.base(title: names.title)),
            ("templates/registration/base.html", WebFiles.registrationBase),
            ("templates/index.html", WebFiles.index),
            ("templates/note.html", WebFiles.note),
            ("static/css/site.css", WebFiles.stylesheet),
            ("Tests/\(module)Tests/\(module)Tests.swift", testSource),
        ]
    }

    /// The first migration, matching `Note` in `Models/Note.swift`: what `makemigrations`
    /// writes for it (the scaffold test checks that `makemigrations --check` agrees).
    static func initialMigration(_ names: ScaffoldNames) -> Migration {
        Migration(app: names.label, name: "0001_initial", operations: [
            CreateModel("Note", table: "note", fields: [
                FieldSpec("id", .autoIncrement),
                FieldSpec("title", .string(maxLength: 200)),
                FieldSpec("body", .text),
                FieldSpec("createdAt", .dateTime),
            ]),
        ])
    }

    var packageManifest: String {
        let module = names.module
        return """
            // swift-tools-version: 6.1
            import PackageDescription

            let package = Package(
                name: \(MigrationSerializer.literal(module)),
                platforms: [.macOS(.v15)],
                dependencies: [
                    \(dependency.declaration),
                ],
                targets: [
                    .executableTarget(
                        name: \(MigrationSerializer.literal(module)),
                        dependencies: [
                            \(dependency.product("Roost")),
                            \(dependency.product("RoostAuth")),
                            \(dependency.product("RoostMigrations")),
                            \(dependency.product("RoostSecurity")),
                            \(dependency.product("RoostSQLite")),
                            \(Self.dependencyMarker)
                        ]
                    ),
                    .testTarget(
                        name: \(MigrationSerializer.literal(module + "Tests")),
                        dependencies: [
                            \(MigrationSerializer.literal(module)),
                            \(dependency.product("RoostTesting")),
                            \(dependency.product("RoostAuth")),
                            \(dependency.product("RoostAuthTesting")),
                        ]
                    ),
                    \(Self.targetMarker)
                ]
            )

            """
    }

    var settings: String {
        """
        {
          "DEBUG": true,
          "SECRET_KEY": \(MigrationSerializer.literal(secretKey)),
          "DATABASE_URL": "sqlite:///db.sqlite3"
        }

        """
    }

    var readme: String {
        let module = names.module
        return """
            # \(names.title)

            A Roost app (Swift; Flask's core, Django's batteries).

            ```sh
            swift run \(module) migrate     # creates db.sqlite3 and its tables
            swift run \(module)             # serves http://127.0.0.1:8000
            ```

            Anyone can read the notes; adding one needs a login. Make the first user with
            `swift run \(module) createsuperuser` (it asks for a username, an e-mail address and a
            password), then log in at http://127.0.0.1:8000/accounts/login/.

            `swift test` runs the tests. The binary is also the management command line:
            `swift run \(module) routes`, `check`, `showmigrations`, `dbshell`, `createsuperuser`, …

            ## Changing the models

            1. Edit a model in `Sources/\(module)/Models/`.
            2. `swift run \(module) makemigrations` writes a migration to
               `Sources/\(module)/Migrations/` — review it like any code.
            3. `swift build` compiles it in, then `swift run \(module) migrate` applies it.

            Renames are never guessed: answer the question, or pass
            `--rename-field Note.body:text`. `swift run \(module) makemigrations --check` fails
            when a model changed without a migration (for CI).

            ## Layout

            - `Sources/\(module)/Configure.swift`: security (sessions, CSRF, headers), the
              database, users and login (RoostAuth: `/accounts/login/`, `logout/`,
              `password_change/`, `password_reset/`), migrations, static files, routes.
            - `Sources/\(module)/Migrations/`: the notes' migration and the auth tables'
              (`0002_auth.swift`: users, groups, permissions, API tokens).
            - `Sources/\(module)/Routes.swift`: the pages.
            - `templates/`: Jinja templates; `base.html` holds the blocks the pages fill, and
              `registration/base.html` puts the login pages in it (override any of them, e.g.
              `registration/login.html`, by adding a file of that name).
            - `static/`: served under `/static`.
            - `roost.json`: settings for development (`DEBUG`, a random `SECRET_KEY`); it is
              git-ignored. In production set `SECRET_KEY`, `ALLOWED_HOSTS` and `DATABASE_URL`
              in the environment instead.
            - `swift run \(module) startapp blog` adds an app module with its own models,
              routes, templates, migrations and test.

            """
    }

    var appSource: String {
        """
        import Roost

        /// Starts the app: `swift run \(names.module)` serves it, and `swift run \(names.module) <command>`
        /// runs a management command (`migrate`, `makemigrations`, `routes`, …).
        @main
        enum Main {
            static func main() async throws {
                let app = try App()
                try configure(app)
                await app.main()
            }
        }

        """
    }

    var configureSource: String {
        """
        import Roost
        import RoostAuth
        import RoostMigrations
        import RoostSecurity
        import RoostSQLite

        /// Puts the app together; the tests call it too, with their own settings.
        func configure(_ app: App) throws {
            // Sessions, CSRF protection, security headers and the Host check (Django's defaults).
            try app.useSecurity()
            // DATABASE_URL: roost.json says sqlite:///db.sqlite3.
            try app.useDatabases(backends: [SQLiteBackend()])
            // Users, groups and permissions: `req.user`, `user` in templates, the login pages under
            // /accounts/, `.requireLogin` for routes, and the `createsuperuser` command.
            try app.useAuth()
            // The models and their migrations; `makemigrations` keeps \(names.namespace).all up to date.
            // AuthModels.all() are the auth tables, created by the migration 0002_auth.
            app.useMigrations(
                MigrationApp(
                    \(MigrationSerializer.literal(names.label)), models: [Note.self] + AuthModels.all(), migrations: \(names.namespace).all
                )
            )
            app.serveStatic("/static", from: "static")
            registerRoutes(app)
        }

        """
    }

    var noteSource: String {
        """
        import Foundation
        import RoostORM

        /// A note, listed on the home page.
        @Model
        struct Note {
            var id: Int64?
            @Field(maxLength: 200) var title: String
            var body: String = ""
            var createdAt: Date = Date()
        }

        """
    }
}
