import ArgumentParser
import Roost

/// `migrate [APP] [MIGRATION]`: applies pending migrations, or takes an app back to an
/// earlier migration (`zero` for none).
struct MigrateCommand: AppCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Apply pending migrations, or unapply back to a given one.",
        discussion: """
            With no argument, applies every app's pending migrations. `migrate blog` applies \
            blog's; `migrate blog 0002` goes to blog's 0002 migration, unapplying later ones \
            if needed; `migrate blog zero` unapplies all of blog's.
            """
    )

    @Argument(help: "The app to migrate (all apps when omitted).")
    var app: String?

    @Argument(help: "A migration name or its number prefix, or `zero`.")
    var migration: String?

    @Flag(help: "Record the migrations as applied or unapplied without running them.")
    var fake = false

    @Flag(help: "Store the current checksums of applied migrations that were edited, instead of stopping.")
    var acceptEdited = false

    @Flag(help: "Print the plan without running it.")
    var plan = false

    func run(app root: App) async throws {
        let executor = try root.migrationExecutor()
        let target = try Self.target(app: app, migration: migration, graph: executor.loader.graph)
        let console = root.console
        if plan {
            let applied = try await executor.recorder.applied(on: executor.database)
            let steps = try executor.loader.graph.plan(to: target, applied: Set(applied.keys))
            console.print(steps.isEmpty ? "No planned migration operations." : "Planned operations:")
            for step in steps {
                console.print("  " + step.description)
                for operation in executor.loader.graph.nodes[step.key]?.operations ?? [] {
                    console.print("    - " + (step.backwards ? "Undo " : "") + operation.summary)
                }
            }
            return
        }
        console.print("Migrating to \(target):")
        try await root.migrate(
            to: target, options: MigrationExecutor.Options(fake: fake, acceptEdited: acceptEdited)
        ) { event in App.report(event, on: console) }
    }

    /// The target the arguments name.
    static func target(app: String?, migration: String?, graph: MigrationGraph) throws -> MigrationTarget {
        guard let app else { return .latest }
        guard graph.apps.contains(app) else {
            throw ValidationError("no app '\(app)' has migrations; known apps: \(graph.apps.joined(separator: ", "))")
        }
        guard let migration else { return .app(app) }
        if migration == "zero" { return .zero(app: app) }
        let names = graph.nodes.keys.filter { $0.app == app }.map(\.name)
        if names.contains(migration) { return .migration(MigrationKey(app, migration)) }
        let matches = names.filter { $0.hasPrefix(migration) }.sorted()
        guard matches.count == 1, let name = matches.first else {
            throw ValidationError(
                matches.isEmpty
                    ? "app '\(app)' has no migration named '\(migration)'"
                    : "'\(migration)' matches several migrations of \(app): \(matches.joined(separator: ", "))"
            )
        }
        return .migration(MigrationKey(app, name))
    }
}
