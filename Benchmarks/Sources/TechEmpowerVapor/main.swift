// The TechEmpower suite with Vapor 4, Fluent and Leaf, written as Vapor's own TechEmpower
// entries write it: Fluent models, `find`/`query`/`save`, a Leaf view for fortunes.
// Usage: techempower-vapor [--port 8080] [--threads 1] [--database URL] [--directory DIR (holds Resources/Views)]
import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Leaf
import Vapor

final class World: Model, Content, @unchecked Sendable {
    static let schema = "world"
    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "randomnumber") var randomNumber: Int
    init() {}
}

final class Fortune: Model, Content, @unchecked Sendable {
    static let schema = "fortune"
    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "message") var message: String
    init() {}
    init(id: Int, message: String) {
        self.id = id
        self.message = message
    }
}

struct Message: Content {
    let message: String
}

struct FortunesContext: Encodable {
    let fortunes: [Fortune]
}

var port = 8080
var threads = 1
var databaseURL = "sqlite:///tmp/techempower.db"
var directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().path + "/"
var arguments = CommandLine.arguments.dropFirst().makeIterator()
while let argument = arguments.next() {
    switch argument {
    case "--port": port = Int(arguments.next() ?? "") ?? port
    case "--threads": threads = Int(arguments.next() ?? "") ?? threads
    case "--database": databaseURL = arguments.next() ?? databaseURL
    case "--directory": directory = arguments.next() ?? directory
    default: break
    }
}

/// Reads the `queries` parameter as the TechEmpower rules say: 1…500, anything else 1.
func queryCount(_ req: Request) -> Int {
    min(max(req.query[Int.self, at: "queries"] ?? 1, 1), 500)
}

let eventLoops = MultiThreadedEventLoopGroup(numberOfThreads: threads)
let environment = Environment(name: "production", arguments: ["vapor"])
let app = try await Application.make(environment, .shared(eventLoops))
app.logger.logLevel = .warning
app.http.server.configuration.hostname = "127.0.0.1"
app.http.server.configuration.port = port
app.http.server.configuration.serverName = "Vapor"
app.http.server.configuration.backlog = 4096
app.middleware = Middlewares()

if databaseURL.hasPrefix("sqlite:") {
    let path = String(databaseURL.dropFirst("sqlite://".count))
    app.databases.use(.sqlite(.file(path), maxConnectionsPerEventLoop: 10), as: .sqlite)
} else {
    var configuration = try SQLPostgresConfiguration(url: databaseURL)
    configuration.searchPath = ["public"]
    app.databases.use(.postgres(configuration: configuration, maxConnectionsPerEventLoop: 10), as: .psql)
}
app.directory = DirectoryConfiguration(workingDirectory: directory)
app.views.use(.leaf)

app.get("plaintext") { _ in
    Response(status: .ok, headers: ["Content-Type": "text/plain"], body: .init(staticString: "Hello, World!"))
}

app.get("json") { _ in Message(message: "Hello, World!") }

app.get("db") { req async throws -> World in
    guard let world = try await World.find(.random(in: 1...10_000), on: req.db) else { throw Abort(.notFound) }
    return world
}

app.get("queries") { req async throws -> [World] in
    var worlds: [World] = []
    for _ in 0..<queryCount(req) {
        guard let world = try await World.find(.random(in: 1...10_000), on: req.db) else { throw Abort(.notFound) }
        worlds.append(world)
    }
    return worlds
}

app.get("fortunes") { req async throws -> View in
    var fortunes = try await Fortune.query(on: req.db).all()
    fortunes.append(Fortune(id: 0, message: "Additional fortune added at request time."))
    fortunes.sort { $0.message < $1.message }
    return try await req.view.render("fortunes", FortunesContext(fortunes: fortunes))
}

app.get("updates") { req async throws -> [World] in
    var worlds: [World] = []
    for _ in 0..<queryCount(req) {
        guard let world = try await World.find(.random(in: 1...10_000), on: req.db) else { throw Abort(.notFound) }
        world.randomNumber = .random(in: 1...10_000)
        try await world.update(on: req.db)
        worlds.append(world)
    }
    return worlds
}

try await app.execute()
try await app.asyncShutdown()
