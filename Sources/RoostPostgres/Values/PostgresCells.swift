#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import NIOCore
import PostgresNIO
import RoostDatabase

/// Converts result cells (binary format) to ``DatabaseValue``s by their PostgreSQL type.
enum PostgresCells {
    /// The rows of a result, sharing one ``RowColumns``.
    static func rows(_ rows: [PostgresRow], sql: String) throws(DatabaseError) -> [Row] {
        guard let first = rows.first else { return [] }
        let columns = RowColumns(first.map(\.columnName))
        var result: [Row] = []
        result.reserveCapacity(rows.count)
        for row in rows { result.append(try self.row(row, columns: columns, sql: sql)) }
        return result
    }

    /// Hands each row of a result to `read`, all rows written into one reused value array
    /// (a row `read` keeps gets its own copy on the next write); returns the row count.
    static func read(
        _ rows: [PostgresRow], sql: String, _ read: (Row) throws -> Void
    ) throws -> Int {
        guard let first = rows.first else { return 0 }
        let columns = RowColumns(first.map(\.columnName))
        var values = [DatabaseValue](repeating: .null, count: columns.count)
        for row in rows {
            var index = 0
            for cell in row {
                values[index] = try value(cell, sql: sql)
                index += 1
            }
            try read(Row(columns: columns, values: values))
        }
        return rows.count
    }

    /// One row with a known layout.
    static func row(_ row: PostgresRow, columns: RowColumns, sql: String) throws(DatabaseError) -> Row {
        var values: [DatabaseValue] = []
        values.reserveCapacity(columns.count)
        for cell in row { values.append(try value(cell, sql: sql)) }
        return Row(columns: columns, values: values)
    }

    /// One cell.
    static func value(_ cell: PostgresCell, sql: String) throws(DatabaseError) -> DatabaseValue {
        guard var buffer = cell.bytes else { return .null }
        do {
            switch cell.dataType {
            case .bool: return .bool(try cell.decode(Bool.self))
            case .int2, .int4, .int8: return .int(try cell.decode(Int64.self))
            case .oid:
                guard let oid = buffer.readInteger(as: UInt32.self) else { throw PostgresDecodingError.Code.failure }
                return .int(Int64(oid))
            case .float4, .float8: return .double(try cell.decode(Double.self))
            case .numeric: return .decimal(try cell.decode(Decimal.self))
            case .text, .varchar, .bpchar, .name, .char, .unknown:
                return .string(buffer.readString(length: buffer.readableBytes) ?? "")
            case .bytea: return .bytes(Array(buffer.readableBytesView))
            case .timestamptz, .timestamp: return .timestamp(try timestamp(&buffer))
            case .date: return .date(try date(&buffer))
            case .uuid: return .uuid(try cell.decode(UUID.self))
            case .json: return .json(buffer.readString(length: buffer.readableBytes) ?? "")
            case .jsonb:
                guard buffer.readInteger(as: UInt8.self) == 1 else { throw PostgresDecodingError.Code.failure }
                return .json(buffer.readString(length: buffer.readableBytes) ?? "")
            case .void: return .null
            default:
                throw DatabaseError(
                    .unsupportedType,
                    "column \"\(cell.columnName)\" has PostgreSQL type \(cell.dataType), which Roost does not decode; "
                        + "cast it in SQL (e.g. \(cell.columnName)::text)", sql: sql)
            }
        } catch let error as DatabaseError {
            throw error
        } catch {
            throw DatabaseError(.other, "could not read column \"\(cell.columnName)\" of type \(cell.dataType)", sql: sql)
        }
    }

    /// `timestamp[tz]`: microseconds since 2000-01-01; ±infinity become distant dates.
    private static func timestamp(_ buffer: inout ByteBuffer) throws -> Date {
        guard buffer.readableBytes == 8, let micros = buffer.readInteger(as: Int64.self) else {
            throw PostgresDecodingError.Code.failure
        }
        if micros == .max { return .distantFuture }
        if micros == .min { return .distantPast }
        return TimestampText.date(microsecondsSince1970: micros + Int64(postgresEpochDays) * 86_400_000_000)
    }

    /// `date`: days since 2000-01-01, clamped to years 1–9999.
    private static func date(_ buffer: inout ByteBuffer) throws -> CalendarDate {
        guard buffer.readableBytes == 4, let days = buffer.readInteger(as: Int32.self) else {
            throw PostgresDecodingError.Code.failure
        }
        return CalendarDate(daysSince1970: Int(days) + postgresEpochDays)
    }
}
