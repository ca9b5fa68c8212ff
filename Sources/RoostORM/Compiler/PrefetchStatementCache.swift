import RoostDatabase
import Synchronization

/// The text of a model's many-to-many prefetch statements, per relation, dialect and number
/// of keys. A listing sends the same statement for every page; writing its select list and
/// its `IN (?, ?, …)` of a page's worth of placeholders cost more than reading the rows
/// that come back.
final class PrefetchStatementCache: Sendable {
    private struct Key: Hashable {
        let relation: String
        let dialect: String
        let keyCount: Int
    }

    private let entries = Mutex<[Key: String]>([:])
    /// Statements kept per model; further ones are written each time.
    static let capacity = 64

    /// The statement of `relation` for `keys`: the cached text with `keys` as its bindings,
    /// or what `write` returns, whose text is then cached.
    func statement(
        relation: String, keys: [DatabaseValue], dialect: any SQLDialect, write: () -> SQL
    ) -> SQL {
        let key = Key(relation: relation, dialect: dialect.name, keyCount: keys.count)
        if let text = entries.withLock({ $0[key] }) {
            return .prerendered(text, bindings: keys, dialect: dialect)
        }
        let sql = write()
        let text = sql.render(for: dialect).text
        entries.withLock { entries in
            if entries.count < Self.capacity { entries[key] = text }
        }
        return sql
    }
}
