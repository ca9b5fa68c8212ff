import Foundation
import RoostDatabase
import RoostORM
import RoostSQLite
import Testing

@Model(table: "orm_archived_note", database: "archive")
struct ArchivedNote {
    var id: Int64?
    var text: String
}

@Suite(.serialized) struct RawAndRoutingTests {
    @Test(arguments: Backend.allCases)
    func mapsRawSQLIntoModelsByColumnName(_ backend: Backend) async throws {
        try await backend.withDatabase { db in
            _ = try await seed(db)
            let minimum = 6
            let popular = try await Article.raw(
                "SELECT \(identifier: "title"), \(identifier: "id"), * FROM \(identifier: "orm_article") WHERE \(identifier: "views") > \(minimum) ORDER BY \(identifier: "views")",
                on: db
            )
            #expect(popular.map(\.title) == ["Swift on the server", "NIO in depth"])
            await #expect(throws: QueryError.self) {
                _ = try await Article.raw("SELECT \(identifier: "id") FROM \(identifier: "orm_article")", on: db)
            }
        }
    }

    @Test func routesModelsToTheirNamedDatabase() async throws {
        let databases = try Databases(
            urls: ["default": "sqlite::memory:", "archive": "sqlite::memory:"], backends: [SQLiteBackend()]
        )
        let archive = try databases.writing(ArchivedNote.self)
        #expect(archive.name == "archive")
        try await SchemaEditor(database: archive).createTables(for: [ArchivedNote.self])
        _ = try await ArchivedNote.objects.create(ArchivedNote(text: "old"), on: archive)
        #expect(try await ArchivedNote.objects.count(on: databases.reading(ArchivedNote.self)) == 1)
        #expect(try databases.reading(Author.self).name == "default")
        await databases.shutdown()
    }
}
