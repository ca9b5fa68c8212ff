/// What the SQL compiler needs to know about one database: its name, its capabilities, how it
/// writes placeholders and identifiers, and the few statements that differ between backends
/// (Django's `features.py` and `operations.py`).
///
/// Each driver ships one (`SQLiteDialect`, `PostgresDialect`); ``Database/dialect`` gives the
/// one in use.
///
/// ```swift
/// if db.dialect.features.supportsReturning {
///     let rows = try await db.query("INSERT INTO t (name) VALUES (\(name)) RETURNING id")
/// }
/// let year = db.dialect.extract(.year, from: "\(identifier: "published_at")")
/// ```
public protocol SQLDialect: Sendable {
    /// A stable lowercase name, `"sqlite"` or `"postgresql"`.
    var name: String { get }
    /// Capability flags.
    var features: DatabaseFeatures { get }
    /// How bound parameters are written.
    var placeholderStyle: PlaceholderStyle { get }

    /// Quotes one identifier. The default is ANSI double quotes (``SQLQuoting/doubleQuoted(_:)``).
    func quoteIdentifier(_ name: String) -> String

    /// The statement that opens a transaction (`BEGIN`; SQLite uses `BEGIN IMMEDIATE`).
    var beginTransaction: SQL { get }

    /// An expression extracting a calendar part, as an integer, from a date or timestamp
    /// expression (in UTC).
    ///
    /// - Parameters:
    ///   - part: The part to extract.
    ///   - expression: A date or timestamp expression.
    /// - Returns: An integer-valued expression.
    func extract(_ part: DatePart, from expression: SQL) -> SQL

    /// An expression that is true when `value` matches the regular expression `pattern`.
    ///
    /// - Parameters:
    ///   - value: The text expression to test.
    ///   - pattern: The pattern expression (usually a bound value).
    ///   - caseInsensitive: Whether letter case is ignored.
    /// - Returns: A boolean expression.
    func regexMatch(_ value: SQL, pattern: SQL, caseInsensitive: Bool) -> SQL

    /// The `LIMIT`/`OFFSET` clause (with a leading space), or an empty fragment when both
    /// are `nil`. The bounds are integer literals, not bound values: they are `Int`s, never
    /// text, and a bound `LIMIT` costs SQLite a few microseconds of planning per query.
    ///
    /// - Parameters:
    ///   - limit: The maximum number of rows, or `nil` for no limit.
    ///   - offset: The number of rows to skip, or `nil`.
    func limitOffset(limit: Int?, offset: Int?) -> SQL
}

extension SQLDialect {
    /// ANSI double quotes.
    public func quoteIdentifier(_ name: String) -> String {
        SQLQuoting.doubleQuoted(name)
    }

    /// `BEGIN`.
    public var beginTransaction: SQL { "BEGIN" }

    /// ` LIMIT n OFFSET m` as needed.
    public func limitOffset(limit: Int?, offset: Int?) -> SQL {
        var text = ""
        if let limit { text += " LIMIT " + String(limit) }
        if let offset { text += " OFFSET " + String(offset) }
        return text.isEmpty ? SQL() : SQL(fragments: [.text(text)])
    }
}

/// A calendar part for ``SQLDialect/extract(_:from:)``, like Django's `__year`, `__month`…
/// lookups.
public enum DatePart: String, Sendable, Hashable, CaseIterable {
    /// The year, e.g. 2024.
    case year
    /// The month, 1–12.
    case month
    /// The day of the month, 1–31.
    case day
    /// The hour, 0–23.
    case hour
    /// The minute, 0–59.
    case minute
    /// The second, 0–59.
    case second
    /// The day of the week, 1 (Sunday) to 7 (Saturday), like Django's `__week_day`.
    case weekDay
}
