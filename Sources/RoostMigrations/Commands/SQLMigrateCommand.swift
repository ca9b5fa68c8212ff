import ArgumentParser
import Roost
import RoostDatabase

/// `sqlmigrate APP MIGRATION`: prints the SQL a migration runs, without running it.
struct SQLMigrateCommand: AppCommand {
    static let configuration = CommandConfiguration(
        commandName: "sqlmigrate",
        abstract: "Print the SQL statements of a migration without running them."
    )

    @Argument(help: "The app.")
    var app: String

    @Argument(help: "The migration's name or number prefix.")
    var migration: String

    @Flag(help: "Print the statements that unapply it.")
    var backwards = false

    func run(app root: App) async throws {
        let executor = try root.migrationExecutor()
        let target = try MigrateCommand.target(app: app, migration: migration, graph: executor.loader.graph)
        guard case .migration(let key) = target else {
            throw ValidationError("name one migration of \(app)")
        }
        let transactional = executor.database.dialect.features.supportsTransactionalDDL
        if transactional { root.console.print("BEGIN;") }
        for statement in try await executor.sql(for: key, backwards: backwards) {
            root.console.print(statement.hasPrefix("--") ? statement : statement + ";")
        }
        if transactional { root.console.print("COMMIT;") }
    }
}
