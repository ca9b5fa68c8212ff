public import RoostDatabase

/// What a backend's test target provides to run the shared suite: a way to open a fresh
/// database and a way to break a connection from outside. The role of Django's shared backend
/// tests and of FluentBenchmark.
///
/// ```swift
/// import RoostDatabaseConformance
/// import Testing
///
/// @Suite(.serialized) struct SQLiteConformanceTests {
///     @Test(arguments: ConformanceCase.allCases)
///     func conformance(_ testCase: ConformanceCase) async throws {
///         try await testCase.run(with: .sqlite)   // a ConformanceHarness of your own
///     }
/// }
/// ```
public struct ConformanceHarness: Sendable {
    /// Pool settings a case asks for.
    public struct Options: Sendable, Hashable {
        /// The pool's connection limit.
        public var maxConnections: Int
        /// The pool's acquire time-out.
        public var acquireTimeout: Duration

        /// Creates options.
        public init(maxConnections: Int = 5, acquireTimeout: Duration = .seconds(10)) {
            self.maxConnections = maxConnections
            self.acquireTimeout = acquireTimeout
        }
    }

    /// Opens a database for one case (a fresh file for SQLite, the shared test database for
    /// PostgreSQL). The case shuts it down.
    public let makeDatabase: @Sendable (Options) async throws -> Database

    /// Breaks the connection pinned by `victim` from outside — PostgreSQL:
    /// `pg_terminate_backend` from another connection while a query runs; SQLite: closing the
    /// handle underneath — and returns the error the victim's statement got.
    public let breakConnection: @Sendable (_ victim: PinnedConnection, _ database: Database) async throws -> any Error

    /// Creates a harness.
    ///
    /// - Parameters:
    ///   - makeDatabase: Opens a database for one case.
    ///   - breakConnection: Breaks a pinned connection and returns the error it caused.
    public init(
        makeDatabase: @escaping @Sendable (Options) async throws -> Database,
        breakConnection: @escaping @Sendable (_ victim: PinnedConnection, _ database: Database) async throws -> any Error
    ) {
        self.makeDatabase = makeDatabase
        self.breakConnection = breakConnection
    }

    /// Opens a database, runs `body`, and always shuts the database down.
    nonisolated(nonsending) func withDatabase(
        _ options: Options = Options(), _ body: nonisolated(nonsending) (Database) async throws -> Void
    ) async throws {
        try await makeDatabase(options).shuttingDown(after: body)
    }
}
