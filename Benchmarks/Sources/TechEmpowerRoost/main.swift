// The six TechEmpower tests, written the way a Roost user would write them: @Model models,
// QuerySets, a Jinja template with autoescape.
// Usage: techempower [--port 8080] [--threads 1] [--database URL] [--templates DIR]
//        techempower setup --database URL   (creates and fills World and Fortune)
import NIOPosix
import Roost
import RoostORM
import RoostPostgres
import RoostSQLite

var port = 8080
var threads = 1
var databaseURL = "sqlite:////tmp/techempower.db"
var templates = String(#filePath.dropLast("main.swift".count)) + "templates"
var setup = false
var arguments = CommandLine.arguments.dropFirst().makeIterator()
while let argument = arguments.next() {
    switch argument {
    case "--port": port = Int(arguments.next() ?? "") ?? port
    case "--threads": threads = Int(arguments.next() ?? "") ?? threads
    case "--database": databaseURL = arguments.next() ?? databaseURL
    case "--templates": templates = arguments.next() ?? templates
    case "setup": setup = true
    default: break
    }
}

let app = App(settings: try Settings([
    "ACCESS_LOG": "false", "LOG_LEVEL": "warning", "DATABASE_URL": databaseURL, "TEMPLATES_DIR": templates,
]))
app.serverConfiguration.serverName = "Roost"
app.serverConfiguration.backlog = 4096
// The server and the database connections share their event loops: a request's queries run on
// the loop that serves it (see HTTPServerConfiguration.eventLoopGroup).
let loops = MultiThreadedEventLoopGroup(numberOfThreads: threads)
app.serverConfiguration.eventLoopGroup = loops
try app.useDatabases(backends: [SQLiteBackend(eventLoopGroup: loops), PostgresBackend(eventLoopGroup: loops)])

if setup {
    try await TechEmpowerData.create(on: app.databases.default)
    await app.shutdown()
    print("created world (10,000 rows) and fortune (12 rows) at \(databaseURL.prefix { $0 != ":" })")
} else {
    app.addTechEmpowerRoutes()
    try await app.runCommand(["serve", "--host", "127.0.0.1", "--port", "\(port)", "--workers", "\(threads)"])
}
try await loops.shutdownGracefully()
