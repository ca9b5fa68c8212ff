import RoostDatabase
import Synchronization

/// The compiled `SELECT … WHERE pk = ?` of a model, per dialect: `Model.objects.get(pk:)` is
/// the most frequent query of most apps (every detail page, every row a view looks up), and
/// compiling it cost as much as decoding its row. The statement is compiled once; each call
/// puts its key into the one binding.
final class PrimaryKeyLookupCache: Sendable {
    private struct Entry {
        let sql: SQL
        let bindingIndex: Int
    }

    private let entries = Mutex<[String: Entry]>([:])

    /// The lookup of `key` for `dialect`, compiled by `compile` (given `key`) on first use.
    func lookup(
        key: DatabaseValue, dialect: any SQLDialect, compile: (DatabaseValue) throws(QueryError) -> SQL
    ) throws(QueryError) -> SQL {
        if let entry = entries.withLock({ $0[dialect.name] }) {
            var fragments = entry.sql.fragments
            fragments[entry.bindingIndex] = .binding(key)
            return SQL(fragments: fragments)
        }
        let sql = try compile(key).quotingIdentifiers(for: dialect)
        let bindings = sql.fragments.indices.filter { if case .binding = sql.fragments[$0] { true } else { false } }
        // Exactly one binding (the key): anything else is not worth caching.
        if bindings.count == 1 {
            entries.withLock { $0[dialect.name] = Entry(sql: sql, bindingIndex: bindings[0]) }
        }
        return sql
    }
}
