#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

// Conformances of Bool, Double, Float, String and [UInt8].

extension Bool: DatabaseValueConvertible {
    /// `.bool(self)`; SQLite stores it as `0`/`1`.
    public var databaseValue: DatabaseValue { .bool(self) }
    /// Reads `.bool`, or `.int` `0`/`1` (SQLite's storage).
    public init(databaseValue: DatabaseValue) throws(DatabaseDecodingError) {
        switch databaseValue {
        case .bool(let value): self = value
        case .int(0): self = false
        case .int(1): self = true
        case .int: throw .outOfRange(Bool.self, found: databaseValue)
        case .null: throw .unexpectedNull(Bool.self)
        default: throw .typeMismatch(Bool.self, found: databaseValue)
        }
    }
}

extension Double: DatabaseValueConvertible {
    /// `.double(self)`. Binding NaN throws ``DatabaseError/Code/invalidValue`` on both drivers.
    public var databaseValue: DatabaseValue { .double(self) }
    /// Reads `.double`, `.int` or `.decimal`.
    public init(databaseValue: DatabaseValue) throws(DatabaseDecodingError) {
        switch databaseValue {
        case .double(let value): self = value
        case .int(let value): self = Double(value)
        case .decimal(let value):
            guard let double = Double(value.description) else {
                throw .invalidFormat(Double.self, found: databaseValue, detail: "not a finite number")
            }
            self = double
        case .null: throw .unexpectedNull(Double.self)
        default: throw .typeMismatch(Double.self, found: databaseValue)
        }
    }
}

extension Float: DatabaseValueConvertible {
    /// `.double(Double(self))`.
    public var databaseValue: DatabaseValue { .double(Double(self)) }
    /// Reads like `Double`, then rounds to the nearest `Float`.
    public init(databaseValue: DatabaseValue) throws(DatabaseDecodingError) {
        do {
            self = Float(try Double(databaseValue: databaseValue))
        } catch {
            throw DatabaseDecodingError(
                code: error.code, expectedType: "Float", foundKind: error.foundKind, detail: error.detail)
        }
    }
}

extension String: DatabaseValueConvertible {
    /// `.string(self)`.
    public var databaseValue: DatabaseValue { .string(self) }
    /// Reads `.string` or `.json` text. Numbers are not converted: that would hide schema bugs.
    public init(databaseValue: DatabaseValue) throws(DatabaseDecodingError) {
        switch databaseValue {
        case .string(let value), .json(let value): self = value
        case .null: throw .unexpectedNull(String.self)
        default: throw .typeMismatch(String.self, found: databaseValue)
        }
    }
}

extension Array: DatabaseValueConvertible where Element == UInt8 {
    /// `.bytes(self)`.
    public var databaseValue: DatabaseValue { .bytes(self) }
    /// Reads `.bytes`.
    public init(databaseValue: DatabaseValue) throws(DatabaseDecodingError) {
        switch databaseValue {
        case .bytes(let value): self = value
        case .null: throw .unexpectedNull([UInt8].self)
        default: throw .typeMismatch([UInt8].self, found: databaseValue)
        }
    }
}
