import Logging
import NIOCore
import NIOPosix
import SQLiteNIO

/// Hand-written SQL on one sqlite-nio connection, rows decoded by position into plain
/// structs inside the driver's row callback: the fastest reasonable sqlite-nio code.
final class RawSQLiteImplementation: RawSide {
    let connection: SQLiteConnection
    let thread: NIOThreadPool

    private init(connection: SQLiteConnection, thread: NIOThreadPool) {
        self.connection = connection
        self.thread = thread
    }

    /// Opens the connection with the settings Roost's driver also uses (WAL is a property of
    /// the database file; foreign keys and the busy time-out are per connection), on a thread
    /// of its own as Roost's connections run: one warm thread rather than the shared pool.
    static func open(path: String) async throws -> RawSQLiteImplementation {
        let thread = NIOThreadPool(numberOfThreads: 1)
        thread.start()
        let connection = try await SQLiteConnection.open(
            storage: .file(path: path), threadPool: thread, logger: Logger(label: "raw.sqlite"),
            on: MultiThreadedEventLoopGroup.singleton.any())
        _ = try await connection.query("PRAGMA busy_timeout = 5000")
        _ = try await connection.query("PRAGMA foreign_keys = ON")
        return RawSQLiteImplementation(connection: connection, thread: thread)
    }

    var driverName: String { "SQLite" }

    func close() async throws {
        try await connection.close()
        try await thread.shutdownGracefully()
    }

    /// Collects decoded rows; written only by the driver's thread while the statement runs and
    /// read after the query returns.
    final class Rows<Element>: @unchecked Sendable {
        var elements: [Element] = []
    }

    private static func post(_ columns: [SQLiteColumn], at offset: Int = 0) -> RawPostRow {
        RawPostRow(
            id: Int64(columns[offset].data.integer!), title: columns[offset + 1].data.string!,
            body: columns[offset + 2].data.string!, views: columns[offset + 3].data.integer!,
            published: columns[offset + 4].data.integer! != 0, authorID: Int64(columns[offset + 5].data.integer!))
    }

    func fetchPost(_ id: Int64) async throws -> RawPostRow {
        let rows = Rows<RawPostRow>()
        try await connection.query(
            "SELECT id, title, body, views, published, author_id FROM bench_post WHERE id = ?", [.integer(Int(id))]
        ) { rows.elements.append(Self.post($0.columns)) }
        guard let post = rows.elements.first else { throw BenchmarkError("post \(id) not found") }
        return post
    }

    func page(before cursor: Int64) async throws -> [RawPostRow] {
        let rows = Rows<RawPostRow>()
        try await connection.query(
            "SELECT id, title, body, views, published, author_id FROM bench_post WHERE published = ? AND id < ? ORDER BY id DESC LIMIT ?",
            [.integer(1), .integer(Int(cursor)), .integer(BenchData.pageSize)]
        ) { rows.elements.append(Self.post($0.columns)) }
        return rows.elements
    }

    /// Multi-row INSERTs with RETURNING (the new keys, as the ORM's bulkCreate returns them),
    /// in one transaction.
    func insert(_ items: [BenchData.Item]) async throws -> [Int64] {
        let ids = Rows<Int64>()
        // Several statements share a transaction; one is atomic by itself.
        let chunks = items.chunked(10_000)
        if chunks.count > 1 { _ = try await connection.query("BEGIN IMMEDIATE") }
        do {
            for chunk in chunks {
                var sql = "INSERT INTO bench_item (name, quantity, price, active) VALUES "
                sql.reserveCapacity(sql.utf8.count + chunk.count * 12 + 20)
                var binds: [SQLiteData] = []
                binds.reserveCapacity(chunk.count * 4)
                for (index, item) in chunk.enumerated() {
                    sql += index == 0 ? "(?, ?, ?, ?)" : ", (?, ?, ?, ?)"
                    binds.append(.text(item.name))
                    binds.append(.integer(item.quantity))
                    binds.append(.float(item.price))
                    binds.append(.integer(item.active ? 1 : 0))
                }
                sql += " RETURNING id"
                try await connection.query(sql, binds) { ids.elements.append(Int64($0.columns[0].data.integer!)) }
            }
            if chunks.count > 1 { _ = try await connection.query("COMMIT") }
        } catch {
            if chunks.count > 1 { _ = try? await connection.query("ROLLBACK") }
            throw error
        }
        return ids.elements
    }

    /// Two queries: the page of posts joined with their authors, then the tags of those posts
    /// through the join table.
    func listing(before cursor: Int64) async throws -> [RawListingRow] {
        let rows = Rows<RawListingRow>()
        try await connection.query(
            """
            SELECT p.id, p.title, p.body, p.views, p.published, p.author_id, a.id, a.name, a.email \
            FROM bench_post p JOIN bench_author a ON a.id = p.author_id \
            WHERE p.published = ? AND p.id < ? ORDER BY p.id DESC LIMIT ?
            """,
            [.integer(1), .integer(Int(cursor)), .integer(BenchData.listingSize)]
        ) { row in
            let columns = row.columns
            rows.elements.append(RawListingRow(
                post: Self.post(columns),
                author: BenchData.Author(id: Int64(columns[6].data.integer!), name: columns[7].data.string!, email: columns[8].data.string!),
                tags: []))
        }
        var listing = rows.elements
        guard !listing.isEmpty else { return listing }
        var position: [Int64: Int] = [:]
        position.reserveCapacity(listing.count)
        var sql = "SELECT pt.post_id, t.id, t.name FROM bench_post_tag pt JOIN bench_tag t ON t.id = pt.tag_id WHERE pt.post_id IN ("
        var binds: [SQLiteData] = []
        binds.reserveCapacity(listing.count)
        for (index, entry) in listing.enumerated() {
            position[entry.post.id] = index
            sql += index == 0 ? "?" : ", ?"
            binds.append(.integer(Int(entry.post.id)))
        }
        sql += ") ORDER BY t.id"
        let tags = Rows<(Int64, Int64, String)>()
        try await connection.query(sql, binds) { row in
            let columns = row.columns
            tags.elements.append((Int64(columns[0].data.integer!), Int64(columns[1].data.integer!), columns[2].data.string!))
        }
        for (postID, tagID, name) in tags.elements {
            listing[position[postID]!].tags.append((tagID, name))
        }
        return listing
    }
}
