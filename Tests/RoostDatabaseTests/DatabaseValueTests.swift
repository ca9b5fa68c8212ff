#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import RoostDatabase
import Testing

@Suite struct DatabaseValueTests {
    enum Status: String, DatabaseValueConvertible { case draft, published }

    @Test func integersAcceptWholeNumbersAndCheckRange() throws {
        #expect(try Int(databaseValue: .int(5)) == 5)
        #expect(try Int64(databaseValue: .double(3.0)) == 3)
        #expect(try Int(databaseValue: .decimal(Decimal(12))) == 12)
        #expect(try UInt8(databaseValue: .int(255)) == 255)
        #expect(throws: DatabaseDecodingError.self) { try UInt8(databaseValue: .int(256)) }
        #expect(throws: DatabaseDecodingError.self) { try Int16(databaseValue: .int(-40_000)) }
        let fraction = #expect(throws: DatabaseDecodingError.self) { try Int(databaseValue: .double(1.5)) }
        #expect(fraction?.code == .typeMismatch)
        let text = #expect(throws: DatabaseDecodingError.self) { try Int(databaseValue: .string("1")) }
        #expect(text?.code == .typeMismatch)
        let null = #expect(throws: DatabaseDecodingError.self) { try Int(databaseValue: .null) }
        #expect(null?.code == .unexpectedNull)
        #expect(Int32.max.databaseValue == .int(Int64(Int32.max)))
    }

    @Test func booleansAcceptSQLiteIntegers() throws {
        #expect(try Bool(databaseValue: .int(1)) == true)
        #expect(try Bool(databaseValue: .int(0)) == false)
        #expect(try Bool(databaseValue: .bool(true)) == true)
        #expect(throws: DatabaseDecodingError.self) { try Bool(databaseValue: .int(2)) }
    }

    @Test func datesAcceptNativeAndTextForms() throws {
        let instant = Date(timeIntervalSince1970: 1_700_000_000.5)
        #expect(try Date(databaseValue: .timestamp(instant)) == instant)
        #expect(try Date(databaseValue: .string("2023-11-14 22:13:20.500000")) == instant)
        #expect(try Date(databaseValue: .string("2023-11-14T22:13:20.5Z")) == instant)
        #expect(try Date(databaseValue: .string("2023-11-15T00:13:20.5+02:00")) == instant)
        #expect(try Date(databaseValue: .string("2023-11-14 22:13")) == Date(timeIntervalSince1970: 1_700_000_000 - 20))
        #expect(throws: DatabaseDecodingError.self) { try Date(databaseValue: .string("yesterday")) }
        #expect(try Date(databaseValue: .date(CalendarDate("1970-01-02")!)) == Date(timeIntervalSince1970: 86_400))
    }

    @Test func calendarDatesValidateAndFormat() throws {
        #expect(CalendarDate(year: 2024, month: 2, day: 29)?.description == "2024-02-29")
        #expect(CalendarDate(year: 2023, month: 2, day: 29) == nil)
        #expect(CalendarDate(year: 1900, month: 2, day: 29) == nil)
        #expect(CalendarDate(year: 2000, month: 2, day: 29) != nil)
        #expect(CalendarDate("0001-01-01")?.daysSince1970 == -719_162)
        #expect(CalendarDate(daysSince1970: 0).description == "1970-01-01")
        #expect(CalendarDate(utc: Date(timeIntervalSince1970: -1)).description == "1969-12-31")
        #expect(CalendarDate("2024-1-5") == nil)
        #expect(try CalendarDate(databaseValue: .string("9999-12-31")) == CalendarDate(year: 9999, month: 12, day: 31))
        let encoded = try JSONEncoder().encode([CalendarDate("2024-05-01")!])
        #expect(String(decoding: encoded, as: UTF8.self) == #"["2024-05-01"]"#)
        #expect(CalendarDate("2024-05-01")! < CalendarDate("2024-05-02")!)
    }

    @Test func timestampTextRoundTripsMicroseconds() {
        for seconds in [0, 1_700_000_000.123456, -1_000_000.5, -62_135_596_800, 253_402_300_799] {
            let instant = Date(timeIntervalSince1970: seconds)
            let text = TimestampText.format(instant)
            let parsed = TimestampText.parse(text)
            #expect(parsed.map(TimestampText.microsecondsSince1970) == TimestampText.microsecondsSince1970(instant), "\(text)")
        }
        #expect(TimestampText.format(Date(timeIntervalSince1970: 0)) == "1970-01-01 00:00:00.000000")
        #expect(TimestampText.format(Date(timeIntervalSince1970: -0.25)) == "1969-12-31 23:59:59.750000")
    }

