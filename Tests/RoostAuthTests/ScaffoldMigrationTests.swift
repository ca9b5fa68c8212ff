import Foundation
import RoostAuth
import RoostORM
import Testing

@testable import RoostMigrations

/// The `Note` model `roost new` writes, to check the scaffold's migrations against.
enum ScaffoldSite {
    @Model
    struct Note {
        var id: Int64?
        @Field(maxLength: 200) var title: String
        var body: String = ""
        var createdAt: Date = Date()
    }
}

/// `roost new` writes the auth tables' migration as text, because RoostMigrations cannot
/// import RoostAuth; these tests keep that text in step with RoostAuth's models.
@Suite("Scaffold: the auth migration of a new project")
struct ScaffoldMigrationTests {
    @Test func makemigrationsFindsNothingToAddAfterTheScaffoldsMigrations() throws {
        let names = try ScaffoldNames("MySite")
        let migrations = [ProjectFiles.initialMigration(names), ScaffoldAuthMigration.migration(app: names.label)]
        let app = MigrationApp(names.label, models: [ScaffoldSite.Note.self] + AuthModels.all(), migrations: migrations, directory: "/nonexistent")
        let loader = try MigrationLoader(apps: [app])
        let changes = try Autodetector(
            from: loader.finalState(), to: loader.modelState(), defaults: loader.modelDefaults(), questioner: MakeMigrationsAnswers()
        ).changes()
        let pending = try changes.migrations(after: loader.graph, state: loader.modelState())
        #expect(pending.isEmpty, "makemigrations would write: \(pending.map { MigrationWriter.source(of: $0, namespace: names.namespace) })")
    }

    @Test func theGeneratedFileListsTheAuthMigration() throws {
        let names = try ScaffoldNames("MySite")
        let files = ProjectFiles(names: names, dependency: .path("/src/roost"), secretKey: "k").files
        let auth = try #require(files.first { $0.path == "Sources/MySite/Migrations/0002_auth.swift" })
        #expect(auth.text.contains("static let m0002_auth = Migration("))
        #expect(files.contains { $0.path == "Sources/MySite/Migrations/Migrations.swift" && $0.text.contains("m0002_auth,") })
    }
}
