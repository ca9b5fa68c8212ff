import Foundation
import Roost
import RoostDatabase
import RoostMigrations
import Synchronization

/// A temporary folder, removed when the value goes away.
final class TemporaryFolder: Sendable {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("roost-migrations-" + UUID().uuidString).path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    func read(_ name: String) throws -> String {
        try String(contentsOfFile: path + "/" + name, encoding: .utf8)
    }

    func files() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted()
    }
}

/// What a command printed.
final class CapturedOutput: Sendable {
    private let text = Mutex("")

    var console: Console {
        Console { [self] piece in text.withLock { $0 += piece } }
    }

    func take() -> String {
        text.withLock { value in
            defer { value = "" }
            return value
        }
    }
}

/// An app over `db` with `apps` registered, whose console output is captured.
func testApp(_ db: Database, _ apps: MigrationApp..., databaseURL: String = "sqlite::memory:") throws -> TestApp {
    let app = App(settings: try Settings(["DATABASE_URL": databaseURL]))
    let output = CapturedOutput()
    app.console = output.console
    app.use(databases: try Databases([Databases.defaultName: db]))
    app.useMigrations(apps)
    return TestApp(app: app, output: output)
}

struct TestApp {
    let app: App
    let output: CapturedOutput

    /// Runs a management command and returns what it printed; rethrows its error.
    @discardableResult
    func run(_ arguments: [String]) async throws -> String {
        _ = output.take()
        try await app.runCommand(arguments)
        return output.take()
    }
}
