import Logging
import NIOCore
import NIOPosix
import PostgresNIO

/// Hand-written SQL on one postgres-nio connection (`PostgresQuery` interpolation binds every
/// value), rows decoded by position with postgres-nio's typed tuple decoding: the fastest
/// reasonable postgres-nio code. Rows are collected with the EventLoopFuture API
/// (`query(_:logger:) -> EventLoopFuture<PostgresQueryResult>`), as RoostPostgres does: measured
/// here on a 20-row page it costs 146 µs and 81 µs of client CPU per query, against 164 µs and
/// 100 µs when iterating the async `PostgresRowSequence` (whose back-pressure adds thread hops),
/// and the same for one row.
final class RawPostgresImplementation: RawSide {
    let connection: PostgresConnection
    let logger = Logger(label: "raw.postgres")

    private init(connection: PostgresConnection) {
        self.connection = connection
    }

    static func open(_ server: PostgresServer) async throws -> RawPostgresImplementation {
        let configuration = PostgresConnection.Configuration(
            host: server.host, port: server.port, username: server.username, password: server.password,
            database: server.database, tls: .disable)
        let connection = try await PostgresConnection.connect(
            on: MultiThreadedEventLoopGroup.singleton.any(), configuration: configuration, id: 1,
            logger: Logger(label: "raw.postgres"))
        return RawPostgresImplementation(connection: connection)
    }

    var driverName: String { "PostgreSQL" }

    func close() async throws { try await connection.close() }

    /// Runs a query and returns all its rows.
    private func fetchRows(_ query: PostgresQuery) async throws -> [PostgresRow] {
        let result: EventLoopFuture<PostgresQueryResult> = connection.query(query, logger: logger)
        return try await result.get().rows
    }

    func fetchPost(_ id: Int64) async throws -> RawPostRow {
        let rows = try await fetchRows("SELECT id, title, body, views, published, author_id FROM bench_post WHERE id = \(id)")
        for row in rows {
            let (id, title, body, views, published, authorID) = try row.decode((Int64, String, String, Int, Bool, Int64).self)
            return RawPostRow(id: id, title: title, body: body, views: views, published: published, authorID: authorID)
        }
        throw BenchmarkError("post \(id) not found")
    }

    func page(before cursor: Int64) async throws -> [RawPostRow] {
        let rows = try await fetchRows(
            """
            SELECT id, title, body, views, published, author_id FROM bench_post \
            WHERE published = \(true) AND id < \(cursor) ORDER BY id DESC LIMIT \(BenchData.pageSize)
            """)
        var posts: [RawPostRow] = []
        posts.reserveCapacity(rows.count)
        for row in rows {
            let (id, title, body, views, published, authorID) = try row.decode((Int64, String, String, Int, Bool, Int64).self)
            posts.append(RawPostRow(id: id, title: title, body: body, views: views, published: published, authorID: authorID))
        }
        return posts
    }

    /// Multi-row INSERTs with RETURNING (the new keys, as the ORM's bulkCreate returns them),
    /// in one transaction when there are several; 4 parameters per row, so 10,000 rows fit
    /// one statement, which needs no transaction.
    func insert(_ items: [BenchData.Item]) async throws -> [Int64] {
        var ids: [Int64] = []
        ids.reserveCapacity(items.count)
        let chunks = items.chunked(16_000)
        if chunks.count > 1 { _ = try await fetchRows("BEGIN") }
        do {
            for chunk in chunks {
                var sql = "INSERT INTO bench_item (name, quantity, price, active) VALUES "
                sql.reserveCapacity(sql.utf8.count + chunk.count * 28 + 20)
                var binds = PostgresBindings(capacity: chunk.count * 4)
                for (index, item) in chunk.enumerated() {
                    let base = index * 4
                    sql += index == 0 ? "(" : ", ("
                    sql += "$\(base + 1), $\(base + 2), $\(base + 3), $\(base + 4))"
                    binds.append(item.name)
                    binds.append(item.quantity)
                    binds.append(item.price)
                    binds.append(item.active)
                }
                sql += " RETURNING id"
                for row in try await fetchRows(PostgresQuery(unsafeSQL: sql, binds: binds)) {
                    ids.append(try row.decode(Int64.self))
                }
            }
            if chunks.count > 1 { _ = try await fetchRows("COMMIT") }
        } catch {
            if chunks.count > 1 { _ = try? await fetchRows("ROLLBACK") }
            throw error
        }
        return ids
    }

