import Logging

/// Runs one statement on a connection with the cross-cutting concerns: rendering for the
/// connection's dialect, a `debug` log line with the SQL text and duration (never the
/// values), and the task's ``QueryRecorder``.
struct StatementRunner: Sendable {
    let databaseName: String
    let logger: Logger

    func query(_ sql: SQL, on connection: any DatabaseConnection) async throws -> [Row] {
        try await run(sql, on: connection, outcome: { "\($0.count) rows" }) {
            try await connection.query($0, logger: logger)
        }
    }

    func query(_ sql: SQL, on connection: any DatabaseConnection, reading read: @Sendable (Row) throws -> Void) async throws {
        _ = try await run(sql, on: connection, outcome: { "\($0) rows" }) {
            try await connection.query($0, logger: logger, reading: read)
        }
    }

    func execute(_ sql: SQL, on connection: any DatabaseConnection) async throws -> ExecuteResult {
        try await run(sql, on: connection, outcome: { "\($0.rowsAffected) rows affected" }) {
            try await connection.execute($0, logger: logger)
        }
    }

    /// Renders `sql` for the connection, runs it with `body`, and records and logs it with
    /// `outcome` of the result, or with the error.
    private func run<Result>(
        _ sql: SQL, on connection: any DatabaseConnection, outcome: (Result) -> String,
        _ body: (RenderedSQL) async throws -> Result
    ) async throws -> Result {
        let rendered = sql.render(for: connection.dialect)
        let start = startTiming()
        do {
            let result = try await body(rendered)
            finished(rendered, start: start, outcome: outcome(result))
            return result
        } catch {
            finished(rendered, start: start, outcome: "failed: \(Self.code(of: error))")
            throw error
        }
    }

    /// The start of a statement that is recorded or logged; `nil` when neither happens, so
    /// that the clock is not read twice per statement for nothing.
    private func startTiming() -> ContinuousClock.Instant? {
        QueryRecorder.current != nil || logger.logLevel <= .debug ? .now : nil
    }

    nonisolated(nonsending) func stream(
        _ sql: SQL, on connection: any DatabaseConnection, _ body: nonisolated(nonsending) (Row) async throws -> Void
    ) async throws {
        let rendered = sql.render(for: connection.dialect)
        let start = startTiming()
        var count = 0
        do {
            try await connection.stream(rendered, logger: logger) { row in
                count += 1
                try await body(row)
            }
            finished(rendered, start: start, outcome: "\(count) rows streamed")
        } catch {
            finished(rendered, start: start, outcome: "stopped after \(count) rows: \(Self.code(of: error))")
            throw error
        }
    }

    private func finished(_ rendered: RenderedSQL, start: ContinuousClock.Instant?, outcome: @autoclosure () -> String) {
        guard let start else { return }
        let duration = start.duration(to: .now)
        QueryRecorder.current?.append(QueryRecorder.Entry(
            sql: rendered.text, database: databaseName, bindingCount: rendered.bindings.count, duration: duration))
        logger.debug("\(rendered.text)", metadata: [
            "db": "\(databaseName)",
            "db.duration_ms": "\(Self.milliseconds(duration))",
            "db.result": "\(outcome())",
        ])
    }

    private static func milliseconds(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        let micros = seconds * 1_000_000 + attoseconds / 1_000_000_000_000
        let whole = micros / 1000
        let fraction = micros % 1000
        return "\(whole)." + String(repeating: "0", count: 3 - String(fraction).count) + String(fraction)
    }

    private static func code(of error: any Error) -> String {
        if let error = error as? DatabaseError { return error.code.description }
        return String(describing: type(of: error))
    }
}
