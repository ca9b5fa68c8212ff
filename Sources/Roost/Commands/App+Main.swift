import ArgumentParser
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension App {
    /// Runs the management command named by the process's arguments (`serve` when none is
    /// given) and exits: `0` on success, non-zero with a message on failure.
    ///
    /// Built in: `serve`, `routes`, `check`; ``registerCommand(_:)`` adds more.
    public func main() async -> Never {
        do {
            try await runCommand(Array(CommandLine.arguments.dropFirst()))
            exit(0)
        } catch let error as any Error & CustomStringConvertible where !(error is CleanExit) && !isParserError(error) {
            FileHandleOutput.standardError("error: \(error.description)\n")
            exit(1)
        } catch {
            ServeCommand.exit(withError: error)
        }
    }

    /// Runs one management command with explicit arguments; for tests and embedding.
    /// - Throws: Argument errors, settings and configuration errors, and the command's own.
    public func runCommand(_ arguments: [String]) async throws {
        let commands = self.commands
        var arguments = arguments
        if arguments.first == "help" || arguments.first == "--help" || arguments.first == "-h" {
            console.write(usage(commands))
            return
        }
        if arguments.first == "--version" {
            console.print("Roost \(RoostVersion.current)")
            return
        }
        if arguments.isEmpty || arguments[0].hasPrefix("-") {
            arguments.insert(ServeCommand.name, at: 0)
        }
        guard let command = commands.first(where: { $0.name == arguments[0] }) else {
            throw UnknownCommandError(name: arguments[0], usage: usage(commands))
        }
        let parsed = try command.parseAsRoot(Array(arguments.dropFirst()))
        guard let runnable = parsed as? any AppCommand else {
            throw CleanExit.helpRequest(parsed)
        }
        try await runnable.run(app: self)
    }

    var commands: [any AppCommand.Type] {
        [ServeCommand.self, RoutesCommand.self, CheckCommand.self] + registration.withLock { $0.commands }
    }

    private func usage(_ commands: [any AppCommand.Type]) -> String {
        let executable = CommandLine.arguments.first?.split(separator: "/").last.map(String.init) ?? "app"
        var text = "Usage: \(executable) [command] [options]\n\nCommands:\n"
        var rows: [(name: String, abstract: String)] = []
        for command in commands {
            rows.append((command.name, command.configuration.abstract))
        }
        let width = rows.map { $0.name.count }.max() ?? 0
        for row in rows {
            text += "  " + row.name + String(repeating: " ", count: width - row.name.count + 2) + row.abstract + "\n"
        }
        text += "\nWith no command, `serve` runs. `\(executable) <command> --help` describes a command.\n"
        return text
    }

    private func isParserError(_ error: any Error) -> Bool {
        String(reflecting: type(of: error)).hasPrefix("ArgumentParser.")
    }
}

/// The version of Roost.
public enum RoostVersion {
    /// The version string.
    public static let current = "0.1.0"
}

/// A command name the app does not know.
public struct UnknownCommandError: Error, CustomStringConvertible {
    /// The name given.
    public let name: String
    let usage: String

    public var description: String { "unknown command '\(name)'\n\n\(usage)" }
}

/// Writes to the standard streams, flushed at once so parent processes see lines promptly.
enum FileHandleOutput {
    static func standardOutput(_ text: String) {
        write(descriptor: 1, text)
    }

    static func standardError(_ text: String) {
        write(descriptor: 2, text)
    }

    private static func write(descriptor: Int32, _ text: String) {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { buffer in
                #if canImport(Glibc)
                Glibc.write(descriptor, buffer.baseAddress, buffer.count)
                #else
                Darwin.write(descriptor, buffer.baseAddress, buffer.count)
                #endif
            }
            if written <= 0 { return }
            bytes = bytes.dropFirst(written)
        }
    }
}