    /// Two queries: the page of posts joined with their authors, then the tags of those posts
    /// through the join table (`= ANY($1)` with one array parameter).
    func listing(before cursor: Int64) async throws -> [RawListingRow] {
        let rows = try await fetchRows(
            """
            SELECT p.id, p.title, p.body, p.views, p.published, p.author_id, a.id, a.name, a.email \
            FROM bench_post p JOIN bench_author a ON a.id = p.author_id \
            WHERE p.published = \(true) AND p.id < \(cursor) ORDER BY p.id DESC LIMIT \(BenchData.listingSize)
            """)
        var listing: [RawListingRow] = []
        listing.reserveCapacity(rows.count)
        var position: [Int64: Int] = [:]
        position.reserveCapacity(rows.count)
        for row in rows {
            let (id, title, body, views, published, authorID, aID, name, email) =
                try row.decode((Int64, String, String, Int, Bool, Int64, Int64, String, String).self)
            position[id] = listing.count
            listing.append(RawListingRow(
                post: RawPostRow(id: id, title: title, body: body, views: views, published: published, authorID: authorID),
                author: BenchData.Author(id: aID, name: name, email: email), tags: []))
        }
        guard !listing.isEmpty else { return listing }
        let postIDs = listing.map(\.post.id)
        let tags = try await fetchRows(
            """
            SELECT pt.post_id, t.id, t.name FROM bench_post_tag pt JOIN bench_tag t ON t.id = pt.tag_id \
            WHERE pt.post_id = ANY(\(postIDs)) ORDER BY t.id
            """)
        for row in tags {
            let (postID, tagID, name) = try row.decode((Int64, Int64, String).self)
            listing[position[postID]!].tags.append((tagID, name))
        }
        return listing
    }
}

/// The parts of a `postgres://user:pass@host:port/db?…` URL.
struct PostgresServer: Sendable {
    var host: String
    var port: Int
    var username: String
    var password: String
    var database: String
    var query: String

    init(url: String) throws {
        guard url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") else {
            throw BenchmarkError("not a postgres:// URL: \(url)")
        }
        var rest = Substring(url[url.range(of: "://")!.upperBound...])
        if let mark = rest.firstIndex(of: "?") {
            query = String(rest[rest.index(after: mark)...])
            rest = rest[..<mark]
        } else {
            query = ""
        }
        guard let at = rest.lastIndex(of: "@"), let slash = rest[at...].firstIndex(of: "/") else {
            throw BenchmarkError("expected postgres://user:password@host:port/database, got \(url)")
        }
        let credentials = rest[..<at].split(separator: ":", maxSplits: 1)
        username = String(credentials.first ?? "")
        password = credentials.count > 1 ? String(credentials[1]) : ""
        let hostPort = rest[rest.index(after: at)..<slash].split(separator: ":")
        host = String(hostPort.first ?? "127.0.0.1")
        port = hostPort.count > 1 ? Int(hostPort[1]) ?? 5432 : 5432
        database = String(rest[rest.index(after: slash)...])
    }

    /// The same server with another database.
    func with(database: String) -> PostgresServer {
        var copy = self
        copy.database = database
        return copy
    }

    var url: String {
        "postgres://\(username):\(password)@\(host):\(port)/\(database)" + (query.isEmpty ? "" : "?" + query)
    }
}
