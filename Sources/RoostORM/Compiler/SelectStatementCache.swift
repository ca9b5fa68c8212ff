import RoostDatabase
import Synchronization

/// A model's compiled `SELECT`s by ``QueryShape``: a listing or a filtered page runs the same
/// query with new values on every request, and compiling it cost more than decoding its rows.
/// A shape is cached only after its values, collected by ``QueryShape``, proved to be exactly
/// the bindings the compiler produced, in order.
final class SelectStatementCache: Sendable {
    private struct Entry: Sendable {
        let sql: SQL
        let bindingPositions: [Int]
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
            var fragments = entry.sql.fragments
            for (position, value) in zip(entry.bindingPositions, values) { fragments[position] = .binding(value) }
            return (SQL(fragments: fragments), entry.layout)
        }
        let compiled = try SelectCompiler(query: query, dialect: dialect).select()
        let sql = compiled.sql.quotingIdentifiers(for: dialect)
        let positions = sql.fragments.indices.filter { if case .binding = sql.fragments[$0] { true } else { false } }
        if positions.count == values.count, sql.bindings == values {
            entries.withLock { entries in
                if entries.count < Self.capacity {
                    entries[shape] = Entry(sql: sql, bindingPositions: positions, layout: compiled.layout)
                }
            }
        }
        return (sql, compiled.layout)
    }
}
