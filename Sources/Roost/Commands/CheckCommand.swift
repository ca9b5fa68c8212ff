import ArgumentParser

/// `check`: inspects settings and routes for mistakes, Django's system check framework.
struct CheckCommand: AppCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check settings and routes for problems; exits non-zero on errors."
    )

    @Flag(help: "Treat warnings as errors.")
    var failOnWarning = false

    func run(app: App) async throws {
        let messages = SystemChecks.run(app)
        for message in messages { app.console.write("\(message)\n") }
        let errors = messages.filter { $0.level == .error || (failOnWarning && $0.level == .warning) }
        app.console.write(
            messages.isEmpty ? "System check identified no issues.\n" : "System check identified \(messages.count) issue(s).\n"
        )
        if !errors.isEmpty { throw ExitCode(1) }
    }
}

/// A finding of `check`, with a stable identifier (`roost.E001`) to search for or silence.
public struct CheckMessage: Sendable, CustomStringConvertible {
    /// How serious it is.
    public enum Level: Sendable { case warning, error }

    /// The stable identifier.
    public let id: String
    /// The severity.
    public let level: Level
    /// What is wrong.
    public let message: String
    /// How to fix it.
    public let hint: String?

    public var description: String {
        "\(id) \(level == .error ? "ERROR" : "WARNING"): \(message)" + (hint.map { "\n\tHINT: \($0)" } ?? "")
    }
}

/// The checks `check` runs.
enum SystemChecks {
    static func run(_ app: App) -> [CheckMessage] {
        var messages: [CheckMessage] = []
        let settings = app.settings
        do {
            let routes = try app.compiled().context.routes
            messages += shadowedRoutes(routes)
        } catch {
            messages += error.problems.map {
                CheckMessage(id: "roost.E001", level: .error, message: $0, hint: nil)
            }
        }
        if settings.secretKey == nil && !settings.debug {
            messages.append(CheckMessage(
                id: "roost.W001", level: .warning, message: "SECRET_KEY is not set.",
                hint: "Signed cookies, sessions and CSRF protection need a long random SECRET_KEY."
            ))
        } else if let key = settings.secretKey, key.count < 32 {
            messages.append(CheckMessage(
                id: "roost.W002", level: .warning, message: "SECRET_KEY is shorter than 32 characters.",
                hint: "Generate a longer random key."
            ))
        }
        if settings.allowedHosts.isEmpty && !settings.debug {
            messages.append(CheckMessage(
                id: "roost.W003", level: .warning, message: "ALLOWED_HOSTS is empty while DEBUG is off.",
                hint: "List the host names the app serves, e.g. ALLOWED_HOSTS=example.com."
            ))
        }
        if settings.debug {
            messages.append(CheckMessage(
                id: "roost.W004", level: .warning, message: "DEBUG is on.",
                hint: "Never run with DEBUG on in production: error pages show internals."
            ))
        }
        return messages
    }

    /// Routes that can never match because an earlier route with the same shape and method
    /// takes every request.
    static func shadowedRoutes(_ routes: [RouteInfo]) -> [CheckMessage] {
        var seen: [String: RouteInfo] = [:]
        var messages: [CheckMessage] = []
        for route in routes {
            let shape = route.method.rawValue + " " + route.pattern.segments.map { segment in
                switch segment {
                case .literal(let text): text
                case .parameter(_, let converter): "<\(converter)>"
                }
            }.joined(separator: "/")
            if let first = seen[shape] {
                messages.append(CheckMessage(
                    id: "roost.W010", level: .warning,
                    message: "\(route) at \(route.sourceLocation) is unreachable: \(first) at \(first.sourceLocation) matches the same requests.",
                    hint: "Remove one of the routes or make their patterns differ."
                ))
            } else {
                seen[shape] = route
            }
        }
        return messages
    }
}
