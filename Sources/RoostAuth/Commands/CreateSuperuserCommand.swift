import Roost
import RoostORM
import RoostPasswords

/// `createsuperuser`: creates a user with every permission and access to the admin site,
/// Django's command of the same name. Registered by `useAuth`.
///
/// ```sh
/// swift run MyApp createsuperuser                              # asks for everything
/// ROOST_SUPERUSER_PASSWORD='…' swift run MyApp createsuperuser --no-input --username admin --email admin@example.com
/// ```
///
/// Without `--no-input` it asks for what the options leave out, the password twice and
/// without echo, and checks it against the app's password rules (offering to bypass them).
/// With `--no-input` the username comes from `--username` or `ROOST_SUPERUSER_USERNAME`, the
/// e-mail from `--email` or `ROOST_SUPERUSER_EMAIL`, and the password from
/// `ROOST_SUPERUSER_PASSWORD` (an environment variable or setting, never a command-line
/// argument that `ps` would show); it must pass the rules. Without a password the user gets
/// an unusable one (set it later with a password reset). When standard input is not a
/// terminal (a container, a CI job) it behaves as with `--no-input`.
struct CreateSuperuserCommand: AppCommand {
    static let configuration = CommandConfiguration(
        commandName: "createsuperuser",
        abstract: "Create a user with every permission and access to the admin site."
    )

    @Option(help: "The login name.") var username: String?
    @Option(help: "The e-mail address.") var email: String?
    @Flag(name: [.customLong("no-input"), .customLong("noinput")], help: "Ask nothing; read the password from ROOST_SUPERUSER_PASSWORD.")
    var noInput = false

    func run(app: App) async throws {
        let (engine, databases) = try app.authSetup()
        let database = databases.default
        // Without a terminal to ask (a container, CI), nothing could answer the questions.
        if noInput || !app.hasInteractiveCommandInput {
            try await runQuietly(app: app, engine: engine, database: database)
        } else {
            try await runInteractively(app: app, engine: engine, database: database)
        }
    }

    private func runQuietly(app: App, engine: any AuthEngine, database: any DatabaseExecutor) async throws {
        guard let username = nonEmpty(username) ?? nonEmpty(app.settings.text("ROOST_SUPERUSER_USERNAME")) else {
            throw CommandFailure("--no-input needs --username (or ROOST_SUPERUSER_USERNAME)")
        }
        let email = email ?? app.settings.text("ROOST_SUPERUSER_EMAIL") ?? ""
        if try await engine.userExists(username: username, on: database) {
            throw CommandFailure("the username '\(username)' is already taken")
        }
        let password = nonEmpty(app.settings.text("ROOST_SUPERUSER_PASSWORD"))
        if let password {
            do {
                try engine.validators.validate(password, user: PasswordUserAttributes(["username": username, "email": email]))
            } catch {
                throw CommandFailure("ROOST_SUPERUSER_PASSWORD is refused:\n" + error.failures.map { "  - \($0.message)" }.joined(separator: "\n"))
            }
        }
        try await create(app: app, engine: engine, username: username, email: email, password: password, database: database)
        if password == nil { app.console.print("No ROOST_SUPERUSER_PASSWORD: the password is unusable until reset.") }
    }

    private func runInteractively(app: App, engine: any AuthEngine, database: any DatabaseExecutor) async throws {
        let input = app.commandInput
        var username = nonEmpty(self.username)
        while true {
            if username == nil {
                guard let answer = input.ask("Username: ") else { throw CommandFailure("input ended") }
                username = nonEmpty(answer.trimmingWhitespace)
            }
            guard let name = username else {
                app.console.print("Error: the username cannot be blank.")
                continue
            }
            if try await engine.userExists(username: name, on: database) {
                app.console.print("Error: that username is already taken.")
                if self.username != nil { throw CommandFailure("the username '\(name)' is already taken") }
                username = nil
                continue
            }
            break
        }
        let name = username ?? ""
        var email = self.email
        if email == nil {
            guard let answer = input.ask("Email address: ") else { throw CommandFailure("input ended") }
            email = answer.trimmingWhitespace
        }
        let password = try askPassword(input: input, console: app.console, validators: engine.validators, username: name, email: email ?? "")
        try await create(app: app, engine: engine, username: name, email: email ?? "", password: password, database: database)
    }

    private func askPassword(
        input: CommandInput, console: Console, validators: PasswordValidators, username: String, email: String
    ) throws -> String {
        while true {
            guard let first = input.ask("Password: ", secret: true), let second = input.ask("Password (again): ", secret: true) else {
                throw CommandFailure("input ended")
            }
            guard first == second else {
                console.print("Error: the two passwords are not the same; try again.")
                continue
            }
            guard !first.isEmpty else {
                console.print("Error: the password cannot be blank.")
                continue
            }
            do {
                try validators.validate(first, user: PasswordUserAttributes(["username": username, "email": email]))
                return first
            } catch {
                for failure in error.failures { console.print(failure.message) }
                let answer = input.ask("Create the user with this password anyway? [y/N]: ") ?? ""
                if answer.lowercased().hasPrefix("y") { return first }
            }
        }
    }

    private func create(
        app: App, engine: any AuthEngine, username: String, email: String, password: String?, database: any DatabaseExecutor
    ) async throws {
        do {
            try await engine.createSuperuser(username: username, email: email, password: password, on: database)
        } catch let error as RoostORM.ValidationError {
            throw CommandFailure("the user is not valid: \(error)")
        }
        app.console.print("Superuser \(username) created.")
    }

    private func nonEmpty(_ text: String?) -> String? {
        guard let text, !text.isEmpty else { return nil }
        return text
    }
}

/// A management command that cannot do its job; the message is printed after `error:`.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}

extension String {
    var trimmingWhitespace: String {
        var text = Substring(self)
        while text.first?.isWhitespace == true { text.removeFirst() }
        while text.last?.isWhitespace == true { text.removeLast() }
        return String(text)
    }
}
