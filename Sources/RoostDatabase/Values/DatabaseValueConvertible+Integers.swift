#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

// Integer conformances. Every integer is stored as a 64-bit signed integer, so `UInt64` and
// `UInt` do not conform: values above `Int64.max` could not be stored. Reading a number that
// does not fit the requested type throws ``DatabaseDecodingError/Code/outOfRange``.

extension Int: DatabaseValueConvertible {
    /// `.int(Int64(self))`.
    public var databaseValue: DatabaseValue { .int(Int64(self)) }
    /// Reads an integer (or an integral double/decimal) that fits `Int`.
    @inlinable
    public init(databaseValue: DatabaseValue) throws(DatabaseDecodingError) {
        // Inlined into each model's decoder: an integer without a call, the rest below.
        if case .int(let value) = databaseValue, let exact = Int(exactly: value) {
            self = exact
        } else {
            self = try IntegerDecoding.decode(databaseValue, as: Int.self)
        }
    }
}

extension Int64: DatabaseValueConvertible {
    /// `.int(self)`.
    public var databaseValue: DatabaseValue { .int(self) }
    /// Reads an integer (or an integral double/decimal).
    @inlinable
    public init(databaseValue: DatabaseValue) throws(DatabaseDecodingError) {
        if case .int(let value) = databaseValue {
            self = value
        } else {
            self = try IntegerDecoding.decode(databaseValue, as: Int64.self)
        }
    }
}

extension Int32: DatabaseValueConvertible {
    /// `.int(Int64(self))`.
    public var databaseValue: DatabaseValue { .int(Int64(self)) }
    /// Reads an integer that fits `Int32`.
    public init(databaseValue: DatabaseValue) throws(DatabaseDecodingError) {
        self = try IntegerDecoding.decode(databaseValue, as: Int32.self)
    }
}

extension Int16: DatabaseValueConvertible {
    /// `.int(Int64(self))`.
    public var databaseValue: DatabaseValue { .int(Int64(self)) }
    /// Reads an integer that fits `Int16`.
    public init(databaseValue: DatabaseValue) throws(DatabaseDecodingError) {
        self = try IntegerDecoding.decode(databaseValue, as: Int16.self)
    }
}

extension Int8: DatabaseValueConvertible {
    /// `.int(Int64(self))`.
    public var databaseValue: DatabaseValue { .int(Int64(self)) }
    /// Reads an integer that fits `Int8`.
    public init(databaseValue: DatabaseValue) throws(DatabaseDecodingError) {
        self = try IntegerDecoding.decode(databaseValue, as: Int8.self)
    }
}

extension UInt32: DatabaseValueConvertible {
    /// `.int(Int64(self))`.
    public var databaseValue: DatabaseValue { .int(Int64(self)) }
    /// Reads an integer that fits `UInt32`.
    public init(databaseValue: DatabaseValue) throws(DatabaseDecodingError) {
        self = try IntegerDecoding.decode(databaseValue, as: UInt32.self)
    }
}

extension UInt16: DatabaseValueConvertible {
    /// `.int(Int64(self))`.
    public var databaseValue: DatabaseValue { .int(Int64(self)) }
    /// Reads an integer that fits `UInt16`.
    public init(databaseValue: DatabaseValue) throws(DatabaseDecodingError) {
        self = try IntegerDecoding.decode(databaseValue, as: UInt16.self)
    }
}

extension UInt8: DatabaseValueConvertible {
    /// `.int(Int64(self))`.
    public var databaseValue: DatabaseValue { .int(Int64(self)) }
    /// Reads an integer that fits `UInt8`.
    public init(databaseValue: DatabaseValue) throws(DatabaseDecodingError) {
        self = try IntegerDecoding.decode(databaseValue, as: UInt8.self)
    }
}

/// Shared integer decoding: accepts `.int`, and `.double`/`.decimal` holding a whole number
/// (PostgreSQL returns `SUM` of integers as `numeric`).
@usableFromInline
enum IntegerDecoding {
    @usableFromInline
    static func decode<T: FixedWidthInteger>(_ value: DatabaseValue, as type: T.Type) throws(DatabaseDecodingError) -> T {
        let wide: Int64
        switch value {
        case .int(let int):
            wide = int
        case .double(let double):
            guard double.rounded(.towardZero) == double else { throw .typeMismatch(T.self, found: value) }
            guard double >= -9.223372036854775808e18, double < 9.223372036854775808e18 else {
                throw .outOfRange(T.self, found: value)
            }
            wide = Int64(double)
        case .decimal(let decimal):
            let text = decimal.description
            guard !text.contains("."), !decimal.isNaN else { throw .typeMismatch(T.self, found: value) }
            guard let parsed = Int64(text) else { throw .outOfRange(T.self, found: value) }
            wide = parsed
        case .null:
            throw .unexpectedNull(T.self)
        default:
            throw .typeMismatch(T.self, found: value)
        }
        guard let narrow = T(exactly: wide) else { throw .outOfRange(T.self, found: value) }
        return narrow
    }
}
