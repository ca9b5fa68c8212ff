import Foundation
import RoostMigrations
import RoostORM

/// The blog as it starts: authors and posts.
enum BlogV1 {
    @Model(table: "blog_author")
    struct Author {
        var id: Int64?
        @Field(maxLength: 100) var name: String
    }

    @Model(table: "blog_post")
    struct Post {
        var id: Int64?
        @Field(maxLength: 200) var title: String
        var body: String
        var legacyCode: String = ""
    }

    static let models: [any Model.Type] = [Author.self, Post.self]
}

/// The blog after a round of changes: `Post` renamed to `Article` (and its table), `body`
/// renamed to `content`, a `slug` with a default added, a reference to the author added,
/// an index added, `legacyCode` dropped.
enum BlogV2 {
    @Model(table: "blog_author")
    struct Author {
        var id: Int64?
        @Field(maxLength: 100) var name: String
    }

    @Model(table: "blog_article")
    struct Article {
        var id: Int64?
        @Field(maxLength: 200) var title: String
        var content: String
        @Field(maxLength: 50) var slug: String = "untitled"
        @ForeignKey(onDelete: .cascade) var author: Reference<BlogV2.Author>?

        static var indexes: [ModelIndex<Article>] { [ModelIndex(\.slug, \.title)] }
    }

    static let models: [any Model.Type] = [Author.self, Article.self]
}

/// The answers a developer gives `makemigrations` for the V1 → V2 change.
let blogRenames = MakeMigrationsAnswers(modelRenames: ["Post:Article"], fieldRenames: ["Article.body:content"])

/// Makes the next migrations for `app`'s models, as `makemigrations` does, and returns the
/// app with them registered (what rebuilding the app does).
func makeMigrations(
    _ label: String,
    models: [any Model.Type],
    after existing: [Migration],
    answers: MakeMigrationsAnswers = MakeMigrationsAnswers()
) throws -> (app: MigrationApp, new: [Migration]) {
    let current = MigrationApp(label, models: models, migrations: existing, directory: "/nonexistent")
    let loader = try MigrationLoader(apps: [current])
    let changes = try Autodetector(
        from: loader.finalState(), to: loader.modelState(), defaults: loader.modelDefaults(), questioner: answers
    ).changes()
    let new = try changes.migrations(after: loader.graph, state: loader.modelState())
    return (MigrationApp(label, models: models, migrations: existing + new, directory: "/nonexistent"), new)
}
