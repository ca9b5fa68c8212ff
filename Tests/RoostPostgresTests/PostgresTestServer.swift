#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import RoostDatabase
import RoostDatabaseConformance
import RoostPostgres
import Testing

/// The PostgreSQL server the tests use: `ROOST_TEST_POSTGRES_URL`, which `scripts/test.sh`
/// sets up (installing and starting PostgreSQL when needed). Tests fail — never skip — when
/// it is missing or unreachable.
enum PostgresTestServer {
    struct Unavailable: Error, CustomStringConvertible {
        let description: String
    }

    /// The configured URL, or a failure telling how to get one.
    static func url() throws -> String {
        guard let url = ProcessInfo.processInfo.environment["ROOST_TEST_POSTGRES_URL"], !url.isEmpty else {
            throw Unavailable(description: """
                ROOST_TEST_POSTGRES_URL is not set, so the PostgreSQL tests cannot run. Run the tests with \
                scripts/test.sh (it installs and starts PostgreSQL and exports the URL), or set \
                ROOST_TEST_POSTGRES_URL=postgres://user:password@host:5432/database yourself.
                """)
        }
        return url
    }

    /// A configuration for the test server with the given pool options.
    static func configuration(_ options: ConformanceHarness.Options = .init()) throws -> DatabaseConfiguration {
        var configuration = try DatabaseConfiguration(url: url())
        configuration.pool = .init(maxConnections: options.maxConnections, acquireTimeout: options.acquireTimeout)
        return configuration
    }

    /// Opens the test database and checks that the server answers.
    static func database(_ options: ConformanceHarness.Options = .init()) async throws -> Database {
        let configuration = try configuration(options)
        let database = try Database(configuration: configuration, backends: [PostgresBackend()])
        do {
            _ = try await database.query("SELECT 1")
        } catch {
            await database.shutdown()
            throw Unavailable(description: """
                The PostgreSQL server at \(configuration.redactedURL) (ROOST_TEST_POSTGRES_URL) is unreachable: \(error). \
                Run the tests with scripts/test.sh, which starts it.
                """)
        }
        return database
    }
}

extension ConformanceHarness {
    /// The shared suite on the test server.
    static let postgres = ConformanceHarness(
        makeDatabase: { options in try await PostgresTestServer.database(options) },
        breakConnection: terminateBackend)

    /// Runs `pg_sleep` on the victim and, while it runs, `pg_terminate_backend` on the
    /// victim's server process from another connection.
    @Sendable static func terminateBackend(_ victim: PinnedConnection, _ database: Database) async throws -> any Error {
        let pid = try #require(try await victim.queryValue("SELECT pg_backend_pid()", as: Int32.self))
        async let outcome: (any Error)? = {
            do {
                _ = try await victim.query("SELECT pg_sleep(30)")
                return nil
            } catch {
                return error
            }
        }()
        try await Task.sleep(for: .milliseconds(300))
        // A detached task does not join the pinned connection (which is busy sleeping).
        let killed = try await Task.detached {
            try await database.queryValue("SELECT pg_terminate_backend(CAST(\(pid) AS integer))", as: Bool.self)
        }.value
        #expect(killed == true)
        guard let error = await outcome else {
            Issue.record("the victim's query survived pg_terminate_backend")
            return CancellationError()
        }
        return error
    }
}
