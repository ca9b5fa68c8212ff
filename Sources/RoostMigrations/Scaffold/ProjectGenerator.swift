import Foundation
import Roost

/// Writes a new project (`roost new NAME`): a runnable app with one model and its first
/// migration, users and login (RoostAuth, with its tables' migration), routes, templates with
/// blocks, a static folder, development settings with a fresh `SECRET_KEY`, a README and a
/// passing test. See ``ProjectFiles`` for the layout.
///
/// ```swift
/// let generator = try ProjectGenerator(name: "MySite", dependency: .path("/src/roost"))
/// let files = try generator.write(into: "/src/MySite")
/// ```
public struct ProjectGenerator: Sendable {
    /// The project's names.
    public let names: ScaffoldNames
    /// How it depends on Roost.
    public let dependency: RoostDependency

    /// A generator for project `name`.
    /// - Throws: ``ScaffoldError`` when `name` cannot be a Swift module name.
    public init(name: String, dependency: RoostDependency) throws(ScaffoldError) {
        self.names = try ScaffoldNames(name)
        self.dependency = dependency
    }

    /// Writes the project into `directory`, which must not exist or be empty.
    /// - Returns: The paths written, relative to `directory`.
    /// - Throws: ``ScaffoldError`` when the folder holds files; file-system errors.
    @discardableResult
    public func write(into directory: String) throws -> [String] {
        let manager = FileManager.default
        if let existing = try? manager.contentsOfDirectory(atPath: directory), !existing.isEmpty {
            throw ScaffoldError("\(directory) already exists and is not empty")
        }
        let files = ProjectFiles(names: names, dependency: dependency, secretKey: Settings.makeSecretKey()).files
        try Self.write(files, into: directory)
        return files.map(\.path)
    }

    /// Writes generated files under `root`, making their folders; `roost new` and
    /// `startapp` both write through it.
    static func write(_ files: [(path: String, text: String)], into root: String) throws {
        let manager = FileManager.default
        for file in files {
            let path = root + "/" + file.path
            try manager.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(file.text.utf8).write(to: URL(fileURLWithPath: path))
        }
    }
}
