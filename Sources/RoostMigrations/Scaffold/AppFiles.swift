/// The files of a new app module (`startapp NAME`): a library target with a model, its
/// first migration, a blueprint of routes, a template and a test.
///
/// ```
/// Sources/NAME/NAME.swift              the app: `NAME.migrations`, `NAME.blueprint`
/// Sources/NAME/Models.swift            the model
/// Sources/NAME/Migrations/             0001_initial.swift and Migrations.swift
/// templates/<label>/index.html         its page
/// Tests/NAMETests/NAMETests.swift      a test of the page
/// ```
struct AppFiles {
    let names: ScaffoldNames

    var modelName: String { names.module + "Entry" }
    var table: String { names.label + "_entry" }

    var files: [(path: String, text: String)] {
        let module = names.module
        return [
            ("Sources/\(module)/\(module).swift", appSource),
            ("Sources/\(module)/Models.swift", modelSource),
            ("Sources/\(module)/Migrations/0001_initial.swift", MigrationWriter.source(of: initialMigration, namespace: names.namespace)),
            ("Sources/\(module)/Migrations/Migrations.swift", MigrationWriter.registrySource(app: names.label, namespace: names.namespace, names: ["0001_initial"])),
            ("templates/\(names.label)/index.html", template),
            ("Tests/\(module)Tests/\(module)Tests.swift", testSource),
        ]
    }

    var initialMigration: Migration {
        Migration(app: names.label, name: "0001_initial", operations: [
            CreateModel(modelName, table: table, fields: [
                FieldSpec("id", .autoIncrement),
                FieldSpec("title", .string(maxLength: 200)),
                FieldSpec("createdAt", .dateTime),
            ]),
        ])
    }

    /// The targets `Package.swift` needs for the module.
    func targets(dependency identity: String, indent: String) -> String {
        func product(_ name: String) -> String { ".product(name: \"\(name)\", package: \"\(identity)\")" }
        let module = names.module
        return """
            \(indent).target(
            \(indent)    name: "\(module)",
            \(indent)    dependencies: [\(product("Roost")), \(product("RoostMigrations"))]
            \(indent)),
            \(indent).testTarget(
            \(indent)    name: "\(module)Tests",
            \(indent)    dependencies: ["\(module)", \(product("RoostTesting")), \(product("RoostSQLite"))]
            \(indent)),

            """
    }

    var appSource: String {
        let module = names.module
        return """
            import Roost
            import RoostMigrations
            import RoostORM

            /// The \(names.label) app: its models and migrations, and its pages.
            ///
            /// ```swift
            /// app.useMigrations(…, \(module).migrations)
            /// app.register(\(module).blueprint, at: "/\(names.label)")
            /// ```
            public enum \(module) {
                /// The app's models and migrations, for `app.useMigrations`.
                public static var migrations: MigrationApp {
                    MigrationApp(\(MigrationSerializer.literal(names.label)), models: [\(modelName).self], migrations: \(names.namespace).all)
                }

                /// The app's pages; endpoints are named `\(names.label).index` and so on.
                public static var blueprint: Blueprint {
                    let blueprint = Blueprint(\(MigrationSerializer.literal(names.label)))
                    blueprint.get("/", name: "index") { req in
                        let entries = try await \(modelName).objects.orderBy(\\.createdAt, .descending).limit(50).all(on: req.db)
                        return try req.render("\(names.label)/index.html", IndexPage(entries: entries))
                    }
                    return blueprint
                }
            }

            /// What `\(names.label)/index.html` shows.
            struct IndexPage: Encodable {
                var entries: [\(modelName)]
            }

            """
    }

    var modelSource: String {
        """
        import Foundation
        import RoostORM

        /// An entry of the \(names.label) app.
        @Model(table: \(MigrationSerializer.literal(table)))
        public struct \(modelName) {
            public var id: Int64?
            @Field(maxLength: 200) public var title: String
            public var createdAt: Date = Date()

            /// Creates an entry.
            public init(id: Int64? = nil, title: String, createdAt: Date = Date()) {
                self.id = id
                self.title = title
                self.createdAt = createdAt
            }
        }

        """
    }

    var template: String {
        """
        {% extends "base.html" %}
        {% block content %}
        <h1>\(names.title)</h1>
        <ul>
        {% for entry in entries %}
          <li>{{ entry.title }}</li>
        {% else %}
          <li>Nothing yet.</li>
        {% endfor %}
        </ul>
        {% endblock %}

        """
    }

    var testSource: String {
        let module = names.module
        return """
            import Roost
            import RoostMigrations
            import RoostSQLite
            import RoostTesting
            import Testing
            @testable import \(module)

            @Test func indexListsEntries() async throws {
                let app = App(settings: try Settings(["DEBUG": "true", "DATABASE_URL": "sqlite::memory:"]))
                try app.useDatabases(backends: [SQLiteBackend()])
                app.useMigrations(\(module).migrations)
                app.register(\(module).blueprint, at: "/\(names.label)")
                // base.html links the home page and the stylesheet, which the project's configure adds.
                app.get("/", name: "home") { _ in "home" }
                app.serveStatic("/static", from: "static")
                try await app.migrate()
                var entry = \(modelName)(title: "First entry")
                try await entry.save(on: app.databases.default)
                let page = try await app.testClient(followRedirects: true).get("/\(names.label)/")
                #expect(page.status == .ok)
                #expect(page.text.contains("First entry"))
                await app.shutdown()
            }

            """
    }
}
