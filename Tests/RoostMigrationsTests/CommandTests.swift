import ArgumentParser
import Foundation
import Roost
import RoostDatabase
import RoostMigrations
import Testing

@Suite("Management commands")
struct CommandTests {
    @Test(arguments: Backend.allCases)
    func makemigrationsWritesFilesAndCheckFailsUntilTheyExist(backend: Backend) async throws {
        try await backend.withDatabase { db in
            let folder = try TemporaryFolder()
            let before = try testApp(db, MigrationApp("blog", models: BlogV1.models, directory: folder.path))

            // --check: the models have changes no migration covers.
            await #expect(throws: ExitCode.self) { try await before.run(["makemigrations", "--check"]) }
            #expect(folder.files().isEmpty)

            let output = try await before.run(["makemigrations"])
            #expect(output.contains("Migrations for 'blog':"))
            #expect(output.contains("0001_initial.swift"))
            #expect(output.contains("- Create model Post"))
            #expect(output.contains("Rebuild the app"))
            #expect(folder.files() == ["0001_initial.swift", "Migrations.swift"])
            let registry = try folder.read("Migrations.swift")
            #expect(registry.contains("\nenum BlogMigrations {"))
            #expect(registry.contains("        m0001_initial,"))

            // The files are on disk but not in this binary: makemigrations asks for a rebuild.
            let stale = try await #require(throws: MigrationError.self) { try await before.run(["makemigrations"]) }
            #expect(stale.code == .outdatedBinary)

            // "Rebuilt": the migration is registered; --check passes.
            let (v1, _) = try makeMigrations("blog", models: BlogV1.models, after: [])
            let after = try testApp(db, MigrationApp("blog", models: BlogV1.models, migrations: v1.migrations, directory: folder.path))
            #expect(try await after.run(["makemigrations", "--check"]).contains("No changes detected."))
            #expect(try await after.run(["makemigrations"]).contains("No changes detected."))
        }
    }

    @Test func makemigrationsRefusesWithoutRenameFlagsAndDefaults() async throws {
        try await Backend.sqlite.withDatabase { db in
            let folder = try TemporaryFolder()
            let (v1, _) = try makeMigrations("blog", models: BlogV1.models, after: [])
            let app = try testApp(db, MigrationApp("blog", models: BlogV2.models, migrations: v1.migrations, directory: folder.path))

            // Without flags, a rename is not guessed: it becomes remove + add, with a note.
            let dry = try await app.run(["makemigrations", "--dry-run", "--no-input"])
            #expect(dry.contains("Note: Post was removed and Article added to blog"))
            #expect(dry.contains("--rename-model Post:Article"))
            #expect(dry.contains("- Delete model Post"))
            #expect(folder.files().isEmpty)

            let renamed = try await app.run(["makemigrations", "--rename-model", "Post:Article", "--rename-field", "Article.body:content", "--no-input"])
            #expect(renamed.contains("- Rename model Post to Article"))
            #expect(renamed.contains("- Rename field body of Article to content"))
            #expect(folder.files() == ["0002_rename_post_article_and_more.swift", "Migrations.swift"])
            let file = try folder.read("0002_rename_post_article_and_more.swift")
            #expect(file.contains(#"RenameModel(from: "Post", to: "Article", table: "blog_article"),"#))
            #expect(file.contains(#"AddField(model: "Article", FieldSpec("slug", .string(maxLength: 50)), default: .string("untitled")),"#))
        }
    }

    @Test func newNonNullableFieldNeedsADefault() async throws {
        let initial = Migration(app: "notes", name: "0001_initial", operations: [
            CreateModel("Note", table: "notes_note", fields: [FieldSpec("id", .autoIncrement)]),
        ])
        let target = ProjectState(models: [
            ModelState(app: "notes", name: "Note", table: "notes_note", fields: [FieldSpec("id", .autoIncrement), FieldSpec("title", .text)]),
        ])
        let from = try MigrationLoader(apps: [MigrationApp("notes", models: [], migrations: [initial], directory: "/x")]).finalState()
        let error = #expect(throws: MigrationError.self) {
            try Autodetector(from: from, to: target, questioner: MakeMigrationsAnswers()).changes()
        }
        #expect(error?.code == .needsDefault)
        #expect(error?.message.contains("--default Note.title=VALUE") == true)

        let changes = try Autodetector(from: from, to: target, questioner: MakeMigrationsAnswers(defaults: ["Note.title=Untitled"])).changes()
        let add = try #require(changes.operations["notes"]?.first as? AddField)
        #expect(add.defaultValue == .string("Untitled"))

