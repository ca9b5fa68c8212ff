import Foundation
import RoostMigrations
import RoostTesting
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `roost new` end to end: the generated project builds, its migrations match its models
/// (its own and RoostAuth's), `migrate` then `serve` works, `createsuperuser` makes a user who
/// logs in and adds a note, `startapp` adds a module, and its tests pass.
///
/// Slow: it compiles Roost and its dependencies again for the new project (on a cold cache,
/// minutes), so it runs only with `ROOST_SLOW_TESTS=1`. The build folder
/// `.build-scaffold/scratch` in the checkout is kept between runs, so later runs only
/// recompile what changed; the project gets the checkout's `Package.resolved`, so it resolves
/// the same versions from SwiftPM's repository cache.
@Suite(.serialized, .enabled(if: SlowTests.enabled, "set ROOST_SLOW_TESTS=1 to build a generated project"))
struct ScaffoldTests {
    static let checkout = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    @Test(.timeLimit(.minutes(40)))
    func newProjectBuildsMigratesServesAndPassesItsTests() async throws {
        let work = Self.checkout + "/.build-scaffold"
        let project = work + "/ScaffoldedSite"
        let scratch = work + "/scratch"
        try? FileManager.default.removeItem(atPath: project)
        let files = try ProjectGenerator(name: "ScaffoldedSite", dependency: .path(Self.checkout)).write(into: project)
        #expect(files.contains("Sources/ScaffoldedSite/Migrations/0001_initial.swift"))
        let settings = try String(contentsOfFile: project + "/roost.json", encoding: .utf8)
        #expect(settings.contains("\"SECRET_KEY\": \""))
        if FileManager.default.fileExists(atPath: Self.checkout + "/Package.resolved") {
            try FileManager.default.copyItem(atPath: Self.checkout + "/Package.resolved", toPath: project + "/Package.resolved")
        }

        let swift = Subprocess(directory: project, scratch: scratch)
        try swift.run(["build"])
        // The hand-written first migration is exactly what makemigrations derives from the model.
        #expect(try swift.run(["run", "ScaffoldedSite", "makemigrations", "--check"]).contains("No changes detected."))
        let migrated = try swift.run(["run", "ScaffoldedSite", "migrate"])
        #expect(migrated.contains("Applying scaffolded_site.0001_initial... OK"))
        #expect(migrated.contains("Applying scaffolded_site.0002_auth... OK"))
        #expect(FileManager.default.fileExists(atPath: project + "/db.sqlite3"))
        let binary = try swift.binary("ScaffoldedSite")
        let created = try Subprocess.runBinary(
            binary, ["createsuperuser", "--no-input", "--username", "admin", "--email", "admin@example.com"],
            directory: project, environment: ["ROOST_SUPERUSER_PASSWORD": "walk-the-dog-42"]
        )
        #expect(created.contains("Superuser admin created."))

        // `swift run ScaffoldedSite` serves the home page; the superuser logs in and adds a note.
        let server = try ServerProcess(binary: binary, directory: project)
        let home = try await server.get("/")
        #expect(home.contains("<h1>Notes</h1>"))
        #expect(home.contains(#"<a href="/accounts/login/">Log in</a>"#))
        var browser = FormBrowser(port: server.port)
        #expect(try await browser.post("/notes", [("title", "Anonymous")]).status == 302)   // to the login page
        try await browser.get("/accounts/login/")
        #expect(try await browser.post("/accounts/login/", [("username", "admin"), ("password", "walk-the-dog-42")]).status == 302)
        #expect(try await browser.get("/").text.contains("Signed in as admin"))
        let note = try await browser.post("/notes", [("title", "Written after logging in")])
        #expect(note.status == 303)
        #expect(try await server.get("/").contains("Written after logging in"))
        server.stop()

        // startapp adds a module and its targets; everything builds and every test passes.
        let added = try swift.run(["run", "ScaffoldedSite", "startapp", "Journal"])
        #expect(added.contains("Added the Journal and JournalTests targets to Package.swift."))
        let tests = try swift.run(["test"])
        #expect(tests.contains("homePageListsNotes"))
        #expect(tests.contains("loggedInUsersGetTheForm"))
        #expect(tests.contains("indexListsEntries"))
    }
}

/// Whether the slow tests run: `ROOST_SLOW_TESTS=1`.
enum SlowTests {
    static let enabled = ProcessInfo.processInfo.environment["ROOST_SLOW_TESTS"] == "1"
}

/// `swift …` in the generated project, sharing one build folder across runs.
struct Subprocess {
    let directory: String
    let scratch: String

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Runs `swift arguments…` and returns its output; throws with the output on failure.
    @discardableResult
    func run(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        let subcommand = arguments[0]
        process.arguments = ["swift", subcommand, "--scratch-path", scratch] + arguments.dropFirst()
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("scaffold-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        process.waitUntilExit()
        try handle.close()
        let output = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        try? FileManager.default.removeItem(at: log)
        guard process.terminationStatus == 0 else {
            throw Failure(description: "swift \(arguments.joined(separator: " ")) failed (\(process.terminationStatus)):\n\(output.suffix(6000))")
        }
        return output
    }

    /// Runs a built binary in `directory` and returns its output; throws with it on failure.
    static func runBinary(_ binary: String, _ arguments: [String], directory: String, environment: [String: String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.environment = ["PATH": "/usr/bin:/bin"].merging(environment) { $1 }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(description: "\(binary) \(arguments.joined(separator: " ")) failed (\(process.terminationStatus)):\n\(output)")
        }
        return output
    }

    /// The path of a built executable.
    func binary(_ name: String) throws -> String {
        try run(["build", "--show-bin-path"]).split(separator: "\n").last.map(String.init).map { $0 + "/" + name } ?? ""
    }
}

/// A built app binary serving on a free port.
final class ServerProcess: Sendable {
    let process: Process
    let port: Int

    init(binary: String, directory: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["serve", "--port", "0"]
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.environment = ["PATH": "/usr/bin:/bin", "ACCESS_LOG": "false"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        var seen = ""
        var port: Int?
        while port == nil {
            let data = pipe.fileHandleForReading.availableData
            if data.isEmpty { break }
            seen += String(decoding: data, as: UTF8.self)
            if let range = seen.range(of: #"http://127\.0\.0\.1:(\d+)/"#, options: .regularExpression) {
                port = Int(seen[range].split(separator: ":").last?.dropLast() ?? "")
            }
        }
        guard let port else {
            process.terminate()
            throw Subprocess.Failure(description: "the app did not report its port: \(seen)")
        }
        self.process = process
        self.port = port
    }

    /// The body of `GET path`.
    func get(_ path: String) async throws -> String {
        try await LiveServer(port: port).request(path).text
    }

    func stop() {
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
    }
}
