import ArgumentParser
import Foundation
import Roost

/// `makemigrations [APP…]`: compares the models with the state the migrations build and
/// writes the migrations that bring them in line.
struct MakeMigrationsCommand: AppCommand {
    static let configuration = CommandConfiguration(
        commandName: "makemigrations",
        abstract: "Write new migrations for model changes.",
        discussion: """
            Renames are never guessed: confirm them when asked, or pass --rename-field \
            Post.body:content / --rename-model Entry:Post. A new non-nullable field needs a \
            value for existing rows: the model's default, an answer, or --default \
            Post.slug=untitled. Type changes that can lose data need --allow-lossy. After \
            writing, rebuild the app so it compiles the new migrations, then run `migrate`.
            """
    )

    @Argument(help: "Apps to look at (all when omitted).")
    var apps: [String] = []

    @Option(help: "The migration's name, after its number.")
    var name: String?

    @Flag(help: "Write an empty migration (a RunSwift skeleton) for a data migration.")
    var empty = false

    @Flag(help: "Write a merge migration for apps with conflicting latest migrations.")
    var merge = false

    @Flag(help: "Exit with a non-zero status if the models have changes no migration covers; write nothing.")
    var check = false

    @Flag(help: "Show what would be written without writing it.")
    var dryRun = false

    @Option(name: .customLong("rename-model"), help: "A model rename, Old:New (repeatable).")
    var modelRenames: [String] = []

    @Option(name: .customLong("rename-field"), help: "A field rename, Model.old:new (repeatable).")
    var fieldRenames: [String] = []

    @Option(name: .customLong("default"), help: "The value existing rows get, Model.field=value (repeatable).")
    var defaults: [String] = []

    @Flag(help: "Allow type changes that can lose data.")
    var allowLossy = false

    @Flag(help: "Never ask questions; fail when an answer is needed.")
    var noInput = false

    func run(app root: App) async throws {
        let console = root.console
        let interactive = !noInput && !check && isatty(0) != 0
        var ask: (@Sendable (String) -> String?)?
        if interactive {
            ask = { question in
                console.write(question)
                return readLine()?.trimmingCharacters(in: .whitespaces)
            }
        }
        let answers = MakeMigrationsAnswers(
            modelRenames: modelRenames, fieldRenames: fieldRenames, defaults: defaults, allowLossy: allowLossy, ask: ask
        )
        let maker = MigrationMaker(
            loader: try root.migrationLoader(), apps: apps, name: name, answers: answers, console: console, dryRun: dryRun
        )
        if merge {
            try maker.writeMerges()
        } else if empty {
            try maker.writeEmpty()
        } else if check {
            if try maker.check() { throw ExitCode(1) }
        } else {
            try maker.writeChanges()
        }
    }
}
