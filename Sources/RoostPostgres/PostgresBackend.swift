public import Logging
public import NIOCore
import NIOPosix
public import RoostDatabase

/// The PostgreSQL backend, for `postgres:` and `postgresql:` URLs, over vapor/postgres-nio.
///
/// Values use PostgreSQL's native types (see ``PostgresDialect``). `sslmode` follows libpq:
/// `disable`, `prefer` (default) and `require` (TLS without certificate verification), and
/// `verify-full` (TLS verified against the system's trust roots and the host name). TLS is
/// provided by swift-nio-ssl, which postgres-nio already depends on.
///
/// ```swift
/// import RoostDatabase
/// import RoostPostgres
///
/// let db = try Database(url: "postgres://app:secret@localhost:5432/app?sslmode=disable",
///                       backends: [PostgresBackend()])
/// ```
public struct PostgresBackend: DatabaseBackend {
    private let eventLoopGroup: any EventLoopGroup

    /// Creates the backend on NIO's shared event loop group.
    public init() {
        self.init(eventLoopGroup: MultiThreadedEventLoopGroup.singleton)
    }

    /// Creates the backend.
    ///
    /// Pass the group the HTTP server runs on (`app.serverConfiguration.eventLoopGroup`), and
    /// each connection is opened on the event loop of the request that needed it, so the
    /// queries of that loop's requests need no thread hop. The group must outlive the
    /// database: shut it down after `app.shutdown()`.
    ///
    /// ```swift
    /// let loops = MultiThreadedEventLoopGroup(numberOfThreads: 2)
    /// app.serverConfiguration.eventLoopGroup = loops
    /// try app.useDatabases(backends: [PostgresBackend(eventLoopGroup: loops)])
    /// ```
    /// - Parameter eventLoopGroup: The group that runs the connections' sockets.
    public init(eventLoopGroup: any EventLoopGroup) {
        self.eventLoopGroup = eventLoopGroup
    }

    /// `["postgres", "postgresql"]`.
    public var schemes: Set<String> { ["postgres", "postgresql"] }

    /// Creates the driver for a server configuration.
    ///
    /// - Throws: An error for an SQLite location, or when the TLS context cannot be created.
    public func makeDriver(configuration: DatabaseConfiguration, logger: Logger) throws -> any DatabaseDriver {
        guard case .server(let server) = configuration.location else {
            throw PostgresConfigurationError(reason: "PostgreSQL needs a server address: postgres://user:pass@host:port/db")
        }
        return try PostgresDriver(
            server: server, tls: configuration.tls, connectTimeout: configuration.connectTimeout,
            eventLoopGroup: eventLoopGroup)
    }
}

extension Database {
    /// Opens a PostgreSQL database from a `postgres:` URL.
    ///
    /// - Throws: ``DatabaseConfigurationError``.
    ///
    /// ```swift
    /// let db = try Database.postgres("postgres://app:secret@localhost/app")
    /// ```
    public static func postgres(
        _ url: String, name: String = Databases.defaultName, logger: Logger = Logger(label: "roost.database")
    ) throws(DatabaseConfigurationError) -> Database {
        try Database(url: url, name: name, backends: [PostgresBackend()], logger: logger)
    }
}

/// A configuration the PostgreSQL backend cannot use.
struct PostgresConfigurationError: Error, CustomStringConvertible {
    let reason: String
    var description: String { reason }
}
