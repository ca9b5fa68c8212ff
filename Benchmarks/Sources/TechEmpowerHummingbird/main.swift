// The TechEmpower suite with Hummingbird 2, written as its own TechEmpower entry writes it:
// postgres-nio's PostgresClient (or sqlite-nio), swift-mustache for fortunes.
// Usage: techempower-hummingbird [--port 8080] [--threads 1] [--database URL]
import Hummingbird
import Logging
import Mustache
import NIOCore
import NIOPosix
import PostgresNIO

struct Message: ResponseEncodable {
    let message: String
}

extension World: ResponseEncodable {}

var port = 8080
var threads = 1
var databaseURL: String?
var arguments = CommandLine.arguments.dropFirst().makeIterator()
while let argument = arguments.next() {
    switch argument {
    case "--port": port = Int(arguments.next() ?? "") ?? port
    case "--threads": threads = Int(arguments.next() ?? "") ?? threads
    case "--database": databaseURL = arguments.next()
    default: break
    }
}

let fortunesTemplate = try MustacheTemplate(string: """
    <!DOCTYPE html><html><head><title>Fortunes</title></head><body><table><tr><th>id</th><th>message</th></tr>\
    {{#fortunes}}<tr><td>{{id}}</td><td>{{message}}</td></tr>{{/fortunes}}</table></body></html>
    """)

var logger = Logger(label: "hummingbird")
logger.logLevel = .warning
let eventLoopGroup = MultiThreadedEventLoopGroup(numberOfThreads: threads)

var database: (any TechEmpowerDatabase)?
var postgres: PostgresClient?
if let databaseURL, databaseURL.hasPrefix("sqlite:") {
    database = try await SQLiteDatabase(path: String(databaseURL.dropFirst("sqlite:///".count)), count: 10, eventLoop: eventLoopGroup.any())
} else if let databaseURL {
    let client = try PostgresDatabase(url: databaseURL, logger: logger)
    database = client
    postgres = client.client
}

/// The `queries` parameter as the TechEmpower rules read it: 1…500, anything else 1.
func queryCount(_ request: Request) -> Int {
    min(max(request.uri.queryParameters.get("queries", as: Int.self) ?? 1, 1), 500)
}

let router = Router()
router.get("plaintext") { _, _ in
    Response(
        status: .ok,
        headers: [.contentType: "text/plain"],
        body: .init(byteBuffer: ByteBuffer(string: "Hello, World!"))
    )
}
router.get("json") { _, _ in
    Message(message: "Hello, World!")
}
if let database {
    router.get("db") { _, _ in
        try await database.world(id: .random(in: 1...10_000))
    }
    router.get("queries") { request, _ in
        var worlds: [World] = []
        for _ in 0..<queryCount(request) {
            worlds.append(try await database.world(id: .random(in: 1...10_000)))
        }
        return worlds
    }
    router.get("fortunes") { _, _ in
        var fortunes = try await database.fortunes()
        fortunes.append(Fortune(id: 0, message: "Additional fortune added at request time."))
        fortunes.sort { $0.message < $1.message }
        let html = fortunesTemplate.render(["fortunes": fortunes])
        return Response(
            status: .ok,
            headers: [.contentType: "text/html; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: html))
        )
    }
    router.get("updates") { request, _ in
        var worlds: [World] = []
        for _ in 0..<queryCount(request) {
            var world = try await database.world(id: .random(in: 1...10_000))
            world.randomNumber = .random(in: 1...10_000)
            worlds.append(world)
        }
        for world in worlds {
            try await database.update(world)
        }
        return worlds
    }
}

var app = Application(
    router: router,
    configuration: .init(address: .hostname("127.0.0.1", port: port), serverName: "Hummingbird", backlog: 4096),
    eventLoopGroupProvider: .shared(eventLoopGroup),
    logger: logger
)
if let postgres {
    app.addServices(postgres)
}
try await app.runService()
