#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import RoostDatabase
import Testing

/// The dialect operations the ORM builds on behave the same on every backend.
enum DialectCases {
    static func operations(_ harness: ConformanceHarness) async throws {
        try await harness.withDatabase { db in
            let schema = ConformanceSchema(db)
            let table = schema.table("events")
            try await schema.cleaningUp([table], on: db) {
                try await db.execute("""
                    CREATE TABLE \(identifier: table) (id \(schema.autoPrimaryKey), title \(schema.text), at \(schema.timestamp))
                    """)
                // 2024-02-29 13:45:30.25 UTC, a Thursday.
                let instant = Date(timeIntervalSince1970: 1_709_214_330.25)
                for title in ["Swift 6", "swift on server", "100% off", "under_score"] {
                    try await db.execute("INSERT INTO \(identifier: table) (title, at) VALUES (\(title), \(instant))")
                }
                let dialect = db.dialect
                let at = SQL.identifier("at")
                let expected: [(DatePart, Int)] = [(.year, 2024), (.month, 2), (.day, 29), (.hour, 13), (.minute, 45),
                                                   (.second, 30), (.weekDay, 5)]
                for (part, value) in expected {
                    let extracted = try await db.queryValue(
                        "SELECT \(dialect.extract(part, from: at)) FROM \(identifier: table) LIMIT 1", as: Int.self)
                    #expect(extracted == value, "\(part)")
                }

                func titles(_ condition: SQL, _ tail: SQL = SQL()) async throws -> [String] {
                    try await db.query("SELECT title FROM \(identifier: table) WHERE \(condition) ORDER BY id\(tail)")
                        .map { try $0.decode(String.self, at: 0) }
                }
                let title = SQL.identifier("title")
                #expect(try await titles(dialect.regexMatch(title, pattern: .value("^[Ss]wift"), caseInsensitive: false))
                    == ["Swift 6", "swift on server"])
                #expect(try await titles(dialect.regexMatch(title, pattern: .value("^SWIFT"), caseInsensitive: true))
                    == ["Swift 6", "swift on server"])
                #expect(try await titles(dialect.regexMatch(title, pattern: .value("server$"), caseInsensitive: false))
                    == ["swift on server"])
                #expect(try await titles("\(title) LIKE \(LikePattern.contains("%")) ESCAPE '\\'") == ["100% off"])
                #expect(try await titles("\(title) LIKE \(LikePattern.contains("_")) ESCAPE '\\'") == ["under_score"])
                #expect(try await titles("1 = 1", dialect.limitOffset(limit: 2, offset: 1)) == ["swift on server", "100% off"])
                #expect(try await titles("1 = 1", dialect.limitOffset(limit: nil, offset: 3)) == ["under_score"])
                #expect(try await titles("1 = 1", dialect.limitOffset(limit: 1, offset: nil)) == ["Swift 6"])
            }
        }
    }
}
