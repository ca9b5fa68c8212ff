import RoostDatabase
import Testing

/// Integrity violations and other statement errors, mapped to typed ``DatabaseError``s.
enum IntegrityCases {
    static func unique(_ harness: ConformanceHarness) async throws {
        try await harness.withDatabase { db in
            let schema = ConformanceSchema(db)
            let users = schema.table("users")
            let constraint = schema.table("users_email_key")
            try await schema.cleaningUp([users], on: db) {
                try await db.execute("""
                    CREATE TABLE \(identifier: users) (id \(schema.autoPrimaryKey), email \(schema.text) NOT NULL,
                        CONSTRAINT \(identifier: constraint) UNIQUE (email))
                    """)
                try await db.execute("INSERT INTO \(identifier: users) (email) VALUES (\("a@example.com"))")
                let error = await #expect(throws: DatabaseError.self) {
                    try await db.execute("INSERT INTO \(identifier: users) (email) VALUES (\("a@example.com"))")
                }
                #expect(error?.code == .uniqueViolation)
                #expect(error?.code.isIntegrityViolation == true)
                #expect(error?.columns == ["email"])
                #expect(error?.table == users)
                if schema.isPostgres { #expect(error?.constraint == constraint) }
                #expect(error?.sql?.contains("INSERT INTO") == true)
                #expect(try await db.queryValue("SELECT COUNT(*) FROM \(identifier: users)", as: Int.self) == 1)
            }
        }
    }

    static func foreignKey(_ harness: ConformanceHarness) async throws {
        try await harness.withDatabase { db in
            let schema = ConformanceSchema(db)
            let authors = schema.table("authors")
            let books = schema.table("books")
            let constraint = schema.table("books_author_fk")
            try await schema.cleaningUp([authors, books], on: db) {
                try await db.execute("CREATE TABLE \(identifier: authors) (id \(schema.autoPrimaryKey), name \(schema.text))")
                try await db.execute("""
                    CREATE TABLE \(identifier: books) (id \(schema.autoPrimaryKey), author_id \(schema.bigint) NOT NULL,
                        CONSTRAINT \(identifier: constraint) FOREIGN KEY (author_id) REFERENCES \(identifier: authors) (id))
                    """)
                let error = await #expect(throws: DatabaseError.self) {
                    try await db.execute("INSERT INTO \(identifier: books) (author_id) VALUES (\(12_345))")
                }
                #expect(error?.code == .foreignKeyViolation)
                if schema.isPostgres {
                    #expect(error?.constraint == constraint)
                    #expect(error?.columns == ["author_id"])
                }
                let author = try await db.query("INSERT INTO \(identifier: authors) (name) VALUES (\("Ann")) RETURNING id")
                let authorID = try #require(author.first).decode(Int64.self, at: 0)
                try await db.execute("INSERT INTO \(identifier: books) (author_id) VALUES (\(authorID))")
                let restrict = await #expect(throws: DatabaseError.self) {
                    try await db.execute("DELETE FROM \(identifier: authors) WHERE id = \(authorID)")
                }
                #expect(restrict?.code == .foreignKeyViolation, "deleting a referenced row is refused")
            }
        }
    }

    static func notNull(_ harness: ConformanceHarness) async throws {
        try await harness.withDatabase { db in
            let schema = ConformanceSchema(db)
            let table = schema.table("notes")
            try await schema.cleaningUp([table], on: db) {
                try await db.execute("CREATE TABLE \(identifier: table) (id \(schema.autoPrimaryKey), body \(schema.text) NOT NULL)")
                let error = await #expect(throws: DatabaseError.self) {
                    try await db.execute("INSERT INTO \(identifier: table) (body) VALUES (\(String?.none))")
                }
                #expect(error?.code == .notNullViolation)
                #expect(error?.column == "body")
                #expect(error?.table == table)
            }
        }
    }

    static func check(_ harness: ConformanceHarness) async throws {
        try await harness.withDatabase { db in
            let schema = ConformanceSchema(db)
            let table = schema.table("stock")
            let constraint = schema.table("qty_positive")
            try await schema.cleaningUp([table], on: db) {
                try await db.execute("""
                    CREATE TABLE \(identifier: table) (id \(schema.autoPrimaryKey), qty \(schema.bigint),
                        CONSTRAINT \(identifier: constraint) CHECK (qty > 0))
                    """)
                let error = await #expect(throws: DatabaseError.self) {
                    try await db.execute("INSERT INTO \(identifier: table) (qty) VALUES (\(-5))")
                }
                #expect(error?.code == .checkViolation)
                #expect(error?.constraint == constraint)
            }
        }
    }

    static func errorsOmitValues(_ harness: ConformanceHarness) async throws {
        try await harness.withDatabase { db in
            let schema = ConformanceSchema(db)
            let table = schema.table("secrets")
            let secret = "s3cr3t-\(UInt32.random(in: 0...UInt32.max))"
            try await schema.cleaningUp([table], on: db) {
                try await db.execute("CREATE TABLE \(identifier: table) (token \(schema.text) UNIQUE, n \(schema.bigint) NOT NULL)")
                try await db.execute("INSERT INTO \(identifier: table) (token, n) VALUES (\(secret), \(1))")
                for statement: SQL in [
                    "INSERT INTO \(identifier: table) (token, n) VALUES (\(secret), \(2))",
                    "INSERT INTO \(identifier: table) (token, n) VALUES (\(secret + "x"), \(Int?.none))",
                ] {
                    let error = await #expect(throws: DatabaseError.self) { try await db.execute(statement) }
                    let text = error.map { String(describing: $0) } ?? ""
                    #expect(!text.contains(secret), "the description must not hold bound values: \(text)")
                    #expect(text.contains("INSERT INTO"), "the description holds the SQL text")
                }
            }
        }
    }

    static func missingTableAndSyntax(_ harness: ConformanceHarness) async throws {
        try await harness.withDatabase { db in
            let missing = "roost_conf_no_such_table_\(UInt32.random(in: 0...UInt32.max))"
            let error = await #expect(throws: DatabaseError.self) {
                _ = try await db.query("SELECT * FROM \(identifier: missing)")
            }
            #expect(error?.code == .tableNotFound)
            #expect(error?.table == missing)
            let syntax = await #expect(throws: DatabaseError.self) { _ = try await db.query("SELEC 1") }
            #expect(syntax?.code == .syntaxError)
            let two = try await db.queryValue("SELECT \(2) AS two", as: Int.self)
            #expect(two == 2, "the pool still works")
        }
    }

    static func multipleStatements(_ harness: ConformanceHarness) async throws {
        try await harness.withDatabase { db in
            let schema = ConformanceSchema(db)
            let first = schema.table("first")
            let second = schema.table("second")
            try await schema.cleaningUp([first, second], on: db) {
                let error = await #expect(throws: DatabaseError.self) {
                    try await db.execute("CREATE TABLE \(identifier: first) (a \(schema.text)); CREATE TABLE \(identifier: second) (b \(schema.text))")
                }
                #expect(error?.code == .syntaxError)
                let tables = try await db.query(
                    schema.isPostgres
                        ? "SELECT table_name::text FROM information_schema.tables WHERE table_name IN \(list: [first, second])"
                        : "SELECT name FROM sqlite_master WHERE name IN \(list: [first, second])")
                #expect(tables.isEmpty, "no part of the text ran")
                _ = try await db.query("SELECT 1; -- a trailing comment is fine")
            }
        }
    }
}
