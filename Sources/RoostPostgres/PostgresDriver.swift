import Logging
import NIOCore
import NIOSSL
import PostgresNIO
import RoostDatabase
import Synchronization

/// Opens PostgreSQL connections with postgres-nio. Every connection runs with
/// `TimeZone = 'UTC'` and `application_name = 'roost'`.
final class PostgresDriver: DatabaseDriver {
    private let configuration: PostgresConnection.Configuration
    private let eventLoopGroup: any EventLoopGroup
    private let describedLocation: String
    private let nextID = Atomic<Int>(0)

    init(server: DatabaseConfiguration.Server, tls: DatabaseConfiguration.TLSMode, connectTimeout: Duration,
         eventLoopGroup: any EventLoopGroup) throws {
        var configuration: PostgresConnection.Configuration
        if server.host.hasPrefix("/") {
            configuration = .init(
                unixSocketPath: "\(server.host)/.s.PGSQL.\(server.port)", username: server.username,
                password: server.password, database: server.database)
        } else {
            configuration = .init(
                host: server.host, port: server.port, username: server.username, password: server.password,
                database: server.database, tls: try Self.tls(tls))
        }
        let (seconds, attoseconds) = connectTimeout.components
        configuration.options.connectTimeout = .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
        configuration.options.additionalStartupParameters = [("TimeZone", "UTC"), ("application_name", "roost")]
        self.configuration = configuration
        self.eventLoopGroup = eventLoopGroup
        self.describedLocation = "\(server.username)@\(server.host):\(server.port)/\(server.database)"
    }

    var dialect: any SQLDialect { PostgresDialect() }

    func connect(logger: Logger) async throws -> any DatabaseConnection {
        let id = nextID.wrappingAdd(1, ordering: .relaxed).newValue
        do {
            let raw = try await PostgresConnection.connect(
                on: eventLoopGroup.preferredLoop(), configuration: configuration, id: id, logger: logger)
            return PostgresDatabaseConnection(raw: raw)
        } catch {
            let mapped = PostgresErrors.map(error, sql: nil)
            throw DatabaseError(
                .connectionFailed, "could not connect to PostgreSQL at \(describedLocation): \(mapped.message)",
                driverCode: mapped.driverCode, underlying: mapped.underlying ?? Described(error))
        }
    }

    func shutdown() async {}

    /// libpq's `sslmode` semantics: `prefer` and `require` encrypt without verifying the
    /// certificate; `verify-full` checks the chain against the system trust roots and the
    /// host name.
    private static func tls(_ mode: DatabaseConfiguration.TLSMode) throws -> PostgresConnection.Configuration.TLS {
        var unverified = TLSConfiguration.makeClientConfiguration()
        unverified.certificateVerification = .none
        switch mode {
        case .disable: return .disable
        case .prefer: return .prefer(try NIOSSLContext(configuration: unverified))
        case .require: return .require(try NIOSSLContext(configuration: unverified))
        case .verifyFull: return .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
        }
    }
}

extension EventLoopGroup {
    /// The event loop the caller runs on, when it is one of this group's (a request served on
    /// a loop of the group shared with the HTTP server): a connection made there answers its
    /// queries without a thread hop for the requests of that loop. Else any loop of the group.
    func preferredLoop() -> any EventLoop {
        guard let current = MultiThreadedEventLoopGroup.currentEventLoop else { return any() }
        for loop in makeIterator() where loop === current { return loop }
        return any()
    }
}
