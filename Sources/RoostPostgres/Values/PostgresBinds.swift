#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import NIOCore
import PostgresNIO
import RoostDatabase

/// Converts ``DatabaseValue``s to PostgreSQL parameters with their native types:
/// `bool`, `int8`, `float8`, `text`, `bytea`, `timestamptz`, `date`, `uuid`, `numeric`, `jsonb`.
enum PostgresBinds {
    /// The bindings for a statement.
    ///
    /// - Throws: ``DatabaseError/Code/invalidValue`` for NaN and for text containing NUL,
    ///   which PostgreSQL cannot store (rejected before sending, as on SQLite).
    static func make(_ values: [DatabaseValue], sql: String) throws(DatabaseError) -> PostgresBindings {
        var bindings = PostgresBindings(capacity: values.count)
        for value in values {
            switch value {
            case .null: bindings.appendNull()
            case .bool(let bool): bindings.append(bool)
            case .int(let int): bindings.append(int)
            case .double(let double):
                guard !double.isNaN else { throw invalid("NaN cannot be stored; use NULL for a missing number", sql) }
                bindings.append(double)
            case .string(let string):
                guard !string.utf8.contains(0) else { throw invalid("text containing a NUL character cannot be stored", sql) }
                bindings.append(string)
            case .bytes(let bytes): bindings.append(ByteBuffer(bytes: bytes))
            case .timestamp(let date): bindings.append(TimestampBind(microseconds: TimestampText.microsecondsSince1970(date)))
            case .date(let date): bindings.append(DateBind(daysSince1970: date.daysSince1970))
            case .uuid(let uuid): bindings.append(uuid)
            case .decimal(let decimal):
                guard !decimal.isNaN else { throw invalid("a NaN decimal cannot be stored", sql) }
                bindings.append(NumericBind(text: decimal.description))
            case .json(let json):
                guard !json.utf8.contains(0) else { throw invalid("JSON containing a NUL character cannot be stored", sql) }
                bindings.append(JSONBBind(text: json))
            }
        }
        return bindings
    }

    private static func invalid(_ message: String, _ sql: String) -> DatabaseError {
        DatabaseError(.invalidValue, message, sql: sql)
    }
}

/// Days between 1970-01-01 and PostgreSQL's epoch, 2000-01-01.
let postgresEpochDays = 10_957

/// `timestamptz`, binary: microseconds since 2000-01-01 UTC (rounded, not truncated).
struct TimestampBind: PostgresNonThrowingEncodable {
    let microseconds: Int64

    static var psqlType: PostgresDataType { .timestamptz }
    static var psqlFormat: PostgresFormat { .binary }

    func encode<JSONEncoder: PostgresJSONEncoder>(into byteBuffer: inout ByteBuffer, context: PostgresEncodingContext<JSONEncoder>) {
        byteBuffer.writeInteger(microseconds - Int64(postgresEpochDays) * 86_400_000_000)
    }
}

/// `date`, binary: days since 2000-01-01.
struct DateBind: PostgresNonThrowingEncodable {
    let daysSince1970: Int

    static var psqlType: PostgresDataType { .date }
    static var psqlFormat: PostgresFormat { .binary }

    func encode<JSONEncoder: PostgresJSONEncoder>(into byteBuffer: inout ByteBuffer, context: PostgresEncodingContext<JSONEncoder>) {
        byteBuffer.writeInteger(Int32(daysSince1970 - postgresEpochDays))
    }
}

/// `numeric`, sent in text form so that every `Decimal` arrives exactly.
struct NumericBind: PostgresNonThrowingEncodable {
    let text: String

    static var psqlType: PostgresDataType { .numeric }
    static var psqlFormat: PostgresFormat { .text }

    func encode<JSONEncoder: PostgresJSONEncoder>(into byteBuffer: inout ByteBuffer, context: PostgresEncodingContext<JSONEncoder>) {
        byteBuffer.writeString(text)
    }
}

/// `jsonb`, binary: a version byte (1) and the JSON text.
struct JSONBBind: PostgresNonThrowingEncodable {
    let text: String

    static var psqlType: PostgresDataType { .jsonb }
    static var psqlFormat: PostgresFormat { .binary }

    func encode<JSONEncoder: PostgresJSONEncoder>(into byteBuffer: inout ByteBuffer, context: PostgresEncodingContext<JSONEncoder>) {
        byteBuffer.writeInteger(UInt8(1))
        byteBuffer.writeString(text)
    }
}
