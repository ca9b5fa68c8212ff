import Logging
import RoostDatabase
import Synchronization

/// A dialect for rendering tests, with either placeholder style.
struct FakeDialect: SQLDialect {
    var placeholderStyle: PlaceholderStyle = .questionMark
    var name: String { "fake" }
    var features: DatabaseFeatures { DatabaseFeatures() }

    func extract(_ part: DatePart, from expression: SQL) -> SQL { "EXTRACT(\(expression))" }
    func regexMatch(_ value: SQL, pattern: SQL, caseInsensitive: Bool) -> SQL { "\(value) ~ \(pattern)" }
}

/// A driver whose connections record statements instead of talking to a database. Tests
/// script failures: connection attempts that fail, statements that fail, broken health checks.
final class FakeDriver: DatabaseDriver {
    struct State {
        var connectFailures = 0
        var opened: [FakeConnection] = []
        var failingStatements: [String: DatabaseError] = [:]
        var statementDelay: Duration = .zero
    }

    let state = Mutex(State())
    let log = StatementLog()
    let limit: Int?

    init(connectionLimit: Int? = nil) {
        limit = connectionLimit
    }

    var dialect: any SQLDialect { FakeDialect() }
    var connectionLimit: Int? { limit }

    /// The next `count` connection attempts fail with `connectionFailed`.
    func failConnects(_ count: Int) {
        state.withLock { $0.connectFailures = count }
    }

    /// Statements whose text equals `sql` fail with `error`.
    func fail(_ sql: String, with error: DatabaseError) {
        state.withLock { $0.failingStatements[sql] = error }
    }

    /// Every statement takes this long.
    func delayStatements(_ delay: Duration) {
        state.withLock { $0.statementDelay = delay }
    }

    var opened: [FakeConnection] { state.withLock { $0.opened } }

    func connect(logger: Logger) async throws -> any DatabaseConnection {
        try await Task.sleep(for: .milliseconds(1))
        return try state.withLock { state in
            if state.connectFailures > 0 {
                state.connectFailures -= 1
                throw DatabaseError(.connectionFailed, "fake: connection refused")
            }
            let connection = FakeConnection(driver: self, id: state.opened.count)
            state.opened.append(connection)
            return connection
        }
    }

    func shutdown() async {}
}

/// A recorded statement log shared by a driver's connections.
final class StatementLog: Sendable {
    private let entries = Mutex<[String]>([])

    func append(_ entry: String) { entries.withLock { $0.append(entry) } }
    var statements: [String] { entries.withLock { $0 } }
    func reset() { entries.withLock { $0.removeAll() } }
}

/// A fake connection: answers every query with one row `[1]`.
final class FakeConnection: DatabaseConnection {
    let driver: FakeDriver
    let id: Int
    private let closed = Atomic<Bool>(false)
    private let healthy = Atomic<Bool>(true)
    private let healthChecks = Atomic<Int>(0)

    init(driver: FakeDriver, id: Int) {
        self.driver = driver
        self.id = id
    }

    var dialect: any SQLDialect { FakeDialect() }
    var isClosed: Bool { closed.load(ordering: .acquiring) }
    var healthCheckCount: Int { healthChecks.load(ordering: .acquiring) }

    /// Makes the next health check fail.
    func breakSilently() { healthy.store(false, ordering: .releasing) }

    func query(_ statement: RenderedSQL, logger: Logger) async throws -> [Row] {
        try await run(statement)
        return [Row(columns: RowColumns(["value"]), values: [.int(1)])]
    }

    func execute(_ statement: RenderedSQL, logger: Logger) async throws -> ExecuteResult {
        try await run(statement)
        return ExecuteResult(rowsAffected: 1)
    }

    nonisolated(nonsending) func stream(
        _ statement: RenderedSQL, logger: Logger, _ body: nonisolated(nonsending) (Row) async throws -> Void
    ) async throws {
        try await run(statement)
        let columns = RowColumns(["value"])
        for value in 1...3 { try await body(Row(columns: columns, values: [.int(Int64(value))])) }
    }

    func isHealthy(logger: Logger) async -> Bool {
        healthChecks.add(1, ordering: .relaxed)
        return healthy.load(ordering: .acquiring) && !isClosed
    }

    func close() async {
        closed.store(true, ordering: .releasing)
    }

    private func run(_ statement: RenderedSQL) async throws {
        if isClosed { throw DatabaseError(.connectionLost, "fake: closed", sql: statement.text) }
        let (delay, failure) = driver.state.withLock { ($0.statementDelay, $0.failingStatements[statement.text]) }
        if delay > .zero { try await Task.sleep(for: delay) }
        driver.log.append(statement.text)
        if let failure {
            if failure.isConnectionError { closed.store(true, ordering: .releasing) }
            throw failure.with(sql: statement.text)
        }
    }
}

extension Logger {
    /// A logger that drops everything, so expected warnings do not clutter test output.
    static let quiet = Logger(label: "roost.tests", factory: { _ in SwiftLogNoOpLogHandler() })
}
