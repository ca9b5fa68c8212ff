import Foundation
import Roost
import RoostDatabase
import RoostORM
import RoostSQLite
import Testing

@testable import RoostMigrations

/// The model `roost new` writes into `Models/Note.swift`, declared here to check its first
/// migration against what `makemigrations` derives.
enum ScaffoldModels {
    @Model
    struct Note {
        var id: Int64?
        @Field(maxLength: 200) var title: String
        var body: String = ""
        var createdAt: Date = Date()
    }
}

/// `roost new` and `startapp` as file generators: names, the files and what they say, the
/// manifest edits. Fast; `ScaffoldTests` builds a generated project.
@Suite("Scaffolding: generated files")
struct ScaffoldFileTests {
    @Test func namesDeriveFromTheTypedName() throws {
        let names = try ScaffoldNames("MySite")
        #expect(names.module == "MySite")
        #expect(names.label == "my_site")
        #expect(names.namespace == "MySiteMigrations")
        #expect(names.title == "My Site")
        #expect(try ScaffoldNames("blog").module == "Blog")
        for bad in ["", "1site", "my-site", "my site", "café"] {
            let error = #expect(throws: ScaffoldError.self) { try ScaffoldNames(bad) }
            #expect(error?.description.contains("is not a valid name") == true)
        }
    }

