import Logging
import NIOCore
import PostgresNIO
import RoostDatabase
import Synchronization

/// A ``DatabaseConnection`` over one postgres-nio connection.
final class PostgresDatabaseConnection: DatabaseConnection {
    let raw: PostgresConnection
    private let broken = Atomic<Bool>(false)

    init(raw: PostgresConnection) {
        self.raw = raw
    }

    var dialect: any SQLDialect { PostgresDialect() }

    /// The event loop the connection's socket is on.
    var eventLoop: any EventLoop { raw.eventLoop }

    var isClosed: Bool { broken.load(ordering: .acquiring) || raw.isClosed }

    func query(_ statement: RenderedSQL, logger: Logger) async throws -> [Row] {
        let query = try prepare(statement)
        do {
            let result = try await raw.query(query, logger: logger).get()
            return try PostgresCells.rows(result.rows, sql: statement.text)
        } catch {
            throw failed(error, statement)
        }
    }

    func query(
        _ statement: RenderedSQL, logger: Logger, reading read: @Sendable (Row) throws -> Void
    ) async throws -> Int {
        let query = try prepare(statement)
        let result: PostgresQueryResult
        do {
            result = try await raw.query(query, logger: logger).get()
        } catch {
            throw failed(error, statement)
        }
        return try PostgresCells.read(result.rows, sql: statement.text, read)
    }

    func execute(_ statement: RenderedSQL, logger: Logger) async throws -> ExecuteResult {
        let query = try prepare(statement)
        do {
            let result = try await raw.query(query, logger: logger).get()
            return ExecuteResult(rowsAffected: result.metadata.rows ?? 0, lastInsertID: nil)
        } catch {
            throw failed(error, statement)
        }
    }

    nonisolated(nonsending) func stream(
        _ statement: RenderedSQL, logger: Logger, _ body: nonisolated(nonsending) (Row) async throws -> Void
    ) async throws {
        let query = try prepare(statement)
        let sequence: PostgresRowSequence
        do {
            sequence = try await raw.query(query, logger: logger)
        } catch {
            throw failed(error, statement)
        }
        let columns = RowColumns(sequence.columns.map(\.name))
        var iterator = sequence.makeAsyncIterator()
        while true {
            let next: PostgresRow?
            do {
                next = try await iterator.next()
            } catch {
                throw failed(error, statement)
            }
            guard let next else { return }
            try await body(try PostgresCells.row(next, columns: columns, sql: statement.text))
        }
    }

    func isHealthy(logger: Logger) async -> Bool {
        guard !isClosed else { return false }
        do {
            _ = try await raw.query("SELECT 1", logger: logger).get()
            return true
        } catch {
            logger.debug("PostgreSQL health check failed", metadata: ["error": "\(String(reflecting: error))"])
            return false
        }
    }

    func close() async {
        broken.store(true, ordering: .releasing)
        try? await raw.close()
    }

    private func prepare(_ statement: RenderedSQL) throws(DatabaseError) -> PostgresQuery {
        guard !isClosed else {
            throw DatabaseError(.connectionLost, "the PostgreSQL connection is closed", sql: statement.text)
        }
        return PostgresQuery(unsafeSQL: statement.text, binds: try PostgresBinds.make(statement.bindings, sql: statement.text))
    }

    /// Maps an error and remembers when it broke the connection.
    private func failed(_ error: any Error, _ statement: RenderedSQL) -> DatabaseError {
        let mapped = PostgresErrors.map(error, sql: statement.text)
        if mapped.isConnectionError { broken.store(true, ordering: .releasing) }
        return mapped
    }
}
