import RoostDatabase
import Synchronization

/// The compiled `SELECT … WHERE pk = ?` of a model, per dialect: `Model.objects.get(pk:)` is
/// the most frequent query of most apps (every detail page, every row a view looks up), and
/// compiling it cost as much as decoding its row. The statement is compiled and rendered
/// once; each call pairs the rendered text with its key.
final class PrimaryKeyLookupCache: Sendable {
    /// Rendered statement text per dialect name (one or two entries: a linear search beats
    /// hashing the name).
    private let entries = Mutex<[(dialect: String, text: String)]>([])

    /// The lookup of `key` for `dialect`, compiled by `compile` (given `key`) on first use.
    func lookup(
        key: DatabaseValue, dialect: any SQLDialect, compile: (DatabaseValue) throws(QueryError) -> SQL
    ) throws(QueryError) -> SQL {
        let name = dialect.name
        if let text = entries.withLock({ $0.first { $0.dialect == name }?.text }) {
            return .prerendered(text, bindings: [key], dialect: dialect)
        }
        let sql = try compile(key)
        // Exactly one binding (the key): anything else is not worth caching.
        if sql.bindings.count == 1 {
            let text = sql.render(for: dialect).text
            entries.withLock { entries in
                if !entries.contains(where: { $0.dialect == name }) { entries.append((name, text)) }
            }
        }
        return sql
    }
}
