/// A database to connect to, usually parsed from a URL (Django's `DATABASES` entry, the
/// `DATABASE_URL` convention).
///
/// | URL | Meaning |
/// |---|---|
/// | `sqlite:///relative/path.db` | SQLite file, relative to the working directory |
/// | `sqlite:////absolute/path.db` | SQLite file at an absolute path |
/// | `sqlite::memory:` | SQLite in-memory database, shared by the pool through **one** connection |
/// | `postgres://user:pass@host:5432/db` | PostgreSQL over TCP (`postgresql://` too) |
/// | `postgres://user@%2Fvar%2Frun%2Fpostgresql/db` | PostgreSQL over the Unix socket in that directory |
///
/// Query options: `max_connections` (default 10), `acquire_timeout` (seconds, default 5),
/// `connect_timeout` (seconds, default 5), `health_check_interval` (seconds, default 30);
/// SQLite: `busy_timeout` (seconds, default 5); PostgreSQL: `sslmode` = `disable`, `prefer`
/// (the default, as with libpq), `require` (encrypted, certificate not verified, as with
/// libpq) or `verify-full` (encrypted, certificate and host name verified against the system's
/// trust roots). Unknown options are rejected, so a typo cannot go unnoticed.
///
/// ```swift
/// let config = try DatabaseConfiguration(url: "postgres://app:s3cret@db.internal/app?sslmode=require&max_connections=20")
/// config.pool.maxConnections   // 20
/// config.redactedURL           // "postgres://app:***@db.internal/app?sslmode=require&max_connections=20"
/// ```
public struct DatabaseConfiguration: Sendable, Hashable {
    /// Where the database lives.
    public enum Location: Sendable, Hashable {
        /// An SQLite in-memory database.
        case sqliteMemory
        /// An SQLite database file (relative paths resolve against the working directory).
        case sqliteFile(path: String)
        /// A database server.
        case server(Server)
    }

    /// A server address with credentials.
    public struct Server: Sendable, Hashable {
        /// The host name or IP address, or a Unix socket directory (starting with `/`).
        public var host: String
        /// The TCP port (or the socket file's number).
        public var port: Int
        /// The user name.
        public var username: String
        /// The password, if any.
        public var password: String?
        /// The database name.
        public var database: String

        /// Creates a server address.
        ///
        /// ```swift
        /// let server = DatabaseConfiguration.Server(host: "localhost", port: 5432, username: "app", database: "app")
        /// ```
        public init(host: String, port: Int, username: String, password: String? = nil, database: String) {
            self.host = host
            self.port = port
            self.username = username
            self.password = password
            self.database = database
        }
    }

    /// TLS policy for server connections, named as libpq's `sslmode`.
    public enum TLSMode: String, Sendable, Hashable, CaseIterable {
        /// Never use TLS.
        case disable
        /// Use TLS when the server offers it, without verifying the certificate (libpq's default).
        case prefer
        /// Require TLS; do not verify the certificate (as libpq's `require`).
        case require
        /// Require TLS and verify the certificate chain and host name.
        case verifyFull = "verify-full"
    }

    /// The URL scheme, lowercase: `"sqlite"`, `"postgres"` or `"postgresql"`.
    public var scheme: String
    /// Where the database lives.
    public var location: Location
    /// TLS policy (server databases only).
    public var tls: TLSMode
    /// Pool limits and timings.
    public var pool: ConnectionPool.Configuration
    /// How long opening one connection may take.
    public var connectTimeout: Duration
    /// How long SQLite waits for a lock before `SQLITE_BUSY`.
    public var busyTimeout: Duration

    /// Creates a configuration directly.
    ///
    /// ```swift
    /// let config = DatabaseConfiguration(scheme: "sqlite", location: .sqliteFile(path: "app.db"))
    /// ```
    public init(
        scheme: String,
        location: Location,
        tls: TLSMode = .prefer,
        pool: ConnectionPool.Configuration = .init(),
        connectTimeout: Duration = .seconds(5),
        busyTimeout: Duration = .seconds(5)
    ) {
        self.scheme = scheme
        self.location = location
        self.tls = tls
        self.pool = pool
        self.connectTimeout = connectTimeout
        self.busyTimeout = busyTimeout
    }

    /// The configuration as a URL with the password replaced by `***`: safe to log.
    public var redactedURL: String {
        var url: String
        switch location {
        case .sqliteMemory:
            url = "sqlite::memory:"
        case .sqliteFile(let path):
            url = "sqlite:///" + path
        case .server(let server):
            let host = server.host.hasPrefix("/")
                ? server.host.replacing("/", with: "%2F")
                : server.host.contains(":") ? "[\(server.host)]" : server.host
            url = "\(scheme)://\(server.username)\(server.password == nil ? "" : ":***")@\(host):\(server.port)/\(server.database)"
        }
        return url
    }
}
