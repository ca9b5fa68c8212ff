// TechEmpower plaintext and JSON tests with Hummingbird 2, as its own TechEmpower entry
// writes them. Usage: techempower-hummingbird [--port 8080] [--threads 1]
import Hummingbird
import Logging
import NIOCore
import NIOPosix

struct Message: ResponseEncodable {
    let message: String
}

var port = 8080
var threads = 1
var arguments = CommandLine.arguments.dropFirst().makeIterator()
while let argument = arguments.next() {
    switch argument {
    case "--port": port = Int(arguments.next() ?? "") ?? port
    case "--threads": threads = Int(arguments.next() ?? "") ?? threads
    default: break
    }
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

var logger = Logger(label: "hummingbird")
logger.logLevel = .warning
let app = Application(
    router: router,
    configuration: .init(address: .hostname("127.0.0.1", port: port), serverName: "Hummingbird", backlog: 4096),
    eventLoopGroupProvider: .shared(MultiThreadedEventLoopGroup(numberOfThreads: threads)),
    logger: logger
)
try await app.runService()
