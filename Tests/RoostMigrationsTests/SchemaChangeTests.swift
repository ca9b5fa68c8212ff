import Foundation
import RoostDatabase
import RoostMigrations
import RoostORM
import Testing

@Suite("Schema changes keep data and constraints")
struct SchemaChangeTests {
    static let initial = Migration(app: "library", name: "0001_initial", operations: [
        CreateModel("Author", table: "lib_author", fields: [
            FieldSpec("id", .autoIncrement),
            FieldSpec("name", .string(maxLength: 50)),
            FieldSpec("nickname", .string(maxLength: 50), nullable: true),
        ]),
        CreateModel("Book", table: "lib_book", fields: [
            FieldSpec("id", .autoIncrement),
            FieldSpec("title", .string(maxLength: 100)),
            FieldSpec("author", .bigInteger, indexed: true, references: "Author", onDelete: .cascade),
        ]),
        CreateModel("Tag", table: "lib_tag", fields: [FieldSpec("id", .autoIncrement), FieldSpec("name", .text)]),
        CreateJoinTable(model: "Book", JoinTableSpec(field: "tags", target: "Tag", table: "book_tags", sourceColumn: "book_id", targetColumn: "tag_id")),
    ])

    static let changes = Migration(app: "library", name: "0002_changes", dependencies: [initial.key], operations: [
        AlterField(model: "Author", FieldSpec("name", .text)),
        AlterField(model: "Author", FieldSpec("nickname", .string(maxLength: 50)), default: .string("anon")),
        AlterField(model: "Book", FieldSpec("title", .string(maxLength: 100), unique: true)),
        AddField(model: "Book", FieldSpec("pages", .integer), default: .int(100)),
        AddConstraint(model: "Book", .check("lib_book_pages_positive", .comparison(.column(.root, "pages"), .greater, .value(.int(0))))),
        RenameModel(from: "Book", to: "Volume", table: "lib_volume"),
        AlterJoinTable(model: "Volume", JoinTableSpec(field: "tags", target: "Tag", table: "volume_tags", sourceColumn: "volume_id", targetColumn: "tag_id")),
        RenameField(model: "Volume", from: "author", to: "writer"),
    ])

