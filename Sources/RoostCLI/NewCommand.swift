import ArgumentParser
import Foundation
import RoostMigrations

/// `roost new NAME [--path DIR]`: scaffolds a runnable project.
struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Create a new Roost project: an app with a model and its migration, routes, templates and a test.",
        discussion: """
            The project depends on Roost by path to the checkout this tool was built from, \
            unless --roost-path or --roost-url say otherwise. Then: \
            cd NAME && swift run NAME migrate && swift run NAME
            """
    )

    @Argument(help: "The project name: a letter, then letters, digits or underscores (e.g. MySite).")
    var name: String

    @Option(help: "The folder to create the project in (default: ./NAME).")
    var path: String?

    @Option(help: "Depend on the Roost checkout at this path.")
    var roostPath: String?

    @Option(help: "Depend on Roost from this Git URL (with --roost-version).")
    var roostURL: String?

    @Option(help: "The lowest Roost version to accept with --roost-url.")
    var roostVersion = RoostToolVersion.current

    func run() throws {
        let dependency: RoostDependency
        if let roostURL {
            dependency = .url(roostURL, from: roostVersion)
        } else {
            dependency = .path(roostPath.map(Self.absolute) ?? Self.checkout)
        }
        let generator = try ProjectGenerator(name: name, dependency: dependency)
        let folder = Self.absolute(path ?? generator.names.module)
        let files = try generator.write(into: folder)
        print("Created \(generator.names.module) in \(folder) (\(files.count) files). Next:\n")
        print("  cd \(path ?? generator.names.module)")
        print("  swift run \(generator.names.module) migrate")
        print("  swift run \(generator.names.module) createsuperuser   # a user to log in with")
        print("  swift run \(generator.names.module)                   # http://127.0.0.1:8000")
    }

    /// The Roost checkout this tool was built from.
    static var checkout: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    }

    static func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    }
}
