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
    @inlinable
    public init(databaseValue: DatabaseValue) throws(DatabaseDecodingError) {
        // Inlined into each model's decoder: the usual forms without a call, the rest below.
        switch databaseValue {
        case .bool(let value): self = value
        case .int(0): self = false
        case .int(1): self = true
        default: throw Self.notABool(databaseValue)
        }
    }

    @usableFromInline
    static func notABool(_ value: DatabaseValue) -> DatabaseDecodingError {
        switch value {
        case .int: .outOfRange(Bool.self, found: value)
        case .null: .unexpectedNull(Bool.self)
        default: .typeMismatch(Bool.self, found: value)
        }
    }
}

extension Double: DatabaseValueConvertible {
    /// `.double(self)`. Binding NaN throws ``DatabaseError/Code/invalidValue`` on both drivers.
    public var databaseValue: DatabaseValue { .double(self) }
    /// Reads `.double`, `.int` or `.decimal`.
    @inlinable
    public init(databaseValue: DatabaseValue) throws(DatabaseDecodingError) {
        if case .double(let value) = databaseValue {
            self = value
        } else {
            self = try Self.decodingOtherForms(databaseValue)
        }
    }

    @usableFromInline
    static func decodingOtherForms(_ databaseValue: DatabaseValue) throws(DatabaseDecodingError) -> Double {
        switch databaseValue {
        case .double(let value): return value
        case .int(let value): return Double(value)
        case .decimal(let value):
            guard let double = Double(value.description) else {
                throw .invalidFormat(Double.self, found: databaseValue, detail: "not a finite number")
            }
            return double
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
    @inlinable
    public init(databaseValue: DatabaseValue) throws(DatabaseDecodingError) {
        switch databaseValue {
        case .string(let value), .json(let value): self = value
        default: throw Self.notText(databaseValue)
        }
    }

    @usableFromInline
    static func notText(_ value: DatabaseValue) -> DatabaseDecodingError {
        if case .null = value { return .unexpectedNull(String.self) }
        return .typeMismatch(String.self, found: value)
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
