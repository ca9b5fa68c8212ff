/// What both hand-written driver implementations (sqlite-nio, postgres-nio) share: the row
/// shapes they decode into and the benchmark operations built from their four queries.
protocol RawSide: Sendable {
    /// The driver's name in error messages ("SQLite", "PostgreSQL").
    var driverName: String { get }
    func fetchPost(_ id: Int64) async throws -> RawPostRow
    func page(before cursor: Int64) async throws -> [RawPostRow]
    func insert(_ items: [BenchData.Item]) async throws -> [Int64]
    func listing(before cursor: Int64) async throws -> [RawListingRow]
    func close() async throws
}

struct RawPostRow: Sendable {
    let id: Int64
    let title: String
    let body: String
    let views: Int
    let published: Bool
    let authorID: Int64
}

struct RawListingRow: Sendable {
    let post: RawPostRow
    let author: BenchData.Author
    var tags: [(id: Int64, name: String)]
}

extension RawSide {
    func implementation(admin: @escaping @Sendable () async throws -> Void,
                        storedItems: @escaping @Sendable () async throws -> (lines: [String], ids: Set<Int64>)) -> Implementation {
        let ids = BenchData.lookupIDs, cursors = BenchData.cursors
        let items = BenchData.items
        let driverName = self.driverName
        var operations: [BenchCase: Operation] = [:]
        operations[.getByKey] = Operation(
            run: { index in Int(try await self.fetchPost(ids[index % ids.count]).id) },
            verify: { index in [Self.line(try await self.fetchPost(ids[index % ids.count]))] })
        operations[.page] = Operation(
            run: { index in try await self.page(before: cursors[index % cursors.count]).reduce(0) { $0 &+ Int($1.id) } },
            verify: { index in try await self.page(before: cursors[index % cursors.count]).map(Self.line) })
        operations[.bulkInsert] = Operation(
            run: { _ in try await self.insert(items).reduce(0) { $0 &+ Int($1) } },
            verify: { _ in
                let created = try await self.insert(items)
                let stored = try await storedItems()
                guard Set(created) == stored.ids, created.count == items.count else {
                    throw BenchmarkError("raw \(driverName) insert returned ids that are not the stored rows' ids")
                }
                return stored.lines
            },
            reset: admin)
        operations[.listing] = Operation(
            run: { index in
                try await self.listing(before: cursors[index % cursors.count]).reduce(0) {
                    $0 &+ Int($1.post.id) &+ Int($1.author.id) &+ $1.tags.count
                }
            },
            verify: { index in
                try await self.listing(before: cursors[index % cursors.count]).map {
                    Canonical.listing(post: Self.line($0.post), authorName: $0.author.name, authorEmail: $0.author.email,
                                      tags: $0.tags.map { ($0.id, $0.name) })
                }
            })
        return Implementation(kind: .raw, operations: operations, shutdown: { try await self.close() })
    }

    static func line(_ post: RawPostRow) -> String {
        Canonical.post(id: post.id, title: post.title, body: post.body, views: post.views, published: post.published,
                       authorID: post.authorID)
    }
}
