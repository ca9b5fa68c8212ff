import Foundation
import RoostDatabase
import RoostMigrations
import RoostORM
import Testing

@Suite("Round trips: models → makemigrations → migrate → change → migrate → back")
struct RoundTripTests {
    @Test(arguments: Backend.allCases)
    func blogRoundTrip(backend: Backend) async throws {
        try await backend.withDatabase { db in
            // 1. The first migration creates both tables.
            let (v1, initial) = try makeMigrations("blog", models: BlogV1.models, after: [])
            #expect(initial.map(\.name) == ["0001_initial"])
            try await MigrationExecutor(database: db, loader: MigrationLoader(apps: [v1])).migrate()

            var ada = BlogV1.Author(name: "Ada")
            try await ada.save(on: db)
            var post = BlogV1.Post(title: "Hello", body: "First words", legacyCode: "X1")
            try await post.save(on: db)
            var second = BlogV1.Post(title: "Again", body: "More words")
            try await second.save(on: db)

            // 2. The models change; makemigrations writes 0002 with the renames it was told about.
            let (v2, changes) = try makeMigrations("blog", models: BlogV2.models, after: initial, answers: blogRenames)
            let summaries = try #require(changes.first).operations.map(\.summary)
            #expect(summaries == [
                "Rename model Post to Article",
                "Rename field body of Article to content",
                "Remove field legacyCode from Article",
                "Add field slug to Article",
                "Add field author to Article",
                "Add index blog_article_slug_title_idx on Article",
            ])
            let v2Loader = try MigrationLoader(apps: [v2])
            try await MigrationExecutor(database: db, loader: v2Loader).migrate()

            // Rows are kept: renamed columns hold their data, the new column its default.
            let articles = try await BlogV2.Article.objects.orderBy(\.id).all(on: db)
            #expect(articles.map(\.content) == ["First words", "More words"])
            #expect(articles.map(\.slug) == ["untitled", "untitled"])
            #expect(articles.allSatisfy { $0.author == nil })
            var linked = articles[0]
            linked.author = try Reference(id: #require(ada.id))
            try await linked.save(on: db)

            // The models and the migrations now agree.
            let again = try makeMigrations("blog", models: BlogV2.models, after: v2.migrations)
            #expect(again.new.isEmpty)

            // 3. Back to 0001: the old table and columns return with their data.
            let executor = MigrationExecutor(database: db, loader: v2Loader)
            try await executor.migrate(to: .migration(MigrationKey("blog", "0001_initial")))
            let posts = try await BlogV1.Post.objects.orderBy(\.id).all(on: db)
            #expect(posts.map(\.body) == ["First words", "More words"])
            #expect(posts.map(\.title) == ["Hello", "Again"])

            // Forward again: the data is still there.
            try await executor.migrate()
            #expect(try await BlogV2.Article.objects.orderBy(\.id).all(on: db).map(\.content) == ["First words", "More words"])

            // 4. Back to zero: no tables; forward: empty tables.
            try await executor.migrate(to: .zero(app: "blog"))
            #expect(try await tables(on: db).filter { $0.hasPrefix("blog_") }.isEmpty)
            try await executor.migrate()
            #expect(try await BlogV2.Article.objects.count(on: db) == 0)
            #expect(try await Set(tables(on: db)).isSuperset(of: ["blog_author", "blog_article"]))
        }
    }
}

/// The tables of the database.
func tables(on db: Database) async throws -> [String] {
    let sql: SQL =
        db.dialect.name == "sqlite"
        ? "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
        : "SELECT table_name::text FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY 1"
    return try await db.query(sql).map { try $0.decode(String.self, at: 0) }
}
