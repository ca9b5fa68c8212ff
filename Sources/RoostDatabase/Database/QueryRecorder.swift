import Synchronization

/// Records the statements run by the current task (and its child tasks) while
/// ``record(_:)`` is active, on every ``Database``: the tool behind query-count assertions
/// (Django's `assertNumQueries`) and exact-SQL tests (GRDB's `lastSQLQuery`).
///
/// ```swift
/// let recorder = QueryRecorder()
/// try await recorder.record {
///     _ = try await db.query("SELECT * FROM posts WHERE id = \(1)")
/// }
/// #expect(recorder.statements == [#"SELECT * FROM posts WHERE id = ?"#])
/// ```
public final class QueryRecorder: Sendable {
    /// One recorded statement.
    public struct Entry: Sendable, Hashable {
        /// The SQL text with placeholders (`?` or `$n`), without values.
        public let sql: String
        /// The name of the ``Database`` that ran it.
        public let database: String
        /// How many values were bound.
        public let bindingCount: Int
        /// How long it took, including reading the rows.
        public let duration: Duration
    }

    @TaskLocal static var current: QueryRecorder?

    private let entries = Mutex<[Entry]>([])

    /// Creates an empty recorder.
    public init() {}

    /// Everything recorded so far, oldest first.
    public var recorded: [Entry] { entries.withLock { $0 } }

    /// The SQL texts recorded so far.
    public var statements: [String] { recorded.map(\.sql) }

    /// The number of statements recorded so far.
    public var count: Int { entries.withLock { $0.count } }

    /// Forgets what was recorded.
    public func reset() {
        entries.withLock { $0.removeAll() }
    }

    /// Records every statement run while `body` runs (in this task and its child tasks).
    ///
    /// - Parameter body: The work to observe.
    /// - Returns: What `body` returns.
    public nonisolated(nonsending) func record<Result>(
        _ body: nonisolated(nonsending) () async throws -> Result
    ) async rethrows -> Result {
        try await QueryRecorder.$current.withValue(self) {
            try await body()
        }
    }

    func append(_ entry: Entry) {
        entries.withLock { $0.append(entry) }
    }
}
