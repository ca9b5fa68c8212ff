import Logging
import RoostDatabase
import Testing

@Suite struct DatabaseConfigurationTests {
    @Test func parsesSQLiteForms() throws {
        #expect(try DatabaseConfiguration(url: "sqlite:///relative/app.db").location == .sqliteFile(path: "relative/app.db"))
        #expect(try DatabaseConfiguration(url: "sqlite:////var/lib/app.db").location == .sqliteFile(path: "/var/lib/app.db"))
        #expect(try DatabaseConfiguration(url: "sqlite::memory:").location == .sqliteMemory)
        #expect(try DatabaseConfiguration(url: "sqlite:///:memory:").location == .sqliteMemory)
        #expect(try DatabaseConfiguration(url: "sqlite:///my%20app.db").location == .sqliteFile(path: "my app.db"))
        let options = try DatabaseConfiguration(url: "sqlite:///a.db?busy_timeout=2.5&max_connections=3&acquire_timeout=0.5")
        #expect(options.busyTimeout == .milliseconds(2500))
        #expect(options.pool.maxConnections == 3)
        #expect(options.pool.acquireTimeout == .milliseconds(500))
    }

    @Test func parsesPostgresForms() throws {
        let config = try DatabaseConfiguration(
            url: "postgres://app:p%40ss@db.example.com:6432/blog?sslmode=require&max_connections=20&connect_timeout=3")
        #expect(config.scheme == "postgres")
        #expect(config.location == .server(.init(host: "db.example.com", port: 6432, username: "app", password: "p@ss", database: "blog")))
        #expect(config.tls == .require)
        #expect(config.pool.maxConnections == 20)
        #expect(config.connectTimeout == .seconds(3))
        #expect(config.redactedURL == "postgres://app:***@db.example.com:6432/blog")

        let defaults = try DatabaseConfiguration(url: "postgresql://app@localhost")
        #expect(defaults.location == .server(.init(host: "localhost", port: 5432, username: "app", database: "app")))
        #expect(defaults.tls == .prefer)
        #expect(defaults.pool == ConnectionPool.Configuration())

        let ipv6 = try DatabaseConfiguration(url: "postgres://u:p@[::1]:5433/db?sslmode=verify-full")
        #expect(ipv6.location == .server(.init(host: "::1", port: 5433, username: "u", password: "p", database: "db")))
        #expect(ipv6.tls == .verifyFull)

        let socket = try DatabaseConfiguration(url: "postgres://u@%2Fvar%2Frun%2Fpostgresql/db")
        #expect(socket.location == .server(.init(host: "/var/run/postgresql", port: 5432, username: "u", database: "db")))
        #expect(socket.redactedURL == "postgres://u@%2Fvar%2Frun%2Fpostgresql:5432/db")
        #expect(ipv6.redactedURL == "postgres://u:***@[::1]:5433/db")
    }

    @Test(arguments: [
        ("mysql://u:secret@h/db", DatabaseConfigurationError.Code.unsupportedScheme),
        ("postgres://u:secret@h:99999/db", .invalidURL),
        ("postgres://:secret@h/db", .invalidURL),
        ("postgres://u:secret@/db", .invalidURL),
        ("postgres://u:secret@h/db?max_connections=0", .invalidOption),
        ("postgres://u:secret@h/db?max_conections=5", .invalidOption),
        ("postgres://u:secret@h/db?sslmode=maybe", .invalidOption),
        ("postgres://u:secret@h/db?busy_timeout=1", .invalidOption),
        ("sqlite:///a.db?sslmode=require", .invalidOption),
        ("sqlite://host/a.db", .invalidURL),
        ("nonsense", .invalidURL),
    ])
    func rejectsBadURLsWithoutLeakingThePassword(url: String, code: DatabaseConfigurationError.Code) {
        let error = #expect(throws: DatabaseConfigurationError.self) { try DatabaseConfiguration(url: url) }
        #expect(error?.code == code)
        let text = error.map { String(describing: $0) } ?? ""
        #expect(!text.contains("secret"), "\(text)")
        if url.contains("://") { #expect(text.contains("***") || !url.contains(":secret@"), "\(text)") }
    }

    @Test func databaseNeedsABackendForTheScheme() {
        let error = #expect(throws: DatabaseConfigurationError.self) {
            _ = try Database(url: "postgres://u:pw@localhost/db", backends: [], logger: .quiet)
        }
        #expect(error?.code == .noBackend)
        #expect(error.map { String(describing: $0) }?.contains("PostgresBackend") == true)
    }
}
