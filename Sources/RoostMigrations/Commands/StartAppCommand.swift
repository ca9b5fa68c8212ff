import ArgumentParser
import Foundation
import Roost

/// `startapp NAME`: a new app module with a model and its first migration, routes, a
/// template and a test; added to `Package.swift` when the project was made by `roost new`.
struct StartAppCommand: AppCommand {
    static let configuration = CommandConfiguration(
        commandName: "startapp",
        abstract: "Create an app module: a model and its migration, routes, a template and a test."
    )

    @Argument(help: "The module name, e.g. Blog.")
    var name: String

    @Option(help: "The project folder (the one holding Package.swift).")
    var root: String = "."

    func run(app: App) async throws {
        let report = try AppGenerator(name: name).write(into: root)
        let console = app.console
        for file in report.files { console.print("  created \(file)") }
        let module = report.names.module
        if report.packageUpdated {
            console.print("Added the \(module) and \(module)Tests targets to Package.swift.")
        } else {
            console.print("Add these targets to Package.swift, and \"\(module)\" to your app target's dependencies:\n" + report.targets)
        }
        console.print("""
            Then in your configure function:
                app.useMigrations(…, \(module).migrations)
                app.register(\(module).blueprint, at: "/\(report.names.label)")
            and rebuild: `swift build`, then `migrate`.
            """)
    }
}

/// Writes an app module and, when `Package.swift` has the markers `roost new` puts there,
/// adds its targets.
struct AppGenerator {
    let names: ScaffoldNames

    struct Report {
        let names: ScaffoldNames
        let files: [String]
        let packageUpdated: Bool
        let targets: String
    }

    init(name: String) throws {
        names = try ScaffoldNames(name)
    }

    func write(into root: String) throws -> Report {
        let manager = FileManager.default
        let folder = root + "/Sources/" + names.module
        if manager.fileExists(atPath: folder) {
            throw ScaffoldError("\(folder) already exists")
        }
        let files = AppFiles(names: names)
        try ProjectGenerator.write(files.files, into: root)
        let manifestPath = root + "/Package.swift"
        let manifest = (try? String(contentsOfFile: manifestPath, encoding: .utf8)) ?? ""
        let identity = Self.roostIdentity(in: manifest)
        guard let updated = Self.insert(module: names.module, targets: { files.targets(dependency: identity, indent: $0) }, into: manifest) else {
            return Report(names: names, files: files.files.map(\.path), packageUpdated: false, targets: files.targets(dependency: identity, indent: "        "))
        }
        try Data(updated.utf8).write(to: URL(fileURLWithPath: manifestPath))
        return Report(names: names, files: files.files.map(\.path), packageUpdated: true, targets: "")
    }

    /// The identity of the package providing Roost's products in a manifest.
    static func roostIdentity(in manifest: String) -> String {
        guard let range = manifest.range(of: #".product(name: "Roost", package: ""#) else { return "roost" }
        return String(manifest[range.upperBound...].prefix { $0 != "\"" })
    }

    /// The manifest with the module added before `roost new`'s markers, or `nil` without them.
    static func insert(module: String, targets: (String) -> String, into manifest: String) -> String? {
        var lines = manifest.components(separatedBy: "\n")
        guard let dependencyLine = lines.firstIndex(where: { $0.hasSuffix(ProjectFiles.dependencyMarker) }),
            let targetLine = lines.firstIndex(where: { $0.hasSuffix(ProjectFiles.targetMarker) }),
            dependencyLine < targetLine
        else { return nil }
        let targetIndent = String(lines[targetLine].prefix { $0 == " " })
        lines.insert(contentsOf: targets(targetIndent).components(separatedBy: "\n").dropLast(), at: targetLine)
        let dependencyIndent = String(lines[dependencyLine].prefix { $0 == " " })
        lines.insert(dependencyIndent + "\"\(module)\",", at: dependencyLine)
        return lines.joined(separator: "\n")
    }
}