    @Test(arguments: Backend.allCases)
    func alterationsKeepRowsLinksAndForeignKeys(backend: Backend) async throws {
        try await backend.withDatabase { db in
            let app = MigrationApp("library", models: [], migrations: [Self.initial, Self.changes], directory: "/nonexistent")
            let executor = MigrationExecutor(database: db, loader: try MigrationLoader(apps: [app]))
            try await executor.migrate(to: .migration(Self.initial.key))
            try await db.execute("INSERT INTO lib_author (id, name, nickname) VALUES (1, 'Ursula', NULL), (2, 'Terry', 'Pratchett')")
            try await db.execute("INSERT INTO lib_book (id, title, author_id) VALUES (1, 'Earthsea', 1), (2, 'Mort', 2), (3, 'Lathe', 1)")
            try await db.execute("INSERT INTO lib_tag (id, name) VALUES (1, 'fantasy')")
            try await db.execute("INSERT INTO book_tags (book_id, tag_id) VALUES (1, 1), (2, 1)")

            try await executor.migrate()

            #expect(try await strings("SELECT nickname FROM lib_author ORDER BY id", db) == ["anon", "Pratchett"])
            #expect(try await strings("SELECT title FROM lib_volume ORDER BY id", db) == ["Earthsea", "Mort", "Lathe"])
            #expect(try await db.queryValue("SELECT SUM(pages) FROM lib_volume", as: Int.self) == 300)
            #expect(try await db.queryValue("SELECT COUNT(*) FROM volume_tags WHERE volume_id IN (1, 2)", as: Int.self) == 2)
            #expect(try await db.queryValue("SELECT COUNT(*) FROM lib_volume WHERE writer_id = 1", as: Int.self) == 2)

            // The constraints hold: unique title, positive pages, NOT NULL nickname.
            await #expect(throws: DatabaseError.self) {
                try await db.execute("INSERT INTO lib_volume (title, writer_id, pages) VALUES ('Mort', 2, 10)")
            }
            await #expect(throws: DatabaseError.self) {
                try await db.execute("INSERT INTO lib_volume (title, writer_id, pages) VALUES ('Eric', 2, 0)")
            }
            await #expect(throws: DatabaseError.self) {
                try await db.execute("INSERT INTO lib_author (name, nickname) VALUES ('Anne', NULL)")
            }
            // Foreign keys still cascade, from the rebuilt author table to the renamed volume table.
            try await db.execute("DELETE FROM lib_author WHERE id = 2")
            #expect(try await strings("SELECT title FROM lib_volume ORDER BY id", db) == ["Earthsea", "Lathe"])
            #expect(try await db.queryValue("SELECT COUNT(*) FROM volume_tags", as: Int.self) == 1)
            await #expect(throws: DatabaseError.self) {
                try await db.execute("INSERT INTO lib_volume (title, writer_id, pages) VALUES ('Ghost', 99, 10)")
            }

            // Back to 0001: the old names return with the rows.
            try await executor.migrate(to: .migration(Self.initial.key))
            #expect(try await strings("SELECT title FROM lib_book ORDER BY id", db) == ["Earthsea", "Lathe"])
            #expect(try await db.queryValue("SELECT COUNT(*) FROM book_tags", as: Int.self) == 1)
            #expect(try await columns(of: "lib_book", on: db) == ["id", "title", "author_id"])
            try await db.execute("INSERT INTO lib_author (id, name, nickname) VALUES (3, 'Anne', NULL)")
            try await executor.migrate()
            #expect(try await strings("SELECT nickname FROM lib_author ORDER BY id", db) == ["anon", "anon"])
        }
    }

    @Test(arguments: Backend.allCases)
    func modelsWithJoinTablesAndReferencesAreDetected(backend: Backend) async throws {
        try await backend.withDatabase { db in
            let (app, new) = try makeMigrations("shelf", models: Shelf.models, after: [])
            let operations = try #require(new.first).operations.map(\.summary)
            // The referenced tables come first, the join table once both exist.
            #expect(operations == [
                "Create model Owner",
                "Create model Item",
                "Create model Label",
                "Create join table item_labels for Item.labels",
            ])
            try await MigrationExecutor(database: db, loader: try MigrationLoader(apps: [app])).migrate()
            var owner = Shelf.Owner(name: "Grace")
            try await owner.save(on: db)
            var label = Shelf.Label(name: "red")
            try await label.save(on: db)
            var item = Shelf.Item(title: "Cup", owner: try Reference(id: #require(owner.id)), labels: ManyToMany())
            try await item.save(on: db)
            try await item.relation(\.labels).add(label, on: db)
            let loaded = try await Shelf.Item.objects.prefetchRelated(\.labels).all(on: db)
            #expect(loaded.map { $0.labels.objects?.map(\.name) ?? [] } == [["red"]])
            #expect(try makeMigrations("shelf", models: Shelf.models, after: app.migrations).new.isEmpty)
        }
    }
}

enum Shelf {
    @Model(table: "shelf_owner")
    struct Owner {
        var id: Int64?
        var name: String
    }

    @Model(table: "shelf_label")
    struct Label {
        var id: Int64?
        @Field(maxLength: 20, unique: true) var name: String
    }

    @Model(table: "shelf_item")
    struct Item {
        var id: Int64?
        var title: String
        @ForeignKey(onDelete: .protect) var owner: Reference<Shelf.Owner>
        @ManyToMany(table: "item_labels") var labels: ManyToMany<Shelf.Label>

        static var constraints: [ModelConstraint<Item>] {
            [.check("shelf_item_title_not_empty") { $0.title != "" }]
        }
    }

    static let models: [any Model.Type] = [Item.self, Owner.self, Label.self]
}

private func strings(_ sql: SQL, _ db: Database) async throws -> [String] {
    try await db.query(sql).map { try $0.decode(String.self, at: 0) }
}
