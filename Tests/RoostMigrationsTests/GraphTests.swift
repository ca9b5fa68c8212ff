import Foundation
import RoostDatabase
import RoostMigrations
import Testing

@Suite("The migration graph")
struct GraphTests {
    static func migration(_ name: String, _ dependencies: [String] = [], app: String = "blog") -> Migration {
        Migration(app: app, name: name, dependencies: dependencies.map { MigrationKey(app, $0) }, operations: [])
    }

    @Test func ordersByDependenciesAndFindsLeaves() throws {
        let graph = try MigrationGraph(migrations: [
            Self.migration("0003_c", ["0002_b"]), Self.migration("0001_a"), Self.migration("0002_b", ["0001_a"]),
        ])
        #expect(graph.orderedKeys.map(\.name) == ["0001_a", "0002_b", "0003_c"])
        #expect(graph.leaves(app: "blog").map(\.name) == ["0003_c"])
        #expect(graph.conflicts.isEmpty)
        let plan = try graph.plan(to: .latest, applied: [MigrationKey("blog", "0001_a")])
        #expect(plan.map(\.description) == ["Apply blog.0002_b", "Apply blog.0003_c"])
        let back = try graph.plan(to: .migration(MigrationKey("blog", "0001_a")), applied: Set(graph.orderedKeys))
        #expect(back.map(\.description) == ["Unapply blog.0003_c", "Unapply blog.0002_b"])
    }

    @Test func reportsMissingDependenciesAndCycles() {
        #expect(throws: MigrationError.self) { try MigrationGraph(migrations: [Self.migration("0002_b", ["0001_a"])]) }
        let cycle = #expect(throws: MigrationError.self) {
            try MigrationGraph(migrations: [Self.migration("0001_a", ["0002_b"]), Self.migration("0002_b", ["0001_a"])])
        }
        #expect(cycle?.code == .cycle)
    }

    @Test(arguments: Backend.allCases)
    func twoLeavesStopMigrateUntilMerged(backend: Backend) async throws {
        try await backend.withDatabase { db in
            let initial = Migration(app: "blog", name: "0001_initial", operations: [
                CreateModel("Note", table: "blog_note", fields: [FieldSpec("id", .autoIncrement), FieldSpec("text", .text)]),
            ])
            // Two developers each added a field on their branch.
            let alice = Migration(app: "blog", name: "0002_add_note_title", dependencies: [initial.key], operations: [
                AddField(model: "Note", FieldSpec("title", .text, nullable: true)),
            ])
            let bob = Migration(app: "blog", name: "0002_add_note_pinned", dependencies: [initial.key], operations: [
                AddField(model: "Note", FieldSpec("pinned", .boolean), default: .bool(false)),
            ])
            let branched = MigrationApp("blog", models: [], migrations: [initial, alice, bob], directory: "/nonexistent")
            let executor = MigrationExecutor(database: db, loader: try MigrationLoader(apps: [branched]))
            let error = await #expect(throws: MigrationError.self) { try await executor.migrate() }
            #expect(error?.code == .conflict)
            #expect(error?.message.contains("blog: 0002_add_note_pinned, 0002_add_note_title") == true)
            #expect(error?.message.contains("makemigrations --merge") == true)
            #expect(try await tables(on: db).contains("blog_note") == false)

            // `makemigrations --merge` writes the merge migration; rebuilt, migrate applies all.
            let folder = try TemporaryFolder()
            let app = try testApp(db, MigrationApp("blog", models: [], migrations: [initial, alice, bob], directory: folder.path))
            let output = try await app.run(["makemigrations", "--merge"])
            #expect(output.contains("Merging blog: 0002_add_note_pinned and 0002_add_note_title"))
            let written = try folder.read("0003_merge_0002_add_note_pinned_0002_add_note_title.swift")
            #expect(written.contains(#"dependencies: [.init("blog", "0002_add_note_pinned"), .init("blog", "0002_add_note_title")]"#))
            #expect(try folder.read("Migrations.swift").contains("m0003_merge_0002_add_note_pinned_0002_add_note_title,"))

            let merge = Migration(app: "blog", name: "0003_merge_0002_add_note_pinned_0002_add_note_title", dependencies: [bob.key, alice.key], operations: [])
            let merged = MigrationApp("blog", models: [], migrations: [initial, alice, bob, merge], directory: "/nonexistent")
            let steps = try await MigrationExecutor(database: db, loader: try MigrationLoader(apps: [merged])).migrate()
            #expect(steps.count == 4)
            #expect(Set(try await columns(of: "blog_note", on: db)) == ["id", "text", "title", "pinned"])
        }
    }
}