    @Test func newProjectHasEveryFileAndAFreshSecretKey() throws {
        let folder = try TemporaryFolder()
        let generator = try ProjectGenerator(name: "MySite", dependency: .path("/src/roost"))
        let written = try generator.write(into: folder.path + "/MySite")
        let expected = [
            ".gitignore", "Package.swift", "README.md", "Sources/MySite/App.swift", "Sources/MySite/Configure.swift",
            "Sources/MySite/Migrations/0001_initial.swift", "Sources/MySite/Migrations/0002_auth.swift",
            "Sources/MySite/Migrations/Migrations.swift", "Sources/MySite/Models/Note.swift", "Sources/MySite/Routes.swift",
            "Tests/MySiteTests/MySiteTests.swift", "roost.json", "static/css/site.css", "templates/base.html",
            "templates/index.html", "templates/note.html", "templates/registration/base.html",
        ]
        #expect(written.sorted() == expected)
        let project = folder.path + "/MySite/"
        for file in expected { #expect(FileManager.default.fileExists(atPath: project + file)) }

        let manifest = try String(contentsOfFile: project + "Package.swift", encoding: .utf8)
        #expect(manifest.contains(#".package(path: "/src/roost"),"#))
        #expect(manifest.contains(#".product(name: "RoostMigrations", package: "roost"),"#))
        #expect(manifest.contains(#"name: "MySiteTests""#))
        #expect(manifest.contains(#".product(name: "RoostAuth", package: "roost"),"#))
        #expect(manifest.contains(#".product(name: "RoostAuthTesting", package: "roost"),"#))

        let settings = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: project + "roost.json"))) as? [String: Any]
        let key = try #require(settings?["SECRET_KEY"] as? String)
        #expect(key.count == 50)
        #expect(settings?["DATABASE_URL"] as? String == "sqlite:///db.sqlite3")
        let other = try TemporaryFolder()
        try ProjectGenerator(name: "MySite", dependency: .path("/src/roost")).write(into: other.path)
        #expect(try other.read("roost.json") != folder.read("MySite/roost.json"))

        let readme = try String(contentsOfFile: project + "README.md", encoding: .utf8)
        #expect(readme.contains("swift run MySite migrate "))
        #expect(readme.contains("swift run MySite    "))
        #expect(readme.contains("`swift run MySite createsuperuser`"))
        let base = try String(contentsOfFile: project + "templates/base.html", encoding: .utf8)
        #expect(base.contains("{% block title %}My Site{% endblock %}"))
        #expect(base.contains("{% block content %}{% endblock %}"))
        // The account links, left out when a page is rendered without auth (startapp's test).
        #expect(base.contains("{% if user is defined %}"))
        #expect(base.contains("{{ url_for('auth.login') }}"))
        #expect(base.contains("{{ url_for('auth.logout') }}"))
        #expect(try String(contentsOfFile: project + "templates/registration/base.html", encoding: .utf8) == "{% extends \"base.html\" %}\n")
        let index = try String(contentsOfFile: project + "templates/index.html", encoding: .utf8)
        #expect(index.contains("{% if user.is_authenticated %}"))
        #expect(index.contains("{{ csrf_input }}"))
        let configure = try String(contentsOfFile: project + "Sources/MySite/Configure.swift", encoding: .utf8)
        #expect(configure.contains("try app.useSecurity()"))
        #expect(configure.contains("try app.useAuth()"))
        #expect(configure.contains(#""my_site", models: [Note.self] + AuthModels.all(), migrations: MySiteMigrations.all"#))
        let routes = try String(contentsOfFile: project + "Sources/MySite/Routes.swift", encoding: .utf8)
        #expect(routes.contains(#"app.post("/notes", name: "add_note", options: .requireLogin)"#))
        let migration = try String(contentsOfFile: project + "Sources/MySite/Migrations/0001_initial.swift", encoding: .utf8)
        #expect(migration.contains("extension MySiteMigrations {"))
        #expect(migration.contains(#"FieldSpec("title", .string(maxLength: 200)),"#))
        let auth = try String(contentsOfFile: project + "Sources/MySite/Migrations/0002_auth.swift", encoding: .utf8)
        #expect(auth.contains(#"dependencies: [.init("my_site", "0001_initial")],"#))
        #expect(auth.contains(#"table: "auth_user","#))
        #expect(auth.contains(#"table: "auth_user_user_permissions","#))
        let registry = try String(contentsOfFile: project + "Sources/MySite/Migrations/Migrations.swift", encoding: .utf8)
        #expect(registry.contains("m0001_initial,\n        m0002_auth,"))
    }

    @Test func authMigrationFollowsTheFirstAndCreatesDjangosTables() throws {
        let names = try ScaffoldNames("MySite")
        let auth = ScaffoldAuthMigration.migration(app: names.label)
        var state = ProjectState()
        for operation in ProjectFiles.initialMigration(names).operations + auth.operations {
            try operation.apply(to: &state, app: names.label)
        }
        let tables = Set(state.models.values.map(\.table))
        #expect(tables.isSuperset(of: ["note", "auth_user", "auth_group", "auth_permission", "django_content_type"]))
    }

    @Test func projectCanDependOnARoostRelease() throws {
        let folder = try TemporaryFolder()
        try ProjectGenerator(name: "Shop", dependency: .url("https://example.com/team/Roost.git", from: "0.2.0")).write(into: folder.path)
        let manifest = try folder.read("Package.swift")
        #expect(manifest.contains(#".package(url: "https://example.com/team/Roost.git", from: "0.2.0"),"#))
        #expect(manifest.contains(#".product(name: "Roost", package: "roost"),"#))
    }

    @Test func newProjectRefusesAFolderWithFiles() throws {
        let folder = try TemporaryFolder()
        try Data("x".utf8).write(to: URL(fileURLWithPath: folder.path + "/keep.txt"))
        let error = #expect(throws: ScaffoldError.self) {
            try ProjectGenerator(name: "MySite", dependency: .path("/src/roost")).write(into: folder.path)
        }
        #expect(error?.description.contains("already exists and is not empty") == true)
        #expect(folder.files() == ["keep.txt"])
    }

    @Test func firstMigrationIsWhatMakemigrationsDerivesFromTheModel() throws {
        let names = try ScaffoldNames("MySite")
        let initial = ProjectFiles.initialMigration(names)
        let (_, new) = try makeMigrations(names.label, models: [ScaffoldModels.Note.self], after: [initial])
        #expect(new.isEmpty)
        let (_, fromScratch) = try makeMigrations(names.label, models: [ScaffoldModels.Note.self], after: [])
        #expect(fromScratch.count == 1)
        #expect(fromScratch.first.map { MigrationWriter.source(of: $0, namespace: names.namespace) }
            == MigrationWriter.source(of: initial, namespace: names.namespace))
    }

    @Test func startappAddsAModuleAndItsTargetsToAScaffoldedManifest() async throws {
        let folder = try TemporaryFolder()
        try ProjectGenerator(name: "MySite", dependency: .path("/src/roost")).write(into: folder.path)
        let app = App(settings: try Settings([:]))
        let output = CapturedOutput()
        app.console = output.console
        app.useMigrations()
        try await app.runCommand(["startapp", "Journal", "--root", folder.path])
        let printed = output.take()
        #expect(printed.contains("created Sources/Journal/Journal.swift"))
        #expect(printed.contains("Added the Journal and JournalTests targets to Package.swift."))
        for file in [
            "Sources/Journal/Journal.swift", "Sources/Journal/Models.swift", "Sources/Journal/Migrations/0001_initial.swift",
            "Sources/Journal/Migrations/Migrations.swift", "templates/journal/index.html", "Tests/JournalTests/JournalTests.swift",
        ] {
            #expect(FileManager.default.fileExists(atPath: folder.path + "/" + file), "\(file)")
        }
        let manifest = try folder.read("Package.swift")
        #expect(manifest.contains(#""Journal",\#n                // Apps added by `startapp` are listed above this line."#))
        #expect(manifest.contains(#"name: "JournalTests","#))
        #expect(manifest.contains(#"dependencies: [.product(name: "Roost", package: "roost"), .product(name: "RoostMigrations", package: "roost")]"#))
        #expect(try folder.read("Sources/Journal/Models.swift").contains(#"@Model(table: "journal_entry")"#))

        let again = await #expect(throws: ScaffoldError.self) {
            try await app.runCommand(["startapp", "Journal", "--root", folder.path])
        }
        #expect(again?.description.contains("already exists") == true)
    }

    @Test func startappPrintsTheTargetsForAManifestWithoutMarkers() throws {
        let folder = try TemporaryFolder()
        let manifest = "// swift-tools-version: 6.1\nimport PackageDescription\n// .product(name: \"Roost\", package: \"roost-fork\")\n"
        try Data(manifest.utf8).write(to: URL(fileURLWithPath: folder.path + "/Package.swift"))
        let report = try AppGenerator(name: "Blog").write(into: folder.path)
        #expect(!report.packageUpdated)
        #expect(report.targets.contains(#"name: "BlogTests","#))
        #expect(report.targets.contains(#"package: "roost-fork""#))
        #expect(try folder.read("Package.swift") == manifest)
    }
}