    @Test func uuidsAcceptHyphenatedCompactAndBytes() throws {
        let uuid = UUID(uuidString: "0E8C6E0A-1F2B-4C3D-8E9F-A0B1C2D3E4F5")!
        #expect(try UUID(databaseValue: .string("0e8c6e0a1f2b4c3d8e9fa0b1c2d3e4f5")) == uuid)
        #expect(try UUID(databaseValue: .string("0e8c6e0a-1f2b-4c3d-8e9f-a0b1c2d3e4f5")) == uuid)
        let bytes = withUnsafeBytes(of: uuid.uuid) { Array($0) }
        #expect(try UUID(databaseValue: .bytes(bytes)) == uuid)
        #expect(UUIDText.compact(uuid) == "0e8c6e0a1f2b4c3d8e9fa0b1c2d3e4f5")
        #expect(throws: DatabaseDecodingError.self) { try UUID(databaseValue: .string("not-a-uuid")) }
    }

    @Test func decimalsParseStrictly() throws {
        #expect(try Decimal(databaseValue: .string("12.50")) == Decimal(string: "12.5"))
        #expect(try Decimal(databaseValue: .int(7)) == 7)
        #expect(try Decimal(databaseValue: .double(0.25)) == Decimal(string: "0.25"))
        #expect(throws: DatabaseDecodingError.self) { try Decimal(databaseValue: .string("12abc")) }
        #expect(throws: DatabaseDecodingError.self) { try Decimal(databaseValue: .double(.infinity)) }
    }

    @Test func stringsBytesAndOptionals() throws {
        #expect(try String(databaseValue: .json("{}")) == "{}")
        #expect(throws: DatabaseDecodingError.self) { try String(databaseValue: .int(1)) }
        #expect(try [UInt8](databaseValue: .bytes([0, 1])) == [0, 1])
        #expect(try Data(databaseValue: .bytes([0, 1])) == Data([0, 1]))
        #expect(try String?(databaseValue: .null) == nil)
        #expect(try Int?(databaseValue: .int(4)) == 4)
        #expect(String?.none.databaseValue == .null)
        #expect(try Double(databaseValue: .int(2)) == 2)
        #expect(try Float(databaseValue: .double(1.5)) == 1.5)
    }

    @Test func rawRepresentableEnumsConvertThroughTheirRawValue() throws {
        #expect(Status.draft.databaseValue == .string("draft"))
        #expect(try Status(databaseValue: .string("published")) == .published)
        let unknown = #expect(throws: DatabaseDecodingError.self) { try Status(databaseValue: .string("deleted")) }
        #expect(unknown?.code == .invalidFormat)
    }

    @Test func rowsShareColumnsAndNameErrors() throws {
        let columns = RowColumns(["id", "title", "id"])
        let row = Row(columns: columns, values: [.int(1), .null, .int(2)])
        #expect(row["id"] == .int(1), "the first column of a name wins")
        #expect(row["missing"] == nil)
        #expect(try row.decode(String?.self, column: "title") == nil)
        let error = #expect(throws: DatabaseDecodingError.self) { try row.decode(String.self, column: "title") }
        #expect(error?.column == "title")
        #expect(error?.description == #"Cannot decode column "title" as String: found NULL (declare the property Optional to accept NULL)"#)
        let index = #expect(throws: DatabaseDecodingError.self) { try row.decode(Int.self, at: 9) }
        #expect(index?.code == .columnNotFound)
        #expect(row.description == "[id: integer, title: NULL, id: integer]")
        #expect(DatabaseValue.string("secret").kind == "text")
    }

    /// Narrow results are searched linearly, wide ones through a table: both find the first
    /// column of a name.
    @Test func columnLookupsFindTheFirstOfANameAtAnyWidth() {
        for width in [1, 3, 15, 16, 17, 40] {
            var names = (0..<width).map { "c\($0)" }
            names.append("c0")
            let columns = RowColumns(names)
            #expect(columns.index(of: "c0") == 0)
            #expect(columns.index(of: "c\(width - 1)") == width - 1)
            #expect(columns.index(of: "missing") == nil)
            #expect(columns.index(of: "C0") == nil, "names match case-sensitively")
        }
    }
}