        // Asked interactively instead.
        let asked = try Autodetector(from: from, to: target, questioner: MakeMigrationsAnswers(ask: { _ in "Draft" })).changes()
        #expect((asked.operations["notes"]?.first as? AddField)?.defaultValue == .string("Draft"))
    }

    @Test func lossyTypeChangesNeedPermission() throws {
        let from = ProjectState(models: [
            ModelState(app: "notes", name: "Note", table: "notes_note", fields: [FieldSpec("id", .autoIncrement), FieldSpec("title", .string(maxLength: 200))]),
        ])
        let narrower = ProjectState(models: [
            ModelState(app: "notes", name: "Note", table: "notes_note", fields: [FieldSpec("id", .autoIncrement), FieldSpec("title", .string(maxLength: 50))]),
        ])
        let wider = ProjectState(models: [
            ModelState(app: "notes", name: "Note", table: "notes_note", fields: [FieldSpec("id", .autoIncrement), FieldSpec("title", .text)]),
        ])
        let refused = #expect(throws: MigrationError.self) {
            try Autodetector(from: from, to: narrower, questioner: MakeMigrationsAnswers()).changes()
        }
        #expect(refused?.code == .lossyChange)
        #expect(refused?.message.contains("--allow-lossy") == true)

        let allowed = try Autodetector(from: from, to: narrower, questioner: MakeMigrationsAnswers(allowLossy: true)).changes()
        let alter = try #require(allowed.operations["notes"]?.first as? AlterField)
        #expect(alter.lossy)
        #expect(MigrationSerializer.compact(alter.source).hasSuffix("lossy: true)"))

        // Widening is never lossy; a hand-written lossy AlterField without `lossy: true` is refused.
        let widened = try Autodetector(from: from, to: wider, questioner: MakeMigrationsAnswers()).changes()
        #expect((widened.operations["notes"]?.first as? AlterField)?.lossy == false)
        var state = from
        #expect(throws: MigrationError.self) {
            try AlterField(model: "Note", FieldSpec("title", .string(maxLength: 50))).apply(to: &state, app: "notes")
        }
    }

    @Test(arguments: Backend.allCases)
    func showSQLAndPlan(backend: Backend) async throws {
        try await backend.withDatabase { db in
            let (v1, _) = try makeMigrations("blog", models: BlogV1.models, after: [])
            let (v2, _) = try makeMigrations("blog", models: BlogV2.models, after: v1.migrations, answers: blogRenames)
            let app = try testApp(db, v2)

            let pending = try await app.run(["showmigrations"])
            #expect(pending.contains("blog\n [ ] 0001_initial\n [ ] 0002_rename_post_article_and_more\n"))
            let plan = try await app.run(["migrate", "--plan"])
            #expect(plan.contains("Apply blog.0001_initial\n    - Create model Author"))

            let sql = try await app.run(["sqlmigrate", "blog", "0001"])
            #expect(sql.contains(#"CREATE TABLE "blog_post""#))
            #expect(try await tables(on: db).contains("blog_post") == false)

            let migrated = try await app.run(["migrate"])
            #expect(migrated.contains("Applying blog.0001_initial... OK"))
            #expect(migrated.contains("Applying blog.0002_rename_post_article_and_more... OK"))
            #expect(try await app.run(["showmigrations"]).contains(" [X] 0001_initial\n [X] 0002_rename_post_article_and_more\n"))
            #expect(try await app.run(["migrate"]).contains("No migrations to apply."))

            let rename = try await app.run(["sqlmigrate", "blog", "0002", "--backwards"])
            #expect(rename.contains(#"ALTER TABLE "blog_article" RENAME TO "blog_post""#))

            try await app.run(["migrate", "blog", "zero"])
            #expect(try await app.run(["showmigrations", "blog"]).contains(" [ ] 0001_initial"))
        }
    }

    @Test(arguments: Backend.allCases)
    func editedMigrationIsReported(backend: Backend) async throws {
        try await backend.withDatabase { db in
            let original = Migration(app: "notes", name: "0001_initial", operations: [
                CreateModel("Note", table: "notes_note", fields: [FieldSpec("id", .autoIncrement), FieldSpec("text", .text)]),
            ])
            try await testApp(db, MigrationApp("notes", models: [], migrations: [original], directory: "/x")).run(["migrate"])

            // Someone edits the applied migration instead of writing a new one.
            let edited = Migration(app: "notes", name: "0001_initial", operations: [
                CreateModel("Note", table: "notes_note", fields: [FieldSpec("id", .autoIncrement), FieldSpec("text", .string(maxLength: 80))]),
            ])
            let app = try testApp(db, MigrationApp("notes", models: [], migrations: [edited], directory: "/x"))
            let error = await #expect(throws: MigrationError.self) { try await app.run(["migrate"]) }
            #expect(error?.code == .editedMigration)
            #expect(error?.message.contains("notes.0001_initial") == true)
            #expect(try await app.run(["showmigrations"]).contains("[X] 0001_initial  (edited since it was applied)"))

            // After review, the new checksum can be accepted.
            #expect(try await app.run(["migrate", "--accept-edited"]).contains("Stored the new checksum of notes.0001_initial."))
            #expect(try await app.run(["migrate"]).contains("No migrations to apply."))
        }
    }

    @Test func emptyMigrationSkeletonAndDBShell() async throws {
        try await Backend.sqlite.withDatabase { db in
            let folder = try TemporaryFolder()
            let (v1, _) = try makeMigrations("blog", models: BlogV1.models, after: [])
            let app = try testApp(
                db, MigrationApp("blog", models: BlogV1.models, migrations: v1.migrations, directory: folder.path),
                databaseURL: "sqlite:///db.sqlite3"
            )
            let output = try await app.run(["makemigrations", "--empty", "--name", "fill slugs"])
            #expect(output.contains("0002_fill_slugs.swift"))
            let file = try folder.read("0002_fill_slugs.swift")
            #expect(file.contains("static let m0002_fill_slugs = Migration("))
            #expect(file.contains(#"dependencies: [.init("blog", "0001_initial")],"#))
            #expect(file.contains("RunSwift("))

            let shell = try await app.run(["dbshell", "--print-only"])
            #expect(shell == "sqlite3 db.sqlite3\n")
        }
    }
}
