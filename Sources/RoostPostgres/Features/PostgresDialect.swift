public import RoostDatabase

/// The PostgreSQL dialect: `$1` placeholders, ANSI-quoted identifiers, and PostgreSQL's
/// capabilities (native types, `RETURNING`, transactional DDL, `ILIKE`, `DISTINCT ON`,
/// up to 65,535 bound parameters, identifiers of at most 63 bytes).
///
/// ```swift
/// let rendered = SQL("SELECT * FROM \(identifier: "t") WHERE id = \(1)").render(for: PostgresDialect())
/// // SELECT * FROM "t" WHERE id = $1
/// ```
public struct PostgresDialect: SQLDialect {
    /// Creates the dialect.
    public init() {}

    /// `"postgresql"`.
    public var name: String { "postgresql" }

    /// PostgreSQL's capabilities.
    public var features: DatabaseFeatures { Self.features }

    /// `$1`, `$2`, …
    public var placeholderStyle: PlaceholderStyle { .dollarNumbered }

    /// `CAST(EXTRACT(YEAR FROM expression) AS integer)` and friends. Connections run with
    /// `TimeZone = 'UTC'`, so `timestamptz` parts are UTC parts, as on SQLite.
    public func extract(_ part: DatePart, from expression: SQL) -> SQL {
        switch part {
        case .year: "CAST(EXTRACT(YEAR FROM \(expression)) AS integer)"
        case .month: "CAST(EXTRACT(MONTH FROM \(expression)) AS integer)"
        case .day: "CAST(EXTRACT(DAY FROM \(expression)) AS integer)"
        case .hour: "CAST(EXTRACT(HOUR FROM \(expression)) AS integer)"
        case .minute: "CAST(EXTRACT(MINUTE FROM \(expression)) AS integer)"
        case .second: "CAST(FLOOR(EXTRACT(SECOND FROM \(expression))) AS integer)"
        case .weekDay: "(CAST(EXTRACT(DOW FROM \(expression)) AS integer) + 1)"
        }
    }

    /// `value ~ pattern`, or `~*` to ignore case (POSIX regular expressions).
    public func regexMatch(_ value: SQL, pattern: SQL, caseInsensitive: Bool) -> SQL {
        caseInsensitive ? "(\(value) ~* \(pattern))" : "(\(value) ~ \(pattern))"
    }

    private static let features = DatabaseFeatures(
        supportsReturning: true,
        supportsTransactionalDDL: true,
        supportsILike: true,
        supportsSavepoints: true,
        hasNativeBoolean: true,
        hasNativeUUID: true,
        hasNativeJSON: true,
        hasNativeDecimal: true,
        supportsTimeZones: true,
        supportsSelectForUpdate: true,
        supportsDistinctOn: true,
        supportsNullsOrdering: true,
        supportsUpsert: true,
        supportsPartialIndexes: true,
        supportsAlterColumnType: true,
        hasLastInsertID: false,
        maximumBindParameters: 65_535,
        maximumIdentifierLength: 63,
        requiresCastedCaseInUpdates: true
    )
}
