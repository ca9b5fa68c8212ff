import FluentKit
import FluentPostgresDriver
import FluentSQLiteDriver
import Logging
import NIOCore
import NIOPosix

// MARK: Models, declared as Fluent's documentation does, over the same tables

final class FluentAuthor: Model, @unchecked Sendable {
    static let schema = "bench_author"

    @ID(custom: "id") var id: Int?
    @Field(key: "name") var name: String
    @Field(key: "email") var email: String

    init() {}
}

final class FluentTag: Model, @unchecked Sendable {
    static let schema = "bench_tag"

    @ID(custom: "id") var id: Int?
    @Field(key: "name") var name: String

    init() {}
}

final class FluentPost: Model, @unchecked Sendable {
    static let schema = "bench_post"

    @ID(custom: "id") var id: Int?
    @Field(key: "title") var title: String
    @Field(key: "body") var body: String
    @Field(key: "views") var views: Int
    @Field(key: "published") var published: Bool
    @Parent(key: "author_id") var author: FluentAuthor
    @Siblings(through: FluentPostTag.self, from: \.$post, to: \.$tag) var tags: [FluentTag]

    init() {}
}

final class FluentPostTag: Model, @unchecked Sendable {
    static let schema = "bench_post_tag"

    @ID(custom: "id") var id: Int?
    @Parent(key: "post_id") var post: FluentPost
    @Parent(key: "tag_id") var tag: FluentTag

    init() {}
}

final class FluentItem: Model, @unchecked Sendable {
    static let schema = "bench_item"

    @ID(custom: "id") var id: Int?
    @Field(key: "name") var name: String
    @Field(key: "quantity") var quantity: Int
    @Field(key: "price") var price: Double
    @Field(key: "active") var active: Bool

    init() {}

    init(name: String, quantity: Int, price: Double, active: Bool) {
        self.name = name
        self.quantity = quantity
        self.price = price
        self.active = active
    }
}

// MARK: Queries, as Fluent's documentation writes them

/// FluentKit used directly (no Vapor): a `Databases` with the SQLite or PostgreSQL driver.
final class FluentImplementation: Sendable {
    let databases: Databases
    let db: any Database

    private init(databases: Databases, id: DatabaseID) {
        self.databases = databases
        self.db = databases.database(id, logger: Logger(label: "fluent"), on: MultiThreadedEventLoopGroup.singleton.any())!
    }

    static func sqlite(path: String) -> FluentImplementation {
        let databases = Databases(threadPool: NIOThreadPool.singleton, on: MultiThreadedEventLoopGroup.singleton)
        databases.use(.sqlite(.file(path)), as: .sqlite)
        return FluentImplementation(databases: databases, id: .sqlite)
    }

    static func postgres(url: String) throws -> FluentImplementation {
        let databases = Databases(threadPool: NIOThreadPool.singleton, on: MultiThreadedEventLoopGroup.singleton)
        databases.use(try .postgres(url: url), as: .psql)
        return FluentImplementation(databases: databases, id: .psql)
    }

    func fetchPost(_ id: Int) async throws -> FluentPost {
        guard let post = try await FluentPost.find(id, on: db) else { throw BenchmarkError("post \(id) not found") }
        return post
    }

    func page(before cursor: Int) async throws -> [FluentPost] {
        try await FluentPost.query(on: db)
            .filter(\.$published == true)
            .filter(\.$id < cursor)
            .sort(\.$id, .descending)
            .limit(BenchData.pageSize)
            .all()
    }

    func insert(_ items: [BenchData.Item]) async throws -> [FluentItem] {
        let models = items.map { FluentItem(name: $0.name, quantity: $0.quantity, price: $0.price, active: $0.active) }
        try await models.create(on: db)
        return models
    }

    func listing(before cursor: Int) async throws -> [FluentPost] {
        try await FluentPost.query(on: db)
            .filter(\.$published == true)
            .filter(\.$id < cursor)
            .sort(\.$id, .descending)
            .limit(BenchData.listingSize)
            .with(\.$author)
            .with(\.$tags)
            .all()
    }

    func implementation(admin: @escaping @Sendable () async throws -> Void,
                        storedItems: @escaping @Sendable () async throws -> (lines: [String], ids: Set<Int64>)) -> Implementation {
        let ids = BenchData.lookupIDs.map { Int($0) }, cursors = BenchData.cursors.map { Int($0) }
        let items = BenchData.items
        var operations: [BenchCase: Operation] = [:]
        operations[.getByKey] = Operation(
            run: { index in try await self.fetchPost(ids[index % ids.count]).id! },
            verify: { index in [Self.line(try await self.fetchPost(ids[index % ids.count]))] })
        operations[.page] = Operation(
            run: { index in try await self.page(before: cursors[index % cursors.count]).reduce(0) { $0 &+ $1.id! } },
            verify: { index in try await self.page(before: cursors[index % cursors.count]).map(Self.line) })
        operations[.bulkInsert] = Operation(
            run: { _ in try await self.insert(items).count },
            verify: { _ in
                let created = try await self.insert(items)
                let stored = try await storedItems()
                guard created.count == items.count, stored.ids.count == items.count else {
                    throw BenchmarkError("Fluent inserted \(stored.ids.count) rows, not \(items.count)")
                }
                return stored.lines
            },
            reset: admin)
        operations[.listing] = Operation(
            run: { index in
                try await self.listing(before: cursors[index % cursors.count]).reduce(0) {
                    $0 &+ $1.id! &+ $1.author.id! &+ $1.tags.count
                }
            },
            verify: { index in
                try await self.listing(before: cursors[index % cursors.count]).map { post in
                    Canonical.listing(
                        post: Self.line(post), authorName: post.author.name, authorEmail: post.author.email,
                        tags: post.tags.map { (Int64($0.id!), $0.name) })
                }
            })
        return Implementation(kind: .fluent, operations: operations, shutdown: { await self.databases.shutdownAsync() })
    }

    static func line(_ post: FluentPost) -> String {
        Canonical.post(id: Int64(post.id!), title: post.title, body: post.body, views: post.views, published: post.published,
                       authorID: Int64(post.$author.id))
    }
}
