#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Logging
import RoostDatabase
import RoostDatabaseConformance
import RoostPostgres
import Testing

/// PostgreSQL-specific behaviour: native types, connection failures, TLS, outages.
@Suite(.serialized) struct PostgresDriverTests {
    static let quiet = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })

    /// The test server's configuration with a changed location or options.
    func configuration(_ change: (inout DatabaseConfiguration, inout DatabaseConfiguration.Server) -> Void) throws -> DatabaseConfiguration {
        var configuration = try PostgresTestServer.configuration()
        guard case .server(var server) = configuration.location else {
            throw PostgresTestServer.Unavailable(description: "ROOST_TEST_POSTGRES_URL is not a postgres:// URL")
        }
        change(&configuration, &server)
        configuration.location = .server(server)
        return configuration
    }

    func open(_ configuration: DatabaseConfiguration) throws -> Database {
        try Database(configuration: configuration, backends: [PostgresBackend()], logger: Self.quiet)
    }

    @Test func theTestServerIsReachable() async throws {
        let db = try await PostgresTestServer.database()
        let version = try await db.queryValue("SHOW server_version", as: String.self)
        #expect(version?.isEmpty == false)
        #expect(try await db.queryValue("SHOW TimeZone", as: String.self) == "UTC")
        await db.shutdown()
    }

    @Test func bindsNativeTypes() async throws {
        let db = try await PostgresTestServer.database()
        let row = try #require(try await db.queryFirst("""
            SELECT pg_typeof(\(true))::text, pg_typeof(\(Int64(1)))::text, pg_typeof(\(1.5))::text, pg_typeof(\("s"))::text,
                   pg_typeof(\([UInt8]([1])))::text, pg_typeof(\(Date.now))::text, pg_typeof(\(CalendarDate("2024-01-01")!))::text,
                   pg_typeof(\(UUID()))::text, pg_typeof(\(Decimal(1)))::text, pg_typeof(\(DatabaseValue.json("{}")))::text
            """))
        #expect(try (0..<row.count).map { try row.decode(String.self, at: $0) } == [
            "boolean", "bigint", "double precision", "text", "bytea", "timestamp with time zone", "date", "uuid",
            "numeric", "jsonb",
        ])
        await db.shutdown()
    }

    @Test func unsupportedResultTypesAreReportedWithAHint() async throws {
        let db = try await PostgresTestServer.database()
        let error = await #expect(throws: DatabaseError.self) { _ = try await db.query("SELECT interval '1 day' AS span") }
        #expect(error?.code == .unsupportedType)
        #expect(error?.message.contains("span::text") == true)
        #expect(try await db.queryValue("SELECT (interval '1 day')::text AS span", as: String.self) == "1 day")
        await db.shutdown()
    }

    @Test func aWrongPasswordIsAConnectionFailureThatHidesThePassword() async throws {
        let db = try open(try configuration { _, server in server.password = "definitely-wrong-\(UUID())" })
        let error = await #expect(throws: DatabaseError.self) { _ = try await db.query("SELECT 1") }
        #expect(error?.code == .connectionFailed)
        #expect(error.map { String(describing: $0) }?.contains("definitely-wrong") == false)
        await db.shutdown()
    }

    @Test func anUnknownDatabaseIsAConnectionFailure() async throws {
        let db = try open(try configuration { _, server in server.database = "roost_no_such_db_\(UInt32.random(in: 0...UInt32.max))" })
        let error = await #expect(throws: DatabaseError.self) { _ = try await db.query("SELECT 1") }
        #expect(error?.code == .connectionFailed)
        #expect(error?.driverCode == "3D000")
        await db.shutdown()
    }

    @Test func nobodyListeningIsAFastConnectionFailure() async throws {
        let proxy = TCPProxy(targetHost: "127.0.0.1", targetPort: 1)
        try await proxy.up()
        let port = proxy.port
        await proxy.down()
        let db = try open(try configuration { configuration, server in
            server.host = "127.0.0.1"
            server.port = port
            configuration.connectTimeout = .seconds(2)
        })
        let start = ContinuousClock.now
        let error = await #expect(throws: DatabaseError.self) { _ = try await db.query("SELECT 1") }
        #expect(error?.code == .connectionFailed)
        #expect(start.duration(to: .now) < .seconds(3))
        await db.shutdown()
    }

    @Test func requiringTLSFromAServerWithoutTLSFailsClearly() async throws {
        let ssl = try await PostgresTestServer.database()
        let serverHasTLS = try await ssl.queryValue("SHOW ssl", as: String.self) == "on"
        await ssl.shutdown()
        let db = try open(try configuration { configuration, _ in configuration.tls = .require })
        if serverHasTLS {
            #expect(try await db.queryValue("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()", as: Bool.self) == true)
        } else {
            let error = await #expect(throws: DatabaseError.self) { _ = try await db.query("SELECT 1") }
            #expect(error?.code == .connectionFailed)
            #expect(error?.message.contains("does not support TLS") == true, "\(String(describing: error))")
        }
        await db.shutdown()
    }

    @Test func thePoolRecoversWhenTheDatabaseComesBack() async throws {
        let target = try configuration { _, _ in }
        guard case .server(let server) = target.location, !server.host.hasPrefix("/") else { return }
        let proxy = TCPProxy(targetHost: server.host, targetPort: server.port)
        try await proxy.up()
        let db = try open(try configuration { configuration, server in
            server.host = "127.0.0.1"
            server.port = proxy.port
            configuration.connectTimeout = .seconds(2)
            configuration.pool = .init(maxConnections: 2, acquireTimeout: .seconds(2))
        })
        try await db.withConnection { _ in _ = try await db.query("SELECT 1") }
        #expect(db.pool.statistics.idle == 1)

        await proxy.down()                                  // the database goes away
        try await Task.sleep(for: .milliseconds(100))
        let outage = await #expect(throws: DatabaseError.self) { _ = try await db.query("SELECT 1") }
        #expect(outage?.code == .connectionFailed, "a clear error, not a hang: \(String(describing: outage))")

        try await proxy.up()                                // and comes back on the same port
        #expect(try await db.queryValue("SELECT \(5) AS n", as: Int.self) == 5)
        try await db.transaction { tx in _ = try await tx.query("SELECT 1") }
        #expect(db.pool.statistics.connectionsDiscarded >= 1)
        await db.shutdown()
        await proxy.down()
    }

    @Test func aConnectionDroppedMidQueryIsReportedAsLost() async throws {
        let target = try configuration { _, _ in }
        guard case .server(let server) = target.location, !server.host.hasPrefix("/") else { return }
        let proxy = TCPProxy(targetHost: server.host, targetPort: server.port)
        try await proxy.up()
        let db = try open(try configuration { _, server in
            server.host = "127.0.0.1"
            server.port = proxy.port
        })
        async let sleeper: DatabaseError? = {
            do { _ = try await db.query("SELECT pg_sleep(10)"); return nil } catch { return error as? DatabaseError }
        }()
        try await Task.sleep(for: .milliseconds(300))
        await proxy.down()
        let error = await sleeper
        #expect(error?.code == .connectionLost, "\(String(describing: error))")
        try await proxy.up()
        #expect(try await db.queryValue("SELECT \(1) AS one", as: Int.self) == 1)
        await db.shutdown()
        await proxy.down()
    }
}
