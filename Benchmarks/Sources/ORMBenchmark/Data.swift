/// The data every implementation reads and writes, generated from fixed seeds so that the
/// three implementations (and every run) see exactly the same rows and the same inputs.
///
/// Tables (created from the RoostORM models by `SchemaEditor`, shared by all three):
/// - `bench_author` (id, name, email): 1,000 rows
/// - `bench_tag` (id, name): 50 rows
/// - `bench_post` (id, title, body, views, published, author_id → bench_author): 10,000 rows
/// - `bench_post_tag` (id, post_id, tag_id): 3 distinct tags per post, 30,000 rows
/// - `bench_item` (id, name, quantity, price, active): empty; the bulk-insert case fills it
enum BenchData {
    static let authorCount = 1_000
    static let tagCount = 50
    static let postCount = 10_000
    static let tagsPerPost = 3
    static let insertCount = 10_000
    /// Rows per page in the "fetch 20 rows" case and posts in the listing case.
    static let pageSize = 20
    static let listingSize = 100

    struct Author: Sendable {
        let id: Int64
        let name: String
        let email: String
    }

    struct Tag: Sendable {
        let id: Int64
        let name: String
    }

    struct Post: Sendable {
        let id: Int64
        let title: String
        let body: String
        let views: Int
        let published: Bool
        let authorID: Int64
        let tagIDs: [Int64]
    }

    struct Item: Sendable {
        let name: String
        let quantity: Int
        let price: Double
        let active: Bool
    }

    static let authors: [Author] = (1...authorCount).map {
        Author(id: Int64($0), name: "Author \($0)", email: "author\($0)@example.com")
    }

    static let tags: [Tag] = (1...tagCount).map { Tag(id: Int64($0), name: "tag-\($0)") }

    static let posts: [Post] = {
        var random = SplitMix64(seed: 0x5EED_0001)
        let words = ["swift", "server", "database", "query", "model", "async", "actor", "index",
                     "join", "cache", "router", "template", "pool", "driver", "schema", "row"]
        return (1...postCount).map { id in
            let title = "Post \(id): " + (0..<4).map { _ in words[random.next(below: words.count)] }.joined(separator: " ")
            let body = (0..<40).map { _ in words[random.next(below: words.count)] }.joined(separator: " ")
            var tagIDs: [Int64] = []
            while tagIDs.count < tagsPerPost {
                let tag = Int64(random.next(below: tagCount) + 1)
                if !tagIDs.contains(tag) { tagIDs.append(tag) }
            }
            return Post(
                id: Int64(id), title: title, body: body, views: random.next(below: 100_000),
                published: random.next(below: 5) != 0, authorID: Int64(random.next(below: authorCount) + 1),
                tagIDs: tagIDs.sorted())
        }
    }()

    /// The rows of the bulk-insert case (the same 10,000 for every implementation).
    static let items: [Item] = (0..<insertCount).map {
        Item(name: "item-\($0)", quantity: $0 % 100, price: Double($0 % 1000) / 4, active: $0 % 3 != 0)
    }

    /// Primary keys for the fetch-by-key case, uniformly random over the posts.
    static let lookupIDs: [Int64] = {
        var random = SplitMix64(seed: 0x5EED_0002)
        return (0..<4096).map { _ in Int64(random.next(below: postCount) + 1) }
    }()

    /// Keyset cursors (`id < cursor`) for the page and listing cases, leaving room for a full
    /// page below each.
    static let cursors: [Int64] = {
        var random = SplitMix64(seed: 0x5EED_0003)
        return (0..<4096).map { _ in Int64(random.next(below: postCount - 500) + 501) }
    }()
}

/// A small deterministic generator (SplitMix64), so the data does not depend on the
/// platform's random source.
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func next(below bound: Int) -> Int {
        Int(next() % UInt64(bound))
    }
}

/// The results every implementation must agree on, in one canonical text form per row.
enum Canonical {
    static func post(id: Int64, title: String, body: String, views: Int, published: Bool, authorID: Int64) -> String {
        "\(id)|\(title)|\(body)|\(views)|\(published)|\(authorID)"
    }

    static func item(name: String, quantity: Int, price: Double, active: Bool) -> String {
        "\(name)|\(quantity)|\(price)|\(active)"
    }

    static func listing(post: String, authorName: String, authorEmail: String, tags: [(Int64, String)]) -> String {
        let sorted = tags.sorted { $0.0 < $1.0 }
        return post + "|" + authorName + "|" + authorEmail + "|" + sorted.map { "\($0.0):\($0.1)" }.joined(separator: ",")
    }
}
