#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif

// Conformances of Data, Date, UUID, Decimal and CalendarDate, accepting both the native
// PostgreSQL forms and SQLite's text storage.

extension Data: DatabaseValueConvertible {
    /// `.bytes([UInt8](self))`.
    public var databaseValue: DatabaseValue { .bytes([UInt8](self)) }
    /// Reads `.bytes`.
    public init(databaseValue: DatabaseValue) throws(DatabaseDecodingError) {
        switch databaseValue {
        case .bytes(let value): self = Data(value)
        case .null: throw .unexpectedNull(Data.self)
        default: throw .typeMismatch(Data.self, found: databaseValue)
        }
    }
}

extension Date: DatabaseValueConvertible {
    /// `.timestamp(self)`; stored with microsecond precision.
    public var databaseValue: DatabaseValue { .timestamp(self) }
    /// Reads `.timestamp`, a `.date` (midnight UTC), or text such as `2024-05-01 12:30:00.000000`.
    public init(databaseValue: DatabaseValue) throws(DatabaseDecodingError) {
        switch databaseValue {
        case .timestamp(let value): self = value
        case .date(let value): self = value.startOfDayUTC
        case .string(let text):
            guard let value = TimestampText.parse(text) else {
                throw .invalidFormat(Date.self, found: databaseValue, detail: "expected YYYY-MM-DD HH:MM:SS[.ffffff]")
            }
            self = value
        case .null: throw .unexpectedNull(Date.self)
        default: throw .typeMismatch(Date.self, found: databaseValue)
        }
    }
}

extension CalendarDate: DatabaseValueConvertible {
    /// `.date(self)`.
    public var databaseValue: DatabaseValue { .date(self) }
    /// Reads `.date` or `YYYY-MM-DD` text.
    public init(databaseValue: DatabaseValue) throws(DatabaseDecodingError) {
        switch databaseValue {
        case .date(let value): self = value
        case .string(let text):
            guard let value = CalendarDate(text) else {
                throw .invalidFormat(CalendarDate.self, found: databaseValue, detail: "expected YYYY-MM-DD")
            }
            self = value
        case .null: throw .unexpectedNull(CalendarDate.self)
        default: throw .typeMismatch(CalendarDate.self, found: databaseValue)
        }
    }
}

extension UUID: DatabaseValueConvertible {
    /// `.uuid(self)`; SQLite stores 32 lowercase hex digits (Django's convention).
    public var databaseValue: DatabaseValue { .uuid(self) }
    /// Reads `.uuid`, text with or without hyphens, or 16 bytes.
    public init(databaseValue: DatabaseValue) throws(DatabaseDecodingError) {
        switch databaseValue {
        case .uuid(let value): self = value
        case .string(let text):
            guard let value = UUIDText.parse(text) else {
                throw .invalidFormat(UUID.self, found: databaseValue, detail: "expected a UUID")
            }
            self = value
        case .bytes(let bytes) where bytes.count == 16:
            self = UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                               bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
        case .null: throw .unexpectedNull(UUID.self)
        default: throw .typeMismatch(UUID.self, found: databaseValue)
        }
    }
}

extension Decimal: DatabaseValueConvertible {
    /// `.decimal(self)`. Binding NaN throws ``DatabaseError/Code/invalidValue``.
    public var databaseValue: DatabaseValue { .decimal(self) }
    /// Reads `.decimal`, `.int`, `.double` or decimal text.
    public init(databaseValue: DatabaseValue) throws(DatabaseDecodingError) {
        switch databaseValue {
        case .decimal(let value): self = value
        case .int(let value): self = Decimal(value)
        case .double(let value):
            guard value.isFinite else {
                throw .invalidFormat(Decimal.self, found: databaseValue, detail: "not a finite number")
            }
            self = Decimal(string: String(value)) ?? Decimal(value)
        case .string(let text):
            guard let value = DecimalText.parse(text) else {
                throw .invalidFormat(Decimal.self, found: databaseValue, detail: "expected a decimal number")
            }
            self = value
        case .null: throw .unexpectedNull(Decimal.self)
        default: throw .typeMismatch(Decimal.self, found: databaseValue)
        }
    }
}

/// UUID text forms: hyphenated (any case) or 32 hex digits (Django's SQLite storage).
package enum UUIDText {
    /// Parses either form.
    package static func parse(_ text: some StringProtocol) -> UUID? {
        if text.utf8.count == 36 { return UUID(uuidString: String(text)) }
        guard text.utf8.count == 32 else { return nil }
        let hex = Array(text.utf8)
        var hyphenated = [UInt8]()
        hyphenated.reserveCapacity(36)
        for (index, byte) in hex.enumerated() {
            if index == 8 || index == 12 || index == 16 || index == 20 { hyphenated.append(UInt8(ascii: "-")) }
            hyphenated.append(byte)
        }
        return UUID(uuidString: String(decoding: hyphenated, as: UTF8.self))
    }

    /// 32 lowercase hex digits, no hyphens.
    package static func compact(_ uuid: UUID) -> String {
        let bytes = withUnsafeBytes(of: uuid.uuid) { Array($0) }
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(32)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// Strict decimal text: an optional sign, digits, an optional fraction and exponent.
package enum DecimalText {
    /// Parses `text`, rejecting anything `Decimal(string:)` would only partly read.
    package static func parse(_ text: some StringProtocol) -> Decimal? {
        let string = String(text)
        var sawDigit = false
        for byte in string.utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): sawDigit = true
            case UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"): continue
            default: return nil
            }
        }
        guard sawDigit, let value = Decimal(string: string), !value.isNaN else { return nil }
        return value
    }
}
