import Foundation
import Roost
import RoostDatabase

/// What `makemigrations` does, apart from parsing its arguments.
struct MigrationMaker {
    let loader: MigrationLoader
    /// The apps to look at; all registered ones when empty.
    let apps: [String]
    let name: String?
    let answers: MakeMigrationsAnswers
    let console: Console
    let dryRun: Bool

    var selectedApps: [MigrationApp] {
        apps.isEmpty ? loader.apps : loader.apps.filter { apps.contains($0.label) }
    }

    /// The changes the models make, as new migrations.
    func detect(questioner: any MigrationQuestioner) throws -> (migrations: [Migration], notes: [String]) {
        for label in apps where loader.app(label) == nil {
            throw MigrationError(.unknownMigration, "no app '\(label)' is registered; known apps: \(loader.apps.map(\.label).joined(separator: ", "))")
        }
        let conflicts = loader.graph.conflicts.filter { conflict in selectedApps.contains { $0.label == conflict.key } }
        if !conflicts.isEmpty { throw MigrationGraph.conflictError(conflicts) }
        try checkFilesAreCompiled()
        let from = try loader.finalState()
        var to = try loader.modelState()
        if !apps.isEmpty {
            // Apps not asked about keep the state their migrations build.
            let chosen = to.models.values.filter { apps.contains($0.app) }
            let kept = from.models.values.filter { model in !apps.contains(model.app) && !chosen.contains { $0.name == model.name } }
            to = ProjectState(models: Array(chosen) + kept)
        }
        let changes = try Autodetector(from: from, to: to, defaults: loader.modelDefaults(), questioner: questioner).changes()
        return (try changes.migrations(after: loader.graph, state: to, name: name), changes.notes)
    }

    /// `--check`: reports whether migrations are missing.
    /// - Returns: `true` when the models have changes no migration covers.
    func check() throws -> Bool {
        let (migrations, _) = try detect(questioner: CheckQuestioner())
        if migrations.isEmpty {
            console.print("No changes detected.")
            return false
        }
        console.print("The models have changes that no migration covers:")
        for migration in migrations { describe(migration, path: nil) }
        console.print("Run `makemigrations` to write them.")
        return true
    }

    func writeChanges() throws {
        let (migrations, notes) = try detect(questioner: answers)
        for note in notes { console.print("Note: " + note) }
        if migrations.isEmpty {
            console.print("No changes detected" + (apps.isEmpty ? "." : " in \(apps.joined(separator: ", ")).") )
            return
        }
        for migration in migrations {
            guard let app = loader.app(migration.app) else { continue }
            let writer = MigrationWriter(directory: app.directory)
            console.print("Migrations for '\(migration.app)':")
            describe(migration, path: writer.path(of: migration.name))
            if dryRun {
                console.write(MigrationWriter.source(of: migration, namespace: app.namespace))
            } else {
                try writer.write(migration)
            }
        }
        if !dryRun {
            console.print("Rebuild the app (`swift build`) so it compiles the new migrations, then run `migrate`.")
        }
    }

    /// `--empty`: a migration skeleton for code of your own.
    func writeEmpty() throws {
        let candidates = selectedApps
        guard candidates.count == 1, let app = candidates.first else {
            throw MigrationError(.unknownMigration, "name the app for the empty migration: `makemigrations --empty APP`")
        }
        try checkFilesAreCompiled()
        let number = loader.graph.nextNumber(app: app.label)
        let migrationName = MigrationNaming.number(number) + "_" + (name.map(MigrationNaming.sanitize) ?? "custom")
        let text = MigrationWriter.emptySource(
            app: app.label, name: migrationName, dependencies: loader.graph.leaves(app: app.label), namespace: app.namespace
        )
        let writer = MigrationWriter(directory: app.directory)
        console.print("Migrations for '\(app.label)':\n  \(display(writer.path(of: migrationName)))\n    - an empty migration to fill in")
        if dryRun {
            console.write(text)
        } else {
            try writer.write(source: text, name: migrationName, app: app.label)
            console.print("Fill it in, rebuild the app, then run `migrate`.")
        }
    }

    func describe(_ migration: Migration, path: String?) {
        if let path { console.print("  " + display(path)) } else { console.print("  \(migration.key)") }
        for operation in migration.operations {
            console.print("    - " + operation.summary + (((operation as? AlterField)?.lossy ?? false) ? " (can lose data)" : ""))
        }
    }

    /// Stops when the migrations folder holds files this binary does not contain: the state
    /// would be built from stale migrations.
    func checkFilesAreCompiled() throws {
        for app in selectedApps {
            guard FileManager.default.fileExists(atPath: app.directory) else { continue }
            let compiled = Set(app.migrations.map(\.name))
            let onDisk = MigrationWriter(directory: app.directory).migrationNames()
            let missing = onDisk.filter { !compiled.contains($0) }
            if !missing.isEmpty {
                throw MigrationError(
                    .outdatedBinary,
                    "\(display(app.directory)) holds migrations this binary does not contain: \(missing.joined(separator: ", ")). Rebuild the app (`swift build`) — and check that Migrations.swift lists them and that \(app.namespace).all is registered — then run makemigrations again."
                )
            }
        }
    }

    /// A path relative to the working directory when it is inside it.
    func display(_ path: String) -> String {
        let base = FileManager.default.currentDirectoryPath + "/"
        return path.hasPrefix(base) ? String(path.dropFirst(base.count)) : path
    }
}

/// Answers for `--check`: nothing is a rename, every value is a placeholder, every change is
/// allowed — only whether changes exist matters.
struct CheckQuestioner: MigrationQuestioner {
    func isRename(model old: ModelState, to new: ModelState) -> Bool { false }
    func isRename(field old: FieldSpec, to new: FieldSpec, model: String) -> Bool { false }
    func defaultValue(for field: FieldSpec, model: String, becomingNonNullable: Bool) throws -> DatabaseValue? {
        TypeChange.placeholder(for: field.type)
    }
    func allowsLossyChange(from old: FieldSpec, to new: FieldSpec, model: String) -> Bool { true }
}
