import Roost
import RoostTesting
import Testing

@Suite struct CommandTests {
    @Test func listsRoutes() async throws {
        let app = try makeApp()
        app.get("/", name: "home") { _ in "" }
        app.post("/posts/<int:id>", name: "post") { (_, id: Int) in "\(id)" }
        let output = try await captureOutput(of: app) { try await app.runCommand(["routes"]) }
        let rows = output.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
        #expect(rows == [["METHOD", "PATH", "NAME"], ["GET", "/", "home"], ["POST", "/posts/<int:id>", "post"]])
    }

    @Test func checkPassesACleanAppAndFailsABrokenOne() async throws {
        let clean = try makeApp(["SECRET_KEY": String(repeating: "k", count: 50), "ALLOWED_HOSTS": "example.com"])
        clean.get("/") { _ in "" }
        let output = try await captureOutput(of: clean) { try await clean.runCommand(["check"]) }
        #expect(output.contains("System check identified no issues."))

        let broken = try makeApp()
        broken.get("/a/<nope:x>") { (_, x: String) in x }
        broken.get("/users/<int:a>") { (_, a: Int) in "\(a)" }
        broken.get("/users/<int:b>") { (_, b: Int) in "\(b)" }
        await #expect(throws: (any Error).self) {
            _ = try await captureOutput(of: broken) { try await broken.runCommand(["check"]) }
        }
        let shadowed = try makeApp()
        shadowed.get("/users/<int:a>") { (_, a: Int) in "\(a)" }
        shadowed.get("/users/<int:b>") { (_, b: Int) in "\(b)" }
        let warnings = try await captureOutput(of: shadowed) { try await shadowed.runCommand(["check"]) }
        #expect(warnings.contains("roost.W010"))
        #expect(warnings.contains("roost.W001"))
        #expect(warnings.contains("roost.W003"))
    }

    @Test func rejectsUnknownCommandsAndBadOptions() async throws {
        let app = try makeApp()
        await #expect(throws: UnknownCommandError.self) { try await app.runCommand(["explode"]) }
        await #expect(throws: (any Error).self) { try await app.runCommand(["serve", "--port", "http"]) }
        await #expect(throws: (any Error).self) { try await app.runCommand(["serve", "--port", "99999"]) }
    }

    @Test func hostsRegisteredCommands() async throws {
        struct Greet: AppCommand {
            static let configuration = CommandConfiguration(commandName: "greet", abstract: "Say hello.")
            @Option var name = "world"
            func run(app: App) async throws { app.console.print("Hello, \(name)") }
        }
        let app = try makeApp()
        app.registerCommand(Greet.self)
        let output = try await captureOutput(of: app) { try await app.runCommand(["greet", "--name", "Ada"]) }
        #expect(output == "Hello, Ada\n")
        let help = try await captureOutput(of: app) { try await app.runCommand(["help"]) }
        #expect(help.contains("greet"))
        #expect(help.contains("Say hello."))
        #expect(help.contains("serve"))
    }
}
