import RoostDatabase
import Testing

/// Create, read, update, delete, and what `execute` reports.
enum CRUDCases {
    static func crud(_ harness: ConformanceHarness) async throws {
        try await harness.withDatabase { db in
            let schema = ConformanceSchema(db)
            let posts = schema.table("posts")
            try await schema.cleaningUp([posts], on: db) {
                try await db.execute("""
                    CREATE TABLE \(identifier: posts) (
                        id \(schema.autoPrimaryKey), title \(schema.text) NOT NULL, views \(schema.bigint) NOT NULL DEFAULT 0)
                    """)
                #expect(db.dialect.features.supportsReturning)
                let inserted = try await db.query(
                    "INSERT INTO \(identifier: posts) (title) VALUES (\("First")) RETURNING id")
                let firstID = try #require(inserted.first).decode(Int64.self, at: 0)
                let second = try await db.query(
                    "INSERT INTO \(identifier: posts) (title, views) VALUES (\("Second"), \(7)) RETURNING id, title")
                let secondRow = try #require(second.first)
                #expect(try secondRow.decode(String.self, column: "title") == "Second")
                #expect(try secondRow.decode(Int64.self, column: "id") > firstID)

                let all = try await db.query("SELECT id, title, views FROM \(identifier: posts) ORDER BY id")
                #expect(all.count == 2)
                #expect(try all.map { try $0.decode(String.self, column: "title") } == ["First", "Second"])
                #expect(all[0].columns === all[1].columns, "rows of one result share their column layout")
                #expect(all[0].columns.names == ["id", "title", "views"])
                #expect(try all[1].decode(Int.self, at: 2) == 7)

                let updated = try await db.execute(
                    "UPDATE \(identifier: posts) SET views = views + \(1) WHERE id = \(firstID)")
                #expect(updated.rowsAffected == 1)
                #expect(try await db.queryValue("SELECT views FROM \(identifier: posts) WHERE id = \(firstID)", as: Int.self) == 1)

                let deleted = try await db.execute("DELETE FROM \(identifier: posts) WHERE title = \("Second")")
                #expect(deleted.rowsAffected == 1)
                #expect(try await db.queryValue("SELECT COUNT(*) FROM \(identifier: posts)", as: Int.self) == 1)
                #expect(try await db.queryFirst("SELECT * FROM \(identifier: posts) WHERE id = \(-1)") == nil)
            }
        }
    }

    static func executeResults(_ harness: ConformanceHarness) async throws {
        try await harness.withDatabase { db in
            let schema = ConformanceSchema(db)
            let items = schema.table("items")
            try await schema.cleaningUp([items], on: db) {
                try await db.execute("CREATE TABLE \(identifier: items) (id \(schema.autoPrimaryKey), kind \(schema.text))")
                var lastID: Int64?
                for kind in ["a", "a", "a", "b"] {
                    let result = try await db.execute("INSERT INTO \(identifier: items) (kind) VALUES (\(kind))")
                    #expect(result.rowsAffected == 1)
                    if db.dialect.features.hasLastInsertID {
                        let id = try #require(result.lastInsertID)
                        if let lastID { #expect(id == lastID + 1) }
                        lastID = id
                    } else {
                        #expect(result.lastInsertID == nil)
                    }
                }
                #expect(try await db.execute("UPDATE \(identifier: items) SET kind = \("c") WHERE kind = \("a")").rowsAffected == 3)
                #expect(try await db.execute("UPDATE \(identifier: items) SET kind = \("d") WHERE kind = \("zzz")").rowsAffected == 0)
                #expect(try await db.execute("DELETE FROM \(identifier: items)").rowsAffected == 4)
            }
        }
    }
}
