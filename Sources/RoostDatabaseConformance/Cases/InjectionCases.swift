import RoostDatabase
import Testing

/// Classic SQL-injection payloads sent through every binding path: they must be stored and
/// matched as plain data, and the database must be unharmed.
enum InjectionCases {
    static let payloads = [
        "'; DROP TABLE x; --",
        "\" OR 1=1 --",
        "' OR '1'='1",
        "Robert'); DROP TABLE students;--",
        "\\'; DROP TABLE x; --",
        "1; DELETE FROM x",
        "' UNION SELECT NULL, NULL --",
        "$1", "?", "%", "_", "\\", "'", "\"", "--", "/*", "*/", ";",
    ]

    static func payloads(_ harness: ConformanceHarness) async throws {
        try await harness.withDatabase { db in
            let schema = ConformanceSchema(db)
            let table = schema.table("x")
            try await schema.cleaningUp([table], on: db) {
                try await db.execute("CREATE TABLE \(identifier: table) (id \(schema.autoPrimaryKey), name \(schema.text) NOT NULL)")
                try await db.execute("INSERT INTO \(identifier: table) (name) VALUES (\("canary"))")
                for payload in payloads {
                    // Insert, and equality / LIKE / IN / LIMIT bindings in WHERE clauses.
                    let inserted = try await db.query("INSERT INTO \(identifier: table) (name) VALUES (\(payload)) RETURNING id")
                    let id = try #require(inserted.first).decode(Int64.self, at: 0)
                    let exact = try await db.query("SELECT id FROM \(identifier: table) WHERE name = \(payload)")
                    #expect(try exact.map { try $0.decode(Int64.self, at: 0) } == [id], "payload \(payload) matched as data")
                    let like = try await db.query(
                        "SELECT name FROM \(identifier: table) WHERE name LIKE \(LikePattern.contains(payload)) ESCAPE '\\'")
                    #expect(try like.map { try $0.decode(String.self, at: 0) }.allSatisfy { $0.contains(payload) })
                    let list = try await db.query(
                        "SELECT COUNT(*) FROM \(identifier: table) WHERE name IN \(list: [payload, "canary"])")
                    #expect(try list.first?.decode(Int.self, at: 0) == 2)
                    let updated = try await db.execute(
                        "UPDATE \(identifier: table) SET name = \(payload + payload) WHERE name = \(payload)")
                    #expect(updated.rowsAffected == 1)
                    let stored = try await db.queryValue("SELECT name FROM \(identifier: table) WHERE id = \(id)", as: String.self)
                    #expect(stored == payload + payload)
                    try await db.transaction { tx in
                        _ = try await tx.query("SELECT id FROM \(identifier: table) WHERE name <> \(payload) LIMIT \(1)")
                    }
                }
                let count = try await db.queryValue("SELECT COUNT(*) FROM \(identifier: table)", as: Int.self)
                #expect(count == payloads.count + 1, "the table is intact")
                #expect(try await db.queryValue("SELECT name FROM \(identifier: table) WHERE id = \(1)", as: String.self) == "canary")
                let rendered = SQL("SELECT \(payloads[0])").render(for: db.dialect)
                #expect(!rendered.text.contains("DROP"), "values never reach the SQL text")
            }
        }
    }

    static func identifiers(_ harness: ConformanceHarness) async throws {
        try await harness.withDatabase { db in
            let schema = ConformanceSchema(db)
            let victim = schema.table("victim")
            let hostileTable = schema.table("t\"; DROP TABLE \(victim); --")
            let hostileColumn = "c\" TEXT); DROP TABLE \(victim); --"
            try await schema.cleaningUp([victim, hostileTable], on: db) {
                try await db.execute("CREATE TABLE \(identifier: victim) (id \(schema.autoPrimaryKey))")
                try await db.execute("INSERT INTO \(identifier: victim) DEFAULT VALUES")
                try await db.execute("CREATE TABLE \(identifier: hostileTable) (\(identifier: hostileColumn) \(schema.text))")
                try await db.execute("INSERT INTO \(identifier: hostileTable) (\(identifier: hostileColumn)) VALUES (\("ok"))")
                let value = try await db.queryValue(
                    "SELECT \(identifier: hostileTable, hostileColumn) FROM \(identifier: hostileTable)", as: String.self)
                #expect(value == "ok")
                #expect(try await db.queryValue("SELECT COUNT(*) FROM \(identifier: victim)", as: Int.self) == 1,
                        "the other table is unharmed")
            }
        }
    }
}
