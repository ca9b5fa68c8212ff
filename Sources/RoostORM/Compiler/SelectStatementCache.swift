import RoostDatabase
import Synchronization

/// A model's compiled `SELECT`s by ``QueryShape``: a listing or a filtered page runs the same
/// query with new values on every request, and compiling it cost more than decoding its rows.
/// A shape is cached only once it proved to bind its values in the order ``QueryShape``
/// collects them, whatever the values are.
final class SelectStatementCache: Sendable {
    private struct Entry: Sendable {
        /// The statement rendered for the shape's dialect; its placeholders take the shape's
        /// values in the order ``QueryShape`` collects them.
        let text: String
        let layout: SelectCompiler.Layout
    }

    private let entries = Mutex<[QueryShape: Entry]>([:])
    /// Shapes kept per model; further shapes are compiled each time.
    static let capacity = 256

    /// The statement and row layout of `query`, from the cache when its shape is known.
    func select(_ query: Query, dialect: any SQLDialect) throws(QueryError) -> (sql: SQL, layout: SelectCompiler.Layout) {
        guard let (shape, values) = QueryShape.of(query, dialect: dialect.name) else {
            return try SelectCompiler(query: query, dialect: dialect).select()
        }
        if let entry = entries.withLock({ $0[shape] }) {
            return (.prerendered(entry.text, bindings: values, dialect: dialect), entry.layout)
        }
        let compiled = try SelectCompiler(query: query, dialect: dialect).select()
        // A full cache takes no new shapes: skip the proof, which compiles the query again.
        guard entries.withLock({ $0.count < Self.capacity }),
              let entry = Self.entry(for: query, compiled: compiled.sql, values: values, layout: compiled.layout, dialect: dialect)
        else { return compiled }
        entries.withLock { entries in
            if entries.count < Self.capacity { entries[shape] = entry }
        }
        return compiled
    }

    /// The cache entry for `query`'s shape, or `nil` unless the shape provably binds its values
    /// in the order ``QueryShape`` collects them: the query compiled with each value replaced
    /// by its position must bind 0, 1, 2, …, and with the real values put back it must be
    /// exactly `compiled`.
    private static func entry(
        for query: Query, compiled: SQL, values: [DatabaseValue], layout: SelectCompiler.Layout, dialect: any SQLDialect
    ) -> Entry? {
        guard let marked = QueryShape.marked(query),
              let markedSQL = try? SelectCompiler(query: marked, dialect: dialect).select().sql
        else { return nil }
        let positions = markedSQL.fragments.indices.filter { if case .binding = markedSQL.fragments[$0] { true } else { false } }
        guard markedSQL.bindings == values.indices.map({ .int(Int64($0)) }) else { return nil }
        var fragments = markedSQL.fragments
        for (position, value) in zip(positions, values) { fragments[position] = .binding(value) }
        guard fragments == compiled.fragments else { return nil }
        return Entry(text: markedSQL.render(for: dialect).text, layout: layout)
    }
}
