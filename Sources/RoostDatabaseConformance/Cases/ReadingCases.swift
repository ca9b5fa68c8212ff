import RoostDatabase
import Testing

/// `query(_:reading:)`: rows handed over as the driver reads them.
enum ReadingCases {
    struct Stop: Error {}

    /// Three rows, `n` = 1…3 with a text label, in order.
    static let threeRows: SQL = """
        SELECT \(1) AS n, \("one") AS label UNION ALL SELECT \(2), \("two") UNION ALL SELECT \(3), \("three") ORDER BY n
        """

    static func rowsInOrder(_ harness: ConformanceHarness) async throws {
        try await harness.withDatabase(.init(maxConnections: 1)) { db in
            let kept = LockedList<Row>()
            try await db.query(threeRows) { kept.append($0) }
            let rows = kept.elements
            // A driver may reuse one row's storage for the next: rows kept by the reader must
            // still hold their own values.
            #expect(try rows.map { try $0.decode(Int.self, at: 0) } == [1, 2, 3])
            #expect(try rows.map { try $0.decode(String.self, column: "label") } == ["one", "two", "three"])
            #expect(rows.first?.columns.names == ["n", "label"])

            let none = LockedList<Row>()
            try await db.query("SELECT \(1) AS n WHERE \(1) = \(2)") { none.append($0) }
            #expect(none.elements.isEmpty, "an empty result calls the reader never")

            try await db.transaction { tx in
                let labels = LockedList<String>()
                try await tx.query(threeRows) { labels.append(try $0.decode(String.self, at: 1)) }
                #expect(labels.elements == ["one", "two", "three"])
            }
            try await db.withConnection { connection in
                let count = LockedList<Int>()
                try await connection.query(threeRows) { count.append(try $0.decode(Int.self, at: 0)) }
                #expect(count.elements == [1, 2, 3])
            }
        }
    }

    static func readerErrors(_ harness: ConformanceHarness) async throws {
        try await harness.withDatabase(.init(maxConnections: 1)) { db in
            let seen = LockedList<Int>()
            await #expect(throws: Stop.self) {
                try await db.query(threeRows) { row in
                    seen.append(try row.decode(Int.self, at: 0))
                    if seen.elements.count == 2 { throw Stop() }
                }
            }
            #expect(seen.elements == [1, 2], "no row is handed over after the reader threw")

            // A decoding error in the reader is the reader's error, naming the column.
            await #expect(throws: DatabaseDecodingError.self) {
                try await db.query(threeRows) { _ = try $0.decode(Int.self, column: "label") }
            }

            // Statement errors are the driver's typed errors, as from `query(_:)`.
            let missing = await #expect(throws: DatabaseError.self) {
                try await db.query("SELECT * FROM roost_no_such_table") { _ in }
            }
            #expect(missing?.code == .tableNotFound)
            let twoStatements = await #expect(throws: DatabaseError.self) {
                try await db.query("SELECT 1; DROP TABLE roost_no_such_table") { _ in }
            }
            #expect(twoStatements?.code == .syntaxError)

            // A reader failing inside a transaction fails that statement only.
            try await db.transaction { tx in
                await #expect(throws: Stop.self) {
                    try await tx.query(threeRows) { _ in throw Stop() }
                }
                let five = try await tx.queryValue("SELECT \(5) AS n", as: Int.self)
                #expect(five == 5, "the transaction goes on")
            }
            #expect(try await db.queryValue("SELECT \(7) AS n", as: Int.self) == 7, "the only connection is usable again")
            #expect(db.pool.statistics.connectionsDiscarded == 0)
        }
    }
}
