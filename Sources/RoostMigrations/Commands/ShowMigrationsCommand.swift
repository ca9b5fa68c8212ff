import ArgumentParser
import Roost

/// `showmigrations [APP…]`: every migration and whether the database has applied it.
struct ShowMigrationsCommand: AppCommand {
    static let configuration = CommandConfiguration(
        commandName: "showmigrations",
        abstract: "List the migrations and whether each is applied ([X]) or pending ([ ])."
    )

    @Argument(help: "Apps to list (all when omitted).")
    var apps: [String] = []

    @Flag(help: "List in the order `migrate` would apply them, with dependencies.")
    var plan = false

    func run(app root: App) async throws {
        let executor = try root.migrationExecutor()
        let graph = executor.loader.graph
        let applied = try await executor.recorder.applied(on: executor.database)
        let edited = Set(executor.editedMigrations(applied))
        let console = root.console
        func line(_ key: MigrationKey) -> String {
            let mark = applied[key] != nil ? "[X]" : "[ ]"
            let note = edited.contains(key) ? "  (edited since it was applied)" : ""
            return "\(mark) \(key.name)\(note)"
        }
        if plan {
            for key in graph.orderedKeys where apps.isEmpty || apps.contains(key.app) {
                let dependencies = graph.dependencies(of: key)
                let suffix = dependencies.isEmpty ? "" : " ... (" + dependencies.map(\.description).joined(separator: ", ") + ")"
                console.print((applied[key] != nil ? "[X] " : "[ ] ") + key.description + suffix)
            }
            return
        }
        let labels = Set(executor.loader.apps.map(\.label)).union(graph.apps).sorted()
        for label in labels where apps.isEmpty || apps.contains(label) {
            console.print(label)
            let keys = graph.orderedKeys.filter { $0.app == label }
            if keys.isEmpty { console.print(" (no migrations)") }
            for key in keys { console.print(" " + line(key)) }
            let leaves = graph.leaves(app: label)
            if leaves.count > 1 {
                console.print(" ! conflicting latest migrations: \(leaves.map(\.name).joined(separator: ", ")); run `makemigrations --merge`")
            }
            for key in applied.keys.sorted() where key.app == label && graph.nodes[key] == nil {
                console.print(" [X] \(key.name)  (applied, but not in this binary)")
            }
        }
    }
}
