#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif

/// A value that crosses the driver boundary: what Roost binds into a statement and what a
/// driver hands back for a result column.
///
/// Each driver maps these cases to its native storage. PostgreSQL uses its native types
/// (`bool`, `int8`, `float8`, `text`, `bytea`, `timestamptz`, `date`, `uuid`, `numeric`,
/// `jsonb`). SQLite follows Django's storage conventions: booleans as `0`/`1`, date-times as
/// UTC text `YYYY-MM-DD HH:MM:SS.ffffff`, dates as `YYYY-MM-DD`, UUIDs as 32 lowercase hex
/// digits, decimals and JSON as text. Because SQLite only stores five classes, a value read
/// back from SQLite arrives as `.int`, `.double`, `.string`, `.bytes` or `.null`, and the
/// ``DatabaseValueConvertible`` conformances accept those storage forms.
///
/// You rarely build these by hand: interpolate Swift values into ``SQL`` instead.
///
/// ```swift
/// let value: DatabaseValue = 42.databaseValue        // .int(42)
/// let title = try String(databaseValue: .string("Hi")) // "Hi"
/// ```
public enum DatabaseValue: Sendable, Hashable {
    /// SQL `NULL`.
    case null
    /// A boolean (`bool` in PostgreSQL, `0`/`1` in SQLite).
    case bool(Bool)
    /// A 64-bit signed integer.
    case int(Int64)
    /// A double-precision float. NaN is rejected by both drivers when bound.
    case double(Double)
    /// Text. Strings containing a NUL character are rejected by both drivers when bound.
    case string(String)
    /// Binary data (`bytea` in PostgreSQL, `BLOB` in SQLite).
    case bytes([UInt8])
    /// An instant in time (`timestamptz` in PostgreSQL, UTC text in SQLite), microsecond precision.
    case timestamp(Date)
    /// A calendar date without a time of day (`date` in PostgreSQL, `YYYY-MM-DD` in SQLite).
    case date(CalendarDate)
    /// A UUID (`uuid` in PostgreSQL, 32 hex digits in SQLite).
    case uuid(UUID)
    /// An exact decimal number (`numeric` in PostgreSQL, text in SQLite).
    case decimal(Decimal)
    /// A JSON document as text (`jsonb` in PostgreSQL, text in SQLite).
    case json(String)

    /// `true` for ``null``.
    ///
    /// ```swift
    /// DatabaseValue.null.isNull   // true
    /// ```
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// A short name of the case, used in error messages instead of the value itself so that
    /// errors never leak stored data (`"NULL"`, `"integer"`, `"text"`, …).
    ///
    /// ```swift
    /// DatabaseValue.string("secret").kind   // "text"
    /// ```
    public var kind: String {
        switch self {
        case .null: "NULL"
        case .bool: "boolean"
        case .int: "integer"
        case .double: "double"
        case .string: "text"
        case .bytes: "bytes"
        case .timestamp: "timestamp"
        case .date: "date"
        case .uuid: "uuid"
        case .decimal: "decimal"
        case .json: "json"
        }
    }
}

extension DatabaseValue: CustomStringConvertible {
    /// A debugging description that shows the value. Never put it in an error or a log line
    /// that may hold user data; use ``kind`` for those.
    public var description: String {
        switch self {
        case .null: "NULL"
        case .bool(let value): String(value)
        case .int(let value): String(value)
        case .double(let value): String(value)
        case .string(let value): "'\(value)'"
        case .bytes(let value): "<\(value.count) bytes>"
        case .timestamp(let value): TimestampText.format(value)
        case .date(let value): value.description
        case .uuid(let value): value.uuidString.lowercased()
        case .decimal(let value): value.description
        case .json(let value): value
        }
    }
}

extension DatabaseValue: ExpressibleByNilLiteral {
    /// Creates ``null`` from `nil`.
    ///
    /// ```swift
    /// let value: DatabaseValue = nil   // .null
    /// ```
    public init(nilLiteral: ()) {
        self = .null
    }
}
