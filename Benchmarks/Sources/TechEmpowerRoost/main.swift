// TechEmpower plaintext and JSON tests, written the way a Roost user would write them.
// Usage: techempower [--port 8080] [--threads 1]
import Roost

struct Message: Encodable, Sendable {
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

let app = App(settings: try Settings(["ACCESS_LOG": "false", "LOG_LEVEL": "warning"]))
app.serverConfiguration.serverName = "Roost"
app.serverConfiguration.backlog = 4096

app.get("/plaintext") { _ in "Hello, World!" }
app.get("/json") { _ in Message(message: "Hello, World!") }

try await app.runCommand(["serve", "--host", "127.0.0.1", "--port", "\(port)", "--workers", "\(threads)"])
