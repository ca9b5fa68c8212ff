#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import NIOCore
import RoostDatabase
import SQLiteNIO

/// Converts between ``DatabaseValue`` and sqlite-nio's `SQLiteData`, following Django's SQLite
/// storage conventions: booleans as `0`/`1`, instants as UTC text `YYYY-MM-DD HH:MM:SS.ffffff`,
/// dates as `YYYY-MM-DD`, UUIDs as 32 lowercase hex digits, decimals and JSON as text.
enum SQLiteValues {
    /// The value to bind.
    ///
    /// - Throws: ``DatabaseError/Code/invalidValue`` for NaN (SQLite would silently store
    ///   `NULL`) and for text containing NUL (SQLite would return it truncated).
    static func encode(_ value: DatabaseValue) throws(DatabaseError) -> SQLiteData {
        switch value {
        case .null: return .null
        case .bool(let bool): return .integer(bool ? 1 : 0)
        case .int(let int): return .integer(SQLiteInt64(int))
        case .double(let double):
            guard !double.isNaN else { throw invalid("NaN cannot be stored; use NULL for a missing number") }
            return .float(double)
        case .string(let string): return .text(try checkedText(string))
        case .bytes(let bytes): return .blob(ByteBuffer(bytes: bytes))
        case .timestamp(let date): return .text(TimestampText.format(date))
        case .date(let date): return .text(date.description)
        case .uuid(let uuid): return .text(UUIDText.compact(uuid))
        case .decimal(let decimal):
            guard !decimal.isNaN else { throw invalid("a NaN decimal cannot be stored") }
            return .text(decimal.description)
        case .json(let json): return .text(try checkedText(json))
        }
    }

    /// The value read from a result column. SQLite has five storage classes, so this is
    /// `.int`, `.double`, `.string`, `.bytes` or `.null`; the ``DatabaseValueConvertible``
    /// conformances turn those into dates, UUIDs and so on. The value is consumed, so text
    /// the caller gives up is moved rather than copied.
    static func decode(_ data: consuming SQLiteData) -> DatabaseValue {
        switch consume data {
        case .integer(let int): .int(Int64(int))
        case .float(let double): .double(double)
        case .text(let text): .string(text)
        case .blob(let buffer): .bytes(Array(buffer.readableBytesView))
        case .null: .null
        }
    }

    private static func checkedText(_ text: String) throws(DatabaseError) -> String {
        guard !text.containsUTF8Byte(0) else {
            throw invalid("text containing a NUL character cannot be stored; store it as bytes")
        }
        return text
    }

    private static func invalid(_ message: String) -> DatabaseError {
        DatabaseError(.invalidValue, message)
    }
}
