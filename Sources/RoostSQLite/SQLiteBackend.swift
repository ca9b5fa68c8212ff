public import Logging
public import NIOCore
import NIOPosix
public import RoostDatabase

/// The SQLite backend, for `sqlite:` URLs, over vapor/sqlite-nio.
///
/// Every connection runs with WAL journal mode (file databases), `foreign_keys = ON`, a busy
/// time-out (`busy_timeout` URL option, default 5 s) and a `regexp` function. Values follow
/// Django's SQLite conventions (see ``SQLiteDialect``).
///
/// `sqlite::memory:` opens an in-memory database. sqlite-nio builds SQLite without shared
/// cache, so several connections cannot share one memory database: the pool is limited to a
/// **single connection**, which every statement and transaction takes turns on. Use a
/// temporary file when you need concurrent connections.
///
/// ```swift
/// import RoostDatabase
/// import RoostSQLite
///
/// let db = try Database(url: "sqlite:///db.sqlite3?max_connections=4", backends: [SQLiteBackend()])
/// ```
public struct SQLiteBackend: DatabaseBackend {
    private let eventLoopGroup: any EventLoopGroup

    /// Creates the backend on NIO's shared event loop group.
    public init() {
        self.init(eventLoopGroup: MultiThreadedEventLoopGroup.singleton)
    }

    /// Creates the backend.
    ///
    /// - Parameter eventLoopGroup: The group whose loops sqlite-nio attaches to its
    ///   connections (SQLite work itself runs on a thread owned by each connection).
    public init(eventLoopGroup: any EventLoopGroup) {
        self.eventLoopGroup = eventLoopGroup
    }

    /// `["sqlite"]`.
    public var schemes: Set<String> { ["sqlite"] }

    /// Creates the driver for a `sqlite:` configuration.
    ///
    /// - Throws: ``DatabaseConfigurationError`` for a server location.
    public func makeDriver(configuration: DatabaseConfiguration, logger: Logger) throws -> any DatabaseDriver {
        let storage: SQLiteDriver.Storage
        switch configuration.location {
        case .sqliteMemory: storage = .memory
        case .sqliteFile(let path): storage = .file(path: path)
        case .server: throw SQLiteConfigurationError(reason: "SQLite needs a file path or :memory:, not a server")
        }
        return SQLiteDriver(storage: storage, busyTimeout: configuration.busyTimeout, eventLoopGroup: eventLoopGroup)
    }
}

extension Database {
    /// Opens an SQLite database from a `sqlite:` URL.
    ///
    /// - Throws: ``DatabaseConfigurationError``.
    ///
    /// ```swift
    /// let db = try Database.sqlite("sqlite::memory:")
    /// ```
    public static func sqlite(
        _ url: String, name: String = Databases.defaultName, logger: Logger = Logger(label: "roost.database")
    ) throws(DatabaseConfigurationError) -> Database {
        try Database(url: url, name: name, backends: [SQLiteBackend()], logger: logger)
    }
}

/// A configuration the SQLite backend cannot use.
struct SQLiteConfigurationError: Error, CustomStringConvertible {
    let reason: String
    var description: String { reason }
}
