import Logging
import RoostDatabase
import SQLiteNIO
import Synchronization

/// A ``DatabaseConnection`` over one sqlite-nio connection.
final class SQLiteDatabaseConnection: DatabaseConnection {
    let raw: SQLiteConnection
    private let closed = Atomic<Bool>(false)

    init(raw: SQLiteConnection) {
        self.raw = raw
    }

    var dialect: any SQLDialect { SQLiteDialect() }

    var isClosed: Bool { closed.load(ordering: .acquiring) }

    func query(_ statement: RenderedSQL, logger: Logger) async throws -> [Row] {
        let binds = try prepare(statement)
        let collector = SQLiteRowCollector()
        do {
            try await raw.query(statement.text, binds) { collector.append($0) }
        } catch {
            throw SQLiteErrors.map(error, sql: statement.text)
        }
        return collector.rows
    }

    func execute(_ statement: RenderedSQL, logger: Logger) async throws -> ExecuteResult {
        let binds = try prepare(statement)
        do {
            try await raw.query(statement.text, binds) { _ in }
            // Transaction control changes no rows: skip the second round trip for counters.
            if SQLiteStatementCheck.isTransactionControl(statement.text) { return ExecuteResult(rowsAffected: 0, lastInsertID: nil) }
            let counters = SQLiteRowCollector()
            try await raw.query("SELECT changes(), last_insert_rowid()", []) { counters.append($0) }
            let row = counters.rows.first
            let changes = try row?.decode(Int.self, at: 0) ?? 0
            let lastID = try row?.decode(Int64.self, at: 1)
            return ExecuteResult(rowsAffected: changes, lastInsertID: lastID)
        } catch {
            throw SQLiteErrors.map(error, sql: statement.text)
        }
    }

    nonisolated(nonsending) func stream(
        _ statement: RenderedSQL, logger: Logger, _ body: nonisolated(nonsending) (Row) async throws -> Void
    ) async throws {
        let binds = try prepare(statement)
        let channel = SQLiteRowChannel()
        let producer = Task { [raw] in
            let builder = SQLiteRowBuilder()
            do {
                try await raw.query(statement.text, binds) { channel.produce(builder.row(from: $0)) }
                channel.finish(nil)
            } catch {
                channel.finish(SQLiteErrors.map(error, sql: statement.text))
            }
        }
        do {
            while let batch = try await channel.next() {
                for row in batch { try await body(row) }
            }
        } catch {
            channel.cancel()
            await producer.value
            throw error
        }
        await producer.value
    }

    func isHealthy(logger: Logger) async -> Bool {
        guard !isClosed else { return false }
        do {
            try await raw.query("SELECT 1", []) { _ in }
            return true
        } catch {
            logger.debug("SQLite health check failed", metadata: ["error": "\(error)"])
            return false
        }
    }

    func close() async {
        guard !closed.exchange(true, ordering: .acquiringAndReleasing) else { return }
        try? await raw.close()
    }

    /// Checks the connection and the statement, and converts the bindings.
    private func prepare(_ statement: RenderedSQL) throws(DatabaseError) -> [SQLiteData] {
        guard !isClosed else {
            throw DatabaseError(.connectionLost, "the SQLite connection is closed", sql: statement.text)
        }
        if SQLiteStatementCheck.hasTrailingStatement(statement.text) {
            throw DatabaseError(.syntaxError, "the SQL holds more than one statement; run them one at a time",
                                sql: statement.text)
        }
        var binds: [SQLiteData] = []
        binds.reserveCapacity(statement.bindings.count)
        for value in statement.bindings {
            do {
                binds.append(try SQLiteValues.encode(value))
            } catch {
                throw error.with(sql: statement.text)
            }
        }
        return binds
    }
}

/// Builds ``Row``s from sqlite-nio rows, creating the shared ``RowColumns`` from the first.
///
/// sqlite-nio calls a statement's row callback on one thread pool thread, one row after
/// another, and completes the query's future after the last call: what the callback writes is
/// read only after that completion, so the builder and the collector need no lock (hence
/// `@unchecked Sendable`).
final class SQLiteRowBuilder: @unchecked Sendable {
    // One thread at a time (see above): no dynamic exclusivity checks per row.
    @exclusivity(unchecked) private var columns: RowColumns?

    func row(from raw: SQLiteRow) -> Row {
        let cells = raw.columns
        let layout: RowColumns
        if let columns {
            layout = columns
        } else {
            layout = RowColumns(cells.map(\.name))
            columns = layout
        }
        var values: [DatabaseValue] = []
        values.reserveCapacity(cells.count)
        for cell in cells { values.append(SQLiteValues.decode(cell.data)) }
        return Row(columns: layout, values: values)
    }
}

/// Collects every row of a statement (see ``SQLiteRowBuilder`` for the threading).
final class SQLiteRowCollector: @unchecked Sendable {
    private let builder = SQLiteRowBuilder()
    @exclusivity(unchecked) private(set) var rows: [Row] = []

    func append(_ raw: SQLiteRow) {
        rows.append(builder.row(from: raw))
    }
}
