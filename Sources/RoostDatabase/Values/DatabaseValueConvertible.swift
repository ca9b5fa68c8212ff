/// A Swift type that converts to and from ``DatabaseValue``: the currency for binding values
/// into ``SQL`` and for decoding columns from a ``Row``.
///
/// Roost conforms the standard library and Foundation types (`Int`…, `Double`, `Float`,
/// `Bool`, `String`, `[UInt8]`, `Data`, `Date`, `UUID`, `Decimal`, `Optional`) and
/// ``CalendarDate``. A `RawRepresentable` enum whose raw value is convertible only has to
/// declare the conformance:
///
/// ```swift
/// enum Status: String, DatabaseValueConvertible { case draft, published }
///
/// let rows = try await db.query("SELECT status FROM posts WHERE status = \(Status.draft)")
/// let status = try rows[0].decode(Status.self, at: 0)
/// ```
///
/// Conversions accept the storage forms a driver returns (SQLite hands back a `Bool` as
/// `.int(1)` and a `Date` as text), and throw ``DatabaseDecodingError`` otherwise.
public protocol DatabaseValueConvertible: Sendable {
    /// The value to bind for this instance.
    var databaseValue: DatabaseValue { get }

    /// Creates an instance from a value read from the database.
    ///
    /// - Parameter databaseValue: The value a driver returned.
    /// - Throws: ``DatabaseDecodingError`` when the value cannot represent `Self`.
    init(databaseValue: DatabaseValue) throws(DatabaseDecodingError)
}

extension DatabaseValue: DatabaseValueConvertible {
    /// The value itself.
    public var databaseValue: DatabaseValue { self }

    /// Wraps the value unchanged; never throws.
    public init(databaseValue: DatabaseValue) throws(DatabaseDecodingError) {
        self = databaseValue
    }
}

extension Optional: DatabaseValueConvertible where Wrapped: DatabaseValueConvertible {
    /// `.null` for `nil`, otherwise the wrapped value's ``DatabaseValueConvertible/databaseValue``.
    public var databaseValue: DatabaseValue {
        switch self {
        case .none: .null
        case .some(let wrapped): wrapped.databaseValue
        }
    }

    /// `nil` for `.null`, otherwise the wrapped type's conversion.
    @inlinable
    public init(databaseValue: DatabaseValue) throws(DatabaseDecodingError) {
        if case .null = databaseValue {
            self = .none
        } else {
            self = .some(try Wrapped(databaseValue: databaseValue))
        }
    }
}

extension DatabaseValueConvertible where Self: RawRepresentable, RawValue: DatabaseValueConvertible {
    /// The raw value's database value.
    public var databaseValue: DatabaseValue { rawValue.databaseValue }

    /// Decodes the raw value, then the case; an unknown raw value is ``DatabaseDecodingError/Code/invalidFormat``.
    public init(databaseValue: DatabaseValue) throws(DatabaseDecodingError) {
        let raw = try RawValue(databaseValue: databaseValue)
        guard let value = Self(rawValue: raw) else {
            throw .invalidFormat(Self.self, found: databaseValue, detail: "no case has this raw value")
        }
        self = value
    }
}
