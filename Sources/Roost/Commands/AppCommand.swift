public import ArgumentParser

/// A management command hosted by every Roost app binary, as Django's `manage.py` hosts
/// its commands.
///
/// Declare options with swift-argument-parser and do the work in ``run(app:)``:
///
/// ```swift
/// struct Greet: AppCommand {
///     static let configuration = CommandConfiguration(commandName: "greet", abstract: "Say hello.")
///     @Option var name = "world"
///     func run(app: App) async throws { print("Hello, \(name)") }
/// }
/// app.registerCommand(Greet.self)      // `swift run MyApp greet --name Ada`
/// ```
public protocol AppCommand: ParsableCommand {
    /// Runs the command against the app.
    func run(app: App) async throws
}

extension AppCommand {
    static var name: String {
        configuration.commandName ?? _commandName
    }
}
