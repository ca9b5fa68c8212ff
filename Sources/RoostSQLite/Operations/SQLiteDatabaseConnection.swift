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
        let binds = try prepare(statement)
        let collector = SQLiteRowCollector()
        _ = try await SQLiteRowReader(reusingStorage: false) { collector.append($0) }.run(statement.text, binds, on: raw)
        return collector.rows
    }

    func query(
        _ statement: RenderedSQL, logger: Logger, reading read: @Sendable (Row) throws -> Void
    ) async throws -> Int {
        let binds = try prepare(statement)
        // sqlite-nio calls the row callback only until its query returns, and the reader,
        // which holds `read`, is gone then (see SQLiteRowReader.run).
        return try await withoutActuallyEscaping(read) { read in
            try await SQLiteRowReader(reusingStorage: true, read).run(statement.text, binds, on: raw)
        }
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
            do {
                _ = try await SQLiteRowReader(reusingStorage: false) { channel.produce($0) }.run(statement.text, binds, on: raw)
                channel.finish(nil)
            } catch {
                channel.finish(error)
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
