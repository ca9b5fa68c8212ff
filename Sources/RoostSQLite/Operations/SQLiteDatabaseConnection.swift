import Logging
import RoostDatabase
import SQLiteNIO
import Synchronization

/// A ``DatabaseConnection`` over one sqlite-nio connection, which runs its calls on a thread
/// of its own.
final class SQLiteDatabaseConnection: DatabaseConnection {
    let raw: SQLiteConnection
    private let thread: NIOThreadPool
    private let closed = Atomic<Bool>(false)

    init(raw: SQLiteConnection, thread: NIOThreadPool) {
        self.raw = raw
        self.thread = thread
    }

    var dialect: any SQLDialect { SQLiteDialect() }

    var isClosed: Bool { closed.load(ordering: .acquiring) }

    func query(_ statement: RenderedSQL, logger: Logger) async throws -> [Row] {
        let collector = SQLiteRowCollector()
        _ = try await query(statement, reusingStorage: false) { collector.append($0) }
        return collector.rows
    }

    func query(
        _ statement: RenderedSQL, logger: Logger, reading read: @Sendable (Row) throws -> Void
    ) async throws -> Int {
        // sqlite-nio calls the row callback only until its query returns, and the reader
        // lets go of `read` then.
        try await withoutActuallyEscaping(read) { read in
            try await query(statement, reusingStorage: true, read)
        }
    }

    /// Runs the statement with a ``SQLiteRowReader``; returns the number of rows read.
    private func query(
        _ statement: RenderedSQL, reusingStorage: Bool, _ read: @escaping @Sendable (Row) throws -> Void
    ) async throws -> Int {
        let binds = try prepare(statement)
        let reader = SQLiteRowReader(reusingStorage: reusingStorage, read)
        defer { reader.finish() }
        do {
            try await raw.query(statement.text, binds) { reader.read($0) }
        } catch {
            throw SQLiteErrors.map(error, sql: statement.text)
        }
        if let error = reader.error { throw error }
        return reader.count
    }

    func execute(_ statement: RenderedSQL, logger: Logger) async throws -> ExecuteResult {
        let binds = try prepare(statement)
        do {
            try await raw.query(statement.text, binds) { _ in }
            // Transaction control changes no rows: skip the second round trip for counters.
            if SQLiteStatementCheck.isTransactionControl(statement.text) { return ExecuteResult(rowsAffected: 0, lastInsertID: nil) }
            // Both are always integers.
            let counters = try await raw.query("SELECT changes(), last_insert_rowid()", []).first?.columns
            return ExecuteResult(
                rowsAffected: counters?[0].data.integer ?? 0, lastInsertID: (counters?[1].data.integer).map(Int64.init))
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
            let reader = SQLiteRowReader(reusingStorage: false) { channel.produce($0) }
            do {
                try await raw.query(statement.text, binds) { reader.read($0) }
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
        try? await thread.shutdownGracefully()
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

/// Turns sqlite-nio rows into ``Row``s, creating the shared ``RowColumns`` from the first, and
/// hands each to a reader.
///
/// sqlite-nio calls a statement's row callback on one thread pool thread, one row after
/// another, and completes the query after the last call: what the callback writes is read
/// only after that completion, so the reader needs no lock (hence `@unchecked Sendable`).
///
/// With `reusingStorage`, every row is written into one value array: once the reader has let
/// go of a row, the next one goes into the same storage instead of a new allocation. Readers
/// that keep rows (collecting or streaming them) get a fresh array per row. After the reader
/// throws, later rows are skipped, since sqlite-nio's callback cannot stop the statement.
final class SQLiteRowReader: @unchecked Sendable {
    private let reusingStorage: Bool
    @exclusivity(unchecked) private var reader: (@Sendable (Row) throws -> Void)?
    @exclusivity(unchecked) private var columns: RowColumns?
    @exclusivity(unchecked) private var values: [DatabaseValue] = []
    @exclusivity(unchecked) private(set) var count = 0
    @exclusivity(unchecked) private(set) var error: (any Error)?

    init(reusingStorage: Bool, _ reader: @escaping @Sendable (Row) throws -> Void) {
        self.reusingStorage = reusingStorage
        self.reader = reader
    }

    func read(_ raw: SQLiteRow) {
        guard error == nil, let reader else { return }
        let cells = raw.columns
        let layout: RowColumns
        if let columns {
            layout = columns
        } else {
            layout = RowColumns(cells.map(\.name))
            columns = layout
        }
        if reusingStorage {
            if values.count != cells.count { values = Array(repeating: .null, count: cells.count) }
            values.withUnsafeMutableBufferPointer { values in
                for index in cells.indices { values[index] = SQLiteValues.decode(cells[index].data) }
            }
        } else {
            values = cells.map { SQLiteValues.decode($0.data) }
        }
        count += 1
        do {
            try reader(Row(columns: layout, values: values))
        } catch {
            self.error = error
        }
    }

    /// Drops the reader once the query is over: the thread pool may release its work item,
    /// which holds this object, after the query has returned.
    func finish() {
        reader = nil
    }
}

/// Collects every row of a statement (see ``SQLiteRowReader`` for the threading).
final class SQLiteRowCollector: @unchecked Sendable {
    @exclusivity(unchecked) private(set) var rows: [Row] = []

    func append(_ row: Row) {
        rows.append(row)
    }
}
