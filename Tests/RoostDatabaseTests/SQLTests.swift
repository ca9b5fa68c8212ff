import RoostDatabase
import Testing

@Suite struct SQLTests {
    let sqlite = FakeDialect(placeholderStyle: .questionMark)
    let postgres = FakeDialect(placeholderStyle: .dollarNumbered)

    @Test func bindsInterpolatedValuesAsParameters() {
        let id: Int64 = 42
        let pattern = "%swift%"
        let sql: SQL = "SELECT * FROM \(identifier: "posts") WHERE id = \(id) AND title LIKE \(pattern)"
        let rendered = sql.render(for: sqlite)
        #expect(rendered.text == #"SELECT * FROM "posts" WHERE id = ? AND title LIKE ?"#)
        #expect(rendered.bindings == [.int(42), .string("%swift%")])
        #expect(sql.render(for: postgres).text == #"SELECT * FROM "posts" WHERE id = $1 AND title LIKE $2"#)
    }

    @Test func stringLiteralsInterpolatedAreBoundNotPasted() {
        let sql = SQL("SELECT \("'; DROP TABLE x; --")")
        #expect(sql.render(for: sqlite).text == "SELECT ?")
        #expect(sql.bindings == [.string("'; DROP TABLE x; --")])
    }

    @Test func optionalsBindNull() {
        let missing: String? = nil
        let present: Int? = 3
        let rendered = SQL("VALUES (\(missing), \(present))").render(for: postgres)
        #expect(rendered.text == "VALUES ($1, $2)")
        #expect(rendered.bindings == [.null, .int(3)])
    }

    @Test func quotesIdentifiersAndDoublesEmbeddedQuotes() {
        let sql: SQL = "SELECT \(identifier: "posts", "id"), \(identifiers: ["a", "we\"ird"]) FROM \(identifier: "my \"table\"; DROP")"
        #expect(sql.render(for: sqlite).text == #"SELECT "posts"."id", "a", "we""ird" FROM "my ""table""; DROP""#)
        #expect(SQLQuoting.doubleQuoted("") == #""""#)
    }

    @Test func listsBindEachValueAndEmptyListsMatchNothing() {
        let ids = [3, 1, 2]
        #expect(SQL("id IN \(list: ids)").render(for: postgres).text == "id IN ($1, $2, $3)")
        #expect(SQL("id IN \(list: ids)").bindings == [.int(3), .int(1), .int(2)])
        #expect(SQL("id IN \(list: [Int]())").render(for: sqlite).text == "id IN (NULL)")
    }

    @Test func rawTakesOnlyStaticText() {
        let sql: SQL = "SELECT 1 \(raw: "ORDER BY 1")"
        #expect(sql.render(for: sqlite).text == "SELECT 1 ORDER BY 1")
        #expect(sql.bindings.isEmpty)
    }

    @Test func fragmentsComposeWithTheirBindings() {
        var conditions: [SQL] = ["a = \(1)", "b = \("x")"]
        conditions.append("c IS NULL")
        var sql: SQL = "SELECT * FROM t WHERE \(conditions.joined(separator: " AND "))"
        sql.append(" LIMIT \(10)")
        sql += " OFFSET \(5)"
        let rendered = sql.render(for: postgres)
        #expect(rendered.text == "SELECT * FROM t WHERE a = $1 AND b = $2 AND c IS NULL LIMIT $3 OFFSET $4")
        #expect(rendered.bindings == [.int(1), .string("x"), .int(10), .int(5)])
        #expect((SQL("a") + SQL(" = \(2)")).render(for: postgres).text == "a = $1")
        #expect(SQL().isEmpty && [SQL]().joined(separator: ", ").isEmpty)
        #expect(SQL.value(true).bindings == [.bool(true)])
        #expect(SQL.identifier("a", "b").render(for: sqlite).text == #""a"."b""#)
    }

    @Test func descriptionShowsPlaceholdersNeverValues() {
        let secret = "hunter2"
        let sql: SQL = "UPDATE users SET password = \(secret) WHERE \(identifier: "id") = \(1)"
        #expect(sql.description == #"UPDATE users SET password = ? WHERE "id" = ?"#)
        #expect(!sql.render(for: postgres).description.contains(secret))
    }

    @Test func likePatternsEscapeWildcards() {
        #expect(LikePattern.escape(#"100%_\"#) == #"100\%\_\\"#)
        #expect(LikePattern.contains("a%") == #"%a\%%"#)
        #expect(LikePattern.startsWith("_x") == #"\_x%"#)
        #expect(LikePattern.endsWith(".swift") == "%.swift")
    }

    @Test func defaultLimitOffsetWritesIntegerLiterals() {
        let clause = postgres.limitOffset(limit: 10, offset: 20)
        #expect(clause.render(for: postgres).text == " LIMIT 10 OFFSET 20")
        #expect(clause.render(for: postgres).bindings.isEmpty)
        #expect(postgres.limitOffset(limit: nil, offset: nil).isEmpty)
        #expect(postgres.beginTransaction.description == "BEGIN")
    }

    @Test func textWriterRendersAsFragmentsWould() {
        for dialect in [sqlite, postgres] {
            var writer = SQLTextWriter(dialect: dialect)
            writer.write("INSERT INTO ")
            writer.writeIdentifier("my \"table\"")
            writer.write(" VALUES ")
            writer.bindList(count: 2) { [DatabaseValue.int(1), .string("'; DROP TABLE x; --")][$0] }
            writer.write(", ")
            writer.bindList(count: 2) { [DatabaseValue.null, .bool(true)][$0] }
            writer.write(" WHERE x IN ")
            writer.bindList(count: 0) { _ in .null }
            writer.write(" AND y = ")
            writer.bind(.double(1.5))
            let fragments: SQL = """
                INSERT INTO \(identifier: "my \"table\"") VALUES (\(1), \("'; DROP TABLE x; --")), \
                (\(nil as Int?), \(true)) WHERE x IN \(list: [Int]()) AND y = \(1.5)
                """
            #expect(writer.sql.render(for: dialect) == fragments.render(for: dialect))
            #expect(writer.sql.bindings == fragments.bindings)
            #expect(!writer.sql.isEmpty)
        }
        var numbered = SQLTextWriter(dialect: postgres)
        for _ in 0..<3 { numbered.bindList(count: 4) { .int(Int64($0)) } }
        #expect(numbered.sql.render(for: postgres).text == "($1, $2, $3, $4)($5, $6, $7, $8)($9, $10, $11, $12)")
    }

    /// Rows of a multi-row VALUES written at once give what one list per row gives, and
    /// numbering goes on from earlier placeholders.
    @Test func textWriterBindsWholeRows() {
        let values: [DatabaseValue] = [.int(1), .string("a'b"), .null, .int(2), .string("--"), .bool(false)]
        for dialect in [sqlite, postgres] {
            var rows = SQLTextWriter(dialect: dialect)
            rows.bind(.int(0))
            rows.write(" ")
            rows.bindRows(values, width: 3)
            var lists = SQLTextWriter(dialect: dialect)
            lists.bind(.int(0))
            lists.write(" ")
            lists.bindList(count: 3) { values[$0] }
            lists.write(", ")
            lists.bindList(count: 3) { values[3 + $0] }
            #expect(rows.sql.render(for: dialect) == lists.sql.render(for: dialect))
            #expect(rows.sql.bindings == [.int(0)] + values)
        }
        var numbered = SQLTextWriter(dialect: postgres)
        numbered.bindRows(values, width: 2)
        #expect(numbered.sql.render(for: postgres).text == "($1, $2), ($3, $4), ($5, $6)")
    }
}
