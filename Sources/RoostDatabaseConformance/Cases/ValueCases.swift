#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import RoostDatabase
import Testing

/// Every value type through a real column and back.
enum ValueCases {
    static func roundTrips(_ harness: ConformanceHarness) async throws {
        try await harness.withDatabase { db in
            let schema = ConformanceSchema(db)
            let table = schema.table("values")
            try await schema.cleaningUp([table], on: db) {
                try await db.execute("""
                    CREATE TABLE \(identifier: table) (
                        id \(schema.autoPrimaryKey), i \(schema.bigint), d \(schema.double), b \(schema.boolean),
                        s \(schema.text), by \(schema.bytes), ts \(schema.timestamp), dt \(schema.date),
                        u \(schema.uuid), dec \(schema.decimal), j \(schema.json))
                    """)
                let trip = RoundTrip(db: db, table: table)
                for value in [Int64.min, Int64.max, 0, -1, 42] { try await trip.check(value, column: "i") }
                for value in [Int.min, Int.max] { try await trip.check(value, column: "i") }
                for value in [Int32.min, Int32.max] { try await trip.check(value, column: "i") }
                for value in [Int16.min, Int16.max] { try await trip.check(value, column: "i") }
                for value in [UInt8.min, UInt8.max] { try await trip.check(value, column: "i") }
                for value in [UInt32.max] { try await trip.check(value, column: "i") }
                for value in [0.0, 1.5, -2.25, .pi, .greatestFiniteMagnitude, -.greatestFiniteMagnitude,
                              .leastNormalMagnitude, .infinity, -.infinity] {
                    try await trip.check(value, column: "d")
                }
                try await trip.check(Float(3.5), column: "d")
                for value in [true, false] { try await trip.check(value, column: "b") }
                for value in ["", "plain", "Ünïcödé ✓ 漢字 العربية", "emoji 🐦‍🔥 👩‍👩‍👧‍👦 🇫🇷", "quotes ' \" \\ ` $1 ? %",
                              "tabs\tand\nnewlines\r\n", String(repeating: "long ✓", count: 50_000)] {
                    try await trip.check(value, column: "s")
                }
                let allBytes = (0...255).map { UInt8($0) }
                var generator = SystemRandomNumberGenerator()
                let randomBytes = (0..<65_536).map { _ in UInt8.random(in: 0...255, using: &generator) }
                for value in [[UInt8](), [0], [0, 0, 0], [0, 1, 2, 0, 255], allBytes, randomBytes] {
                    try await trip.check(value, column: "by")
                }
                try await trip.check(Data([0, 1, 0, 2]), column: "by")
                try await checkDates(trip)
                for value in [UUID(), UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)),
                              UUID(uuidString: "FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF")!] {
                    try await trip.check(value, column: "u")
                }
                for text in ["0", "1.5", "-0.001", "12345678901234567890.123456789", "99999999999999999999999999999999999999"] {
                    try await trip.check(Decimal(string: text)!, column: "dec")
                }
                try await checkJSON(trip)
                for column in ["i", "d", "b", "s", "by", "ts", "dt", "u", "dec", "j"] {
                    try await trip.checkNull(column: column)
                }
            }
        }
    }

    private static func checkDates(_ trip: RoundTrip) async throws {
        let instants: [Date] = [
            Date(timeIntervalSince1970: 0), Date(timeIntervalSince1970: 1_700_000_000.123456),
            Date(timeIntervalSince1970: -1_000_000.5), Date(timeIntervalSince1970: 1_700_000_000.999999),
            Date(timeIntervalSince1970: -62_135_596_800), Date(timeIntervalSince1970: 253_402_300_799),
        ]
        for instant in instants {
            let read = try await trip.write(instant, column: "ts", as: Date.self)
            #expect(TimestampText.microsecondsSince1970(read) == TimestampText.microsecondsSince1970(instant),
                    "timestamp \(TimestampText.format(instant)) came back as \(TimestampText.format(read))")
        }
        for text in ["0001-01-01", "1970-01-01", "2024-02-29", "9999-12-31"] {
            try await trip.check(CalendarDate(text)!, column: "dt")
        }
    }

    private struct Document: Codable, Equatable {
        var name: String
        var tags: [String]
        var score: Double
        var nested: [String: Int?]
    }

    private static func checkJSON(_ trip: RoundTrip) async throws {
        let document = Document(name: "Zoë 🐦 \"quoted\"", tags: ["a", "b"], score: 1.5, nested: ["x": nil, "y": 2])
        let text = String(decoding: try JSONEncoder().encode(document), as: UTF8.self)
        let row = try await trip.writeRaw(.json(text), column: "j")
        let read = try row.decode(String.self, column: "j")
        #expect(try JSONDecoder().decode(Document.self, from: Data(read.utf8)) == document)
        let encoded = try await trip.writeRaw(try .json(encoding: document), column: "j")
        #expect(try encoded.decodeJSON(Document.self, column: "j") == document)
    }

    static func unstorableValues(_ harness: ConformanceHarness) async throws {
        try await harness.withDatabase { db in
            let rejected: [(String, DatabaseValue)] = [
                ("NaN", .double(.nan)), ("NaN decimal", .decimal(.nan)), ("NUL in text", .string("a\u{0}b")),
                ("NUL at the end of long text", .string(String(repeating: "é", count: 40) + "\u{0}")),
                ("NUL in JSON", .json("{\"a\": \"\u{0}\"}")),
            ]
            for (name, value) in rejected {
                let error = await #expect(throws: DatabaseError.self, "\(name) must be rejected") {
                    _ = try await db.query("SELECT \(value) AS v")
                }
                #expect(error?.code == .invalidValue, "\(name): \(String(describing: error))")
            }
            let one = try await db.queryValue("SELECT \(1) AS v", as: Int.self)
            #expect(one == 1, "the connection still works")
        }
    }

    static func nullAndDecodingErrors(_ harness: ConformanceHarness) async throws {
        try await harness.withDatabase { db in
            let schema = ConformanceSchema(db)
            let table = schema.table("people")
            try await schema.cleaningUp([table], on: db) {
                try await db.execute("CREATE TABLE \(identifier: table) (name \(schema.text), age \(schema.bigint))")
                try await db.execute("INSERT INTO \(identifier: table) (name, age) VALUES (\(String?.none), \(300))")
                let row = try #require(try await db.queryFirst("SELECT name, age FROM \(identifier: table)"))
                #expect(row["name"] == .null)
                #expect(try row.decode(String?.self, column: "name") == nil)
                #expect(try row.decode(Int?.self, column: "age") == 300)

                let null = #expect(throws: DatabaseDecodingError.self) { try row.decode(String.self, column: "name") }
                #expect(null?.code == .unexpectedNull)
                #expect(null?.column == "name")
                #expect(null.map(String.init(describing:))?.contains("\"name\"") == true)

                let range = #expect(throws: DatabaseDecodingError.self) { try row.decode(UInt8.self, column: "age") }
                #expect(range?.code == .outOfRange)
                #expect(range?.column == "age")

                let mismatch = #expect(throws: DatabaseDecodingError.self) { try row.decode(String.self, at: 1) }
                #expect(mismatch?.code == .typeMismatch)
                #expect(mismatch?.column == "age")

                let missing = #expect(throws: DatabaseDecodingError.self) { try row.decode(Int.self, column: "nope") }
                #expect(missing?.code == .columnNotFound)
            }
        }
    }
}

/// Writes one value into one column of a fresh row and reads it back.
struct RoundTrip {
    let db: Database
    let table: String

    func writeRaw(_ value: DatabaseValue, column: String) async throws -> Row {
        let inserted = try await db.query(
            "INSERT INTO \(identifier: table) (\(identifier: column)) VALUES (\(value)) RETURNING id")
        let id = try #require(inserted.first).decode(Int64.self, at: 0)
        return try #require(try await db.queryFirst("SELECT \(identifier: column) FROM \(identifier: table) WHERE id = \(id)"))
    }

    func write<Value: DatabaseValueConvertible>(_ value: Value, column: String, as type: Value.Type) async throws -> Value {
        try await writeRaw(value.databaseValue, column: column).decode(Value.self, column: column)
    }

    func check<Value: DatabaseValueConvertible & Equatable>(_ value: Value, column: String) async throws {
        let read = try await write(value, column: column, as: Value.self)
        #expect(read == value, "\(Value.self) in column \(column) did not survive the round trip")
    }

    func checkNull(column: String) async throws {
        let row = try await writeRaw(.null, column: column)
        #expect(row[0] == .null, "NULL in column \(column) did not survive the round trip")
    }
}
