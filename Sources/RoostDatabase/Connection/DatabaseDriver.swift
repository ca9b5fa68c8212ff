public import Logging

/// Opens connections to one configured database; a ``ConnectionPool`` owns one.
///
/// ```swift
/// struct MyDriver: DatabaseDriver {
///     var dialect: any SQLDialect { MyDialect() }
///     func connect(logger: Logger) async throws -> any DatabaseConnection { … }
///     func shutdown() async {}
/// }
/// ```
public protocol DatabaseDriver: Sendable {
    /// The dialect of the connections this driver opens.
    var dialect: any SQLDialect { get }

    /// The most connections this database can share, or `nil` for no limit. An SQLite memory
    /// database answers `1`: each connection would otherwise see its own empty database.
    var connectionLimit: Int? { get }

    /// Opens a new connection.
    ///
    /// - Parameter logger: The logger for connection messages.
    /// - Returns: A connected, configured connection.
    /// - Throws: ``DatabaseError`` with ``DatabaseError/Code/connectionFailed``.
    func connect(logger: Logger) async throws -> any DatabaseConnection

    /// Releases driver resources (thread pools) after the pool closed every connection.
    func shutdown() async
}

extension DatabaseDriver {
    /// No limit.
    public var connectionLimit: Int? { nil }
}

/// A database backend that can be selected by URL scheme: `SQLiteBackend` (`sqlite`) or
/// `PostgresBackend` (`postgres`, `postgresql`). An app passes the backends it links to
/// ``Database/init(url:backends:logger:)``, so it only compiles the drivers it uses.
///
/// ```swift
/// let db = try Database(url: "sqlite:///blog.db", backends: [SQLiteBackend()])
/// ```
public protocol DatabaseBackend: Sendable {
    /// The URL schemes this backend opens, lowercase.
    var schemes: Set<String> { get }

    /// Creates a driver for a parsed configuration.
    ///
    /// - Parameters:
    ///   - configuration: The parsed URL and options.
    ///   - logger: The logger for driver messages.
    /// - Returns: A driver for the pool.
    /// - Throws: ``DatabaseConfigurationError`` when the configuration cannot be used.
    func makeDriver(configuration: DatabaseConfiguration, logger: Logger) throws -> any DatabaseDriver
}
