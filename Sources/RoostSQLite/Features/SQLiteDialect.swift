public import RoostDatabase

/// The SQLite dialect: `?` placeholders, ANSI-quoted identifiers, `BEGIN IMMEDIATE`
/// transactions, and SQLite's capabilities (as built into sqlite-nio: SQLite 3.5x with
/// `RETURNING`, `NULLS FIRST/LAST`, upserts and up to 250,000 bound parameters).
///
/// ```swift
/// let rendered = SQL("SELECT * FROM \(identifier: "t") WHERE id = \(1)").render(for: SQLiteDialect())
/// // SELECT * FROM "t" WHERE id = ?
/// ```
public struct SQLiteDialect: SQLDialect {
    /// Creates the dialect.
    public init() {}

    /// `"sqlite"`.
    public var name: String { "sqlite" }

    /// SQLite's capabilities.
    public var features: DatabaseFeatures { Self.features }

    /// `?`.
    public var placeholderStyle: PlaceholderStyle { .questionMark }

    /// `BEGIN IMMEDIATE`: the write lock is taken up front (waiting up to the busy time-out),
    /// so two transactions that read then write cannot deadlock with `SQLITE_BUSY`.
    public var beginTransaction: SQL { "BEGIN IMMEDIATE" }

    /// `CAST(strftime('%Y', expression) AS INTEGER)` and friends; works on the stored
    /// `YYYY-MM-DD HH:MM:SS.ffffff` text.
    public func extract(_ part: DatePart, from expression: SQL) -> SQL {
        switch part {
        case .year: "CAST(strftime('%Y', \(expression)) AS INTEGER)"
        case .month: "CAST(strftime('%m', \(expression)) AS INTEGER)"
        case .day: "CAST(strftime('%d', \(expression)) AS INTEGER)"
        case .hour: "CAST(strftime('%H', \(expression)) AS INTEGER)"
        case .minute: "CAST(strftime('%M', \(expression)) AS INTEGER)"
        case .second: "CAST(strftime('%S', \(expression)) AS INTEGER)"
        case .weekDay: "(CAST(strftime('%w', \(expression)) AS INTEGER) + 1)"
        }
    }

    /// `value REGEXP pattern`, served by the `regexp` function Roost installs on every
    /// connection (Swift `Regex` syntax; `(?i)` is prepended for case-insensitive matches).
    public func regexMatch(_ value: SQL, pattern: SQL, caseInsensitive: Bool) -> SQL {
        caseInsensitive ? "(\(value) REGEXP ('(?i)' || \(pattern)))" : "(\(value) REGEXP \(pattern))"
    }

    /// SQLite needs a `LIMIT` before `OFFSET`, so an offset alone gives `LIMIT -1 OFFSET m`.
    /// Bounds are integer literals, as in ``SQLDialect/limitOffset(limit:offset:)``.
    public func limitOffset(limit: Int?, offset: Int?) -> SQL {
        var text = ""
        if let limit {
            text += " LIMIT " + String(limit)
        } else if offset != nil {
            text += " LIMIT -1"
        }
        if let offset { text += " OFFSET " + String(offset) }
        return text.isEmpty ? SQL() : SQL(fragments: [.text(text)])
    }

    private static let features = DatabaseFeatures(
        supportsReturning: true,
        supportsTransactionalDDL: true,
        supportsILike: false,
        supportsSavepoints: true,
        hasNativeBoolean: false,
        hasNativeUUID: false,
        hasNativeJSON: false,
        hasNativeDecimal: false,
        supportsTimeZones: false,
        supportsSelectForUpdate: false,
        supportsDistinctOn: false,
        supportsNullsOrdering: true,
        supportsUpsert: true,
        supportsPartialIndexes: true,
        supportsAlterColumnType: false,
        hasLastInsertID: true,
        maximumBindParameters: 250_000,
        maximumIdentifierLength: nil
    )
}
