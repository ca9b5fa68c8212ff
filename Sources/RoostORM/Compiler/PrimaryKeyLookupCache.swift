import RoostDatabase
import Synchronization

/// The `SELECT … WHERE pk = ?` of a model, per dialect: `Model.objects.get(pk:)` is the most
/// frequent query of most apps (every detail page, every row a view looks up), and compiling
/// it cost as much as decoding its row. The statement is written once per dialect — columns
/// unqualified and no table alias, which SQLite parses measurably faster than the compiler's
/// general `"t0"."column"` form — and each call pairs its text with the key.
final class PrimaryKeyLookupCache: Sendable {
    /// Statement text per dialect name (one or two entries: a linear search beats hashing
    /// the name).
    private let entries = Mutex<[(dialect: String, text: String)]>([])

    /// The lookup of `key` in `schema`'s table, for `dialect`.
    func lookup(key: DatabaseValue, in schema: ModelSchema, dialect: any SQLDialect) -> SQL {
        let name = dialect.name
        if let text = entries.withLock({ $0.first { $0.dialect == name }?.text }) {
            return .prerendered(text, bindings: [key], dialect: dialect)
        }
        var writer = SQLTextWriter(dialect: dialect, textCapacity: 64 + schema.fields.count * 16, bindingCapacity: 1)
        writer.write("SELECT ")
        writer.writeIdentifiers(schema.fields.lazy.map(\.column))
        writer.write(" FROM ")
        writer.writeIdentifier(schema.table)
        writer.write(" WHERE ")
        writer.writeIdentifier(schema.primaryKey.column)
        writer.write(" = ")
        writer.bind(key)
        let sql = writer.sql
        let text = sql.render(for: dialect).text
        entries.withLock { entries in
            if !entries.contains(where: { $0.dialect == name }) { entries.append((name, text)) }
        }
        return sql
    }
}
