import Foundation
import Logging
import NIOPosix
import PostgresNIO
import SQLiteNIO
import Synchronization

/// A World row as the TechEmpower tests send it.
struct World: Codable, Sendable {
    let id: Int
    var randomNumber: Int
}

/// A Fortune row.
struct Fortune: Sendable {
    let id: Int
    let message: String
}

/// The three things the database tests need, on postgres-nio or sqlite-nio.
protocol TechEmpowerDatabase: Sendable {
    func world(id: Int) async throws -> World
    func fortunes() async throws -> [Fortune]
    func update(_ world: World) async throws
}

/// A database row the query asked for is missing.
struct MissingRow: Error {
    let id: Int
}

/// PostgreSQL through `PostgresClient`, with queries written as postgres-nio's docs write them.
struct PostgresDatabase: TechEmpowerDatabase {
    let client: PostgresClient

    init(url: String, logger: Logger) throws {
        guard let components = URLComponents(string: url), let host = components.host else {
            throw MissingConfiguration(url: url)
        }
        var configuration = PostgresClient.Configuration(
            host: host, port: components.port ?? 5432, username: components.user ?? "postgres",
            password: components.password, database: String(components.path.dropFirst()), tls: .disable)
        configuration.options.maximumConnections = 10
        client = PostgresClient(configuration: configuration, backgroundLogger: logger)
    }

    func world(id: Int) async throws -> World {
        let rows = try await client.query("SELECT id, randomnumber FROM world WHERE id = \(id)")
        for try await (id, randomNumber) in rows.decode((Int, Int).self) {
            return World(id: id, randomNumber: randomNumber)
        }
        throw MissingRow(id: id)
    }

    func fortunes() async throws -> [Fortune] {
        var fortunes: [Fortune] = []
        for try await (id, message) in try await client.query("SELECT id, message FROM fortune").decode((Int, String).self) {
            fortunes.append(Fortune(id: id, message: message))
        }
        return fortunes
    }

    func update(_ world: World) async throws {
        try await client.query("UPDATE world SET randomnumber = \(world.randomNumber) WHERE id = \(world.id)")
    }
}

/// SQLite through sqlite-nio: a few connections on NIO's thread pool, used round-robin.
final class SQLiteDatabase: TechEmpowerDatabase {
    let connections: [SQLiteConnection]
    let next = Atomic<Int>(0)

    init(path: String, count: Int, eventLoop: any EventLoop) async throws {
        var connections: [SQLiteConnection] = []
        for _ in 0..<count {
            let connection = try await SQLiteConnection.open(storage: .file(path: path), threadPool: .singleton, on: eventLoop)
            _ = try await connection.query("PRAGMA busy_timeout = 5000")
            connections.append(connection)
        }
        self.connections = connections
    }

    private var connection: SQLiteConnection {
        connections[next.add(1, ordering: .relaxed).oldValue % connections.count]
    }

    func world(id: Int) async throws -> World {
        let rows = try await connection.query("SELECT id, randomnumber FROM world WHERE id = ?", [.integer(id)])
        guard let row = rows.first, let id = row.column("id")?.integer, let number = row.column("randomnumber")?.integer else {
            throw MissingRow(id: id)
        }
        return World(id: id, randomNumber: number)
    }

    func fortunes() async throws -> [Fortune] {
        try await connection.query("SELECT id, message FROM fortune").map { row in
            Fortune(id: row.column("id")?.integer ?? 0, message: row.column("message")?.string ?? "")
        }
    }

    func update(_ world: World) async throws {
        _ = try await connection.query(
            "UPDATE world SET randomnumber = ? WHERE id = ?", [.integer(world.randomNumber), .integer(world.id)])
    }
}

/// A database URL this program cannot read.
struct MissingConfiguration: Error {
    let url: String
}
