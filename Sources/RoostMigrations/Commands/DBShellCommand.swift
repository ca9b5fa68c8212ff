import ArgumentParser
import Foundation
import Roost
import RoostDatabase

/// `dbshell`: opens the database's own command-line client (`sqlite3` or `psql`) on the
/// configured `DATABASE_URL`.
struct DBShellCommand: AppCommand {
    static let configuration = CommandConfiguration(
        commandName: "dbshell",
        abstract: "Open sqlite3 or psql on the configured database (DATABASE_URL)."
    )

    @Flag(help: "Print the command instead of running it (the password is never printed).")
    var printOnly = false

    func run(app: App) async throws {
        let configuration = try DatabaseConfiguration(url: app.settings.databaseURL)
        let invocation = try Self.invocation(for: configuration)
        if printOnly {
            app.console.print(([invocation.program] + invocation.arguments).joined(separator: " "))
            return
        }
        guard let executable = Self.find(invocation.program) else {
            throw ValidationError("\(invocation.program) is not installed (or not on PATH); install it to use dbshell")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = invocation.arguments
        var environment = ProcessInfo.processInfo.environment
        for (key, value) in invocation.environment { environment[key] = value }
        process.environment = environment
        try process.run()
        process.waitUntilExit()
        if process.terminationStatus != 0 { throw ExitCode(process.terminationStatus) }
    }

    /// The client program, its arguments and extra environment for a database.
    static func invocation(for configuration: DatabaseConfiguration) throws -> (program: String, arguments: [String], environment: [String: String]) {
        switch configuration.location {
        case .sqliteMemory:
            throw ValidationError("DATABASE_URL names an in-memory SQLite database; there is nothing to open")
        case .sqliteFile(let path):
            return ("sqlite3", [path], [:])
        case .server(let server):
            var environment: [String: String] = [:]
            if let password = server.password { environment["PGPASSWORD"] = password }
            if configuration.tls != .disable { environment["PGSSLMODE"] = configuration.tls.rawValue }
            return ("psql", ["-h", server.host, "-p", String(server.port), "-U", server.username, server.database], environment)
        }
    }

    /// The full path of `program` on `PATH`.
    static func find(_ program: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(program)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}
