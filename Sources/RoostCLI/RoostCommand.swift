import ArgumentParser

/// The standalone `roost` tool: project scaffolding (`roost new`) and template rendering.
///
/// The management commands (`serve`, `routes`, `check`, `migrate`, …) are hosted by each
/// app's own binary through `App.main()`, as Django's `manage.py` is; this tool only holds
/// what makes sense outside an app.
@main
struct RoostCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "roost",
        abstract: "Roost: scaffold projects and render templates.",
        version: RoostToolVersion.current,
        subcommands: [NewCommand.self, TemplateCommand.self]
    )
}

/// The version printed by `roost --version`.
enum RoostToolVersion {
    static let current = "0.1.0"
}
