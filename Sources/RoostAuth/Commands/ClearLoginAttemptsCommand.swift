import Roost

/// `clearloginattempts`: forgets the failed-login runs that ended more than a throttle
/// window ago, so the `roost_login_attempt` table does not grow with every address that
/// ever failed a login. Registered by `useAuth`; run it now and then, as `clearsessions`.
///
/// ```sh
/// swift run MyApp clearloginattempts     # e.g. daily from cron
/// ```
struct ClearLoginAttemptsCommand: AppCommand {
    static let configuration = CommandConfiguration(
        commandName: "clearloginattempts",
        abstract: "Forget failed-login counters whose throttle window has passed."
    )

    func run(app: App) async throws {
        let (engine, _) = try app.authSetup()
        guard let cleared = try await engine.clearStaleLoginAttempts() else {
            app.console.print("Login throttling is off; nothing to clear.")
            return
        }
        app.console.print("Forgot \(cleared) finished run(s) of failed logins.")
    }
}
