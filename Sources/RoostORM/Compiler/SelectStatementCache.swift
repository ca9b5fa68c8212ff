import RoostDatabase
import Synchronization

/// A model's compiled `SELECT`s by query shape (the query without its values): a listing or
/// a filtered page runs the same query with new values on every request, and compiling it
/// cost more than decoding its rows. A shape is cached only once it proved to bind its values
/// in the order ``ShapeWalk`` collects them, whatever the values are.
final class SelectStatementCache: Sendable {
    private struct Entry: Sendable {
        /// The first query of the shape; its values do not matter (see ``ShapeMatching``).
        let query: Query
        let dialect: String
        /// The statement rendered for the dialect; its placeholders take the shape's values
        /// in the order ``ShapeWalk`` collects them.
        let text: String
        let layout: SelectCompiler.Layout

        func matches(_ other: Query, dialect name: String) -> Bool {
            dialect == name && ShapeMatching.sameShape(query, other)
        }
    }

    /// Entries by shape hash: shapes that share a hash share a bucket.
    private let buckets = Mutex<(entries: [Int: [Entry]], count: Int)>(([:], 0))
    /// Shapes kept per model; further shapes are compiled each time.
    static let capacity = 256

    /// The statement and row layout of `query`, from the cache when its shape is known.
    func select(_ query: Query, dialect: any SQLDialect) throws(QueryError) -> (sql: SQL, layout: SelectCompiler.Layout) {
        let name = dialect.name
        guard let walk = ShapeWalk(query, dialect: name) else {
            return try SelectCompiler(query: query, dialect: dialect).select()
        }
        let hash = walk.finalize()
        // Only the text and the layout leave the lock: copying a whole entry out would retain
        // and release each part of its query.
        let cached = buckets.withLock { buckets in
            buckets.entries[hash]?.first { $0.matches(query, dialect: name) }.map { (text: $0.text, layout: $0.layout) }
        }
        if let cached {
            return (.prerendered(cached.text, bindings: walk.values, dialect: dialect), cached.layout)
        }
        let compiled = try SelectCompiler(query: query, dialect: dialect).select()
        // A full cache takes no new shapes: skip the proof, which compiles the query again.
        guard buckets.withLock({ $0.count < Self.capacity }),
              let text = Self.provenText(of: query, compiled: compiled.sql, values: walk.values, dialect: dialect)
        else { return compiled }
        buckets.withLock { buckets in
            guard buckets.count < Self.capacity,
                  buckets.entries[hash]?.contains(where: { $0.matches(query, dialect: name) }) != true
            else { return }
            buckets.entries[hash, default: []].append(Entry(query: query, dialect: name, text: text, layout: compiled.layout))
            buckets.count += 1
        }
        return compiled
    }

    /// The statement text of `query`'s shape, or `nil` unless the shape provably binds its
    /// values in the order ``ShapeWalk`` collects them: the query compiled with each value
    /// replaced by its position must bind 0, 1, 2, …, and with the real values put back it
    /// must be exactly `compiled`.
    private static func provenText(of query: Query, compiled: SQL, values: [DatabaseValue], dialect: any SQLDialect) -> String? {
        guard let marked = QueryShape.marked(query),
              let markedSQL = try? SelectCompiler(query: marked, dialect: dialect).select().sql
        else { return nil }
        let positions = markedSQL.fragments.indices.filter { if case .binding = markedSQL.fragments[$0] { true } else { false } }
        guard markedSQL.bindings == values.indices.map({ .int(Int64($0)) }) else { return nil }
        var fragments = markedSQL.fragments
        for (position, value) in zip(positions, values) { fragments[position] = .binding(value) }
        guard fragments == compiled.fragments else { return nil }
        return markedSQL.render(for: dialect).text
    }
}
