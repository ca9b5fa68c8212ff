import RoostORM
import RoostPostgres
import RoostSQLite

// MARK: Models (they also define the schema all three implementations share)

@Model(table: "bench_author")
struct Author {
    var id: Int64?
    @Field(maxLength: 100) var name: String
    @Field(maxLength: 200) var email: String
}

@Model(table: "bench_tag")
struct Tag {
    var id: Int64?
    @Field(maxLength: 50, unique: true) var name: String
}

@Model(table: "bench_post")
struct Post {
    var id: Int64?
    @Field(maxLength: 200) var title: String
    var body: String
    var views: Int = 0
    var published: Bool = false
    @ForeignKey(onDelete: .cascade, relatedName: "posts") var author: Reference<Author>
    @ManyToMany(table: "bench_post_tag") var tags: ManyToMany<Tag>
}

@Model(table: "bench_item")
struct Item {
    var id: Int64?
    @Field(maxLength: 100) var name: String
    var quantity: Int
    var price: Double
    var active: Bool
}

let benchmarkModels: [any Model.Type] = [Author.self, Tag.self, Post.self, Item.self]

// MARK: Setup through Roost's database layer (schema, seed data, checks)

/// Creates the schema from the models and loads the seed data with multi-row inserts, using
/// RoostDatabase directly (not timed).
enum BenchSchema {
    static func create(on db: Database) async throws {
        let editor = SchemaEditor(database: db)
        try await editor.dropTables(for: benchmarkModels)
        try await editor.createTables(for: benchmarkModels)
        try await db.transaction { tx in
            for chunk in BenchData.authors.chunked(500) {
                let rows: [SQL] = chunk.map { "(\($0.id), \($0.name), \($0.email))" }
                try await tx.execute("INSERT INTO bench_author (id, name, email) VALUES \(rows.joined(separator: ", "))")
            }
            let tags: [SQL] = BenchData.tags.map { "(\($0.id), \($0.name))" }
            try await tx.execute("INSERT INTO bench_tag (id, name) VALUES \(tags.joined(separator: ", "))")
            for chunk in BenchData.posts.chunked(500) {
                let rows: [SQL] = chunk.map {
                    "(\($0.id), \($0.title), \($0.body), \($0.views), \($0.published), \($0.authorID))"
                }
                try await tx.execute(
                    "INSERT INTO bench_post (id, title, body, views, published, author_id) VALUES \(rows.joined(separator: ", "))")
            }
            var linkID: Int64 = 0
            for chunk in BenchData.posts.chunked(500) {
                var rows: [SQL] = []
                for post in chunk {
                    for tag in post.tagIDs {
                        linkID += 1
                        rows.append("(\(linkID), \(post.id), \(tag))")
                    }
                }
                try await tx.execute("INSERT INTO bench_post_tag (id, post_id, tag_id) VALUES \(rows.joined(separator: ", "))")
            }
        }
        try await db.execute("ANALYZE")
    }

    /// Empties the bulk-insert table.
    static func clearItems(on db: Database, backend: Backend) async throws {
        switch backend {
        case .sqlite: try await db.execute("DELETE FROM bench_item")
        case .postgres: try await db.execute("TRUNCATE bench_item")
        }
    }

    /// The bulk-insert table's rows in canonical form (sorted in Swift, so that collations do
    /// not matter), and their ids.
    static func items(on db: Database) async throws -> (lines: [String], ids: Set<Int64>) {
        var lines: [String] = []
        var ids = Set<Int64>()
        for row in try await db.query("SELECT id, name, quantity, price, active FROM bench_item") {
            ids.insert(try row.decode(Int64.self, at: 0))
            lines.append(Canonical.item(
                name: try row.decode(String.self, at: 1), quantity: try row.decode(Int.self, at: 2),
                price: try row.decode(Double.self, at: 3), active: try row.decode(Bool.self, at: 4)))
        }
        return (lines.sorted(), ids)
    }
}

extension Array {
    func chunked(_ size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min(count, $0 + size)] }
    }
}

// MARK: The ORM, used as an application would

/// Each case written the way a Roost user would: QuerySets, no SQL.
struct RoostImplementation {
    let db: Database
    /// A separate handle for untimed resets and checks.
    let admin: Database
    let backend: Backend

    func fetchPost(_ id: Int64) async throws -> Post {
        try await Post.objects.get(pk: id, on: db)
    }

    func page(before cursor: Int64) async throws -> [Post] {
        try await Post.objects
            .filter { $0.published == true && $0.id < cursor }
            .orderBy(\.id, .descending)[0..<BenchData.pageSize]
            .all(on: db)
    }

    func insert(_ items: [BenchData.Item]) async throws -> [Item] {
        let models = items.map { Item(name: $0.name, quantity: $0.quantity, price: $0.price, active: $0.active) }
        return try await Item.objects.bulkCreate(models, on: db)
    }

    func listing(before cursor: Int64) async throws -> [Post] {
        try await Post.objects
            .filter { $0.published == true && $0.id < cursor }
            .orderBy(\.id, .descending)[0..<BenchData.listingSize]
            .selectRelated(\.author)
            .prefetchRelated(\.tags)
            .all(on: db)
    }

    func implementation() -> Implementation {
        let ids = BenchData.lookupIDs, cursors = BenchData.cursors
        let items = BenchData.items
        var operations: [BenchCase: Operation] = [:]
        operations[.getByKey] = Operation(
            run: { index in Int(try await fetchPost(ids[index % ids.count]).id!) },
            verify: { index in [Self.line(try await fetchPost(ids[index % ids.count]))] })
        operations[.page] = Operation(
            run: { index in try await page(before: cursors[index % cursors.count]).reduce(0) { $0 &+ Int($1.id!) } },
            verify: { index in try await page(before: cursors[index % cursors.count]).map(Self.line) })
        operations[.bulkInsert] = Operation(
            run: { _ in try await insert(items).reduce(0) { $0 &+ Int($1.id!) } },
            verify: { _ in
                let created = try await insert(items)
                let stored = try await BenchSchema.items(on: admin)
                guard Set(created.compactMap(\.id)) == stored.ids, created.count == items.count else {
                    throw BenchmarkError("Roost bulkCreate returned ids that are not the stored rows' ids")
                }
                return stored.lines
            },
            reset: { [admin, backend] in try await BenchSchema.clearItems(on: admin, backend: backend) })
        operations[.listing] = Operation(
            run: { index in
                try await listing(before: cursors[index % cursors.count]).reduce(0) {
                    $0 &+ Int($1.id!) &+ Int($1.author.object!.id!) &+ $1.tags.objects!.count
                }
            },
            verify: { index in
                try await listing(before: cursors[index % cursors.count]).map { post in
                    guard let author = post.author.object, let tags = post.tags.objects else {
                        throw BenchmarkError("Roost listing did not load the relations")
                    }
                    return Canonical.listing(
                        post: Self.line(post), authorName: author.name, authorEmail: author.email,
                        tags: tags.map { ($0.id!, $0.name) })
                }
            })
        return Implementation(kind: .roost, operations: operations, shutdown: { [db] in await db.shutdown() })
    }

    static func line(_ post: Post) -> String {
        Canonical.post(id: post.id!, title: post.title, body: post.body, views: post.views, published: post.published,
                       authorID: post.author.id)
    }
}
