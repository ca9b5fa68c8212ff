/// The names a scaffolded project or app derives from the name the user typed: `MySite`
/// gives the module `MySite`, the app label `my_site`, the migrations enum
/// `MySiteMigrations` and the title `My Site`.
///
/// ```swift
/// let names = try ScaffoldNames("MySite")
/// names.label       // "my_site"
/// names.namespace   // "MySiteMigrations"
/// ```
public struct ScaffoldNames: Sendable, Hashable {
    /// The module (and package, and executable) name.
    public let module: String

    /// Checks that `name` can be a Swift module name: a letter, then letters, digits or `_`.
    /// - Throws: ``ScaffoldError`` for anything else.
    public init(_ name: String) throws(ScaffoldError) {
        guard let first = name.first, first.isASCII, first.isLetter,
            name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") })
        else {
            throw ScaffoldError("'\(name)' is not a valid name: use a letter, then letters, digits or underscores (e.g. MySite)")
        }
        self.module = name.prefix(1).uppercased() + name.dropFirst()
    }

    /// The app label migrations record: the name in snake_case.
    public var label: String { SnakeCase.convert(module) }

    /// The enum `Migrations.swift` defines.
    public var namespace: String { MigrationApp.namespace(for: label) }

    /// The name in words, for page titles.
    public var title: String {
        label.split(separator: "_").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ")
    }
}

/// A project or app that cannot be scaffolded (a bad name, a folder that is not empty).
public struct ScaffoldError: Error, Sendable, CustomStringConvertible {
    /// What is wrong.
    public let description: String

    /// Creates an error.
    public init(_ description: String) {
        self.description = description
    }
}

/// How a scaffolded project depends on Roost.
///
/// ```swift
/// RoostDependency.path("../roost")                          // a local checkout
/// RoostDependency.url("https://example.com/roost.git", from: "0.1.0")
/// ```
public enum RoostDependency: Sendable, Hashable {
    /// A local checkout of Roost.
    case path(String)
    /// A released version from a Git URL.
    case url(String, from: String)

    /// The `.package(…)` line.
    var declaration: String {
        switch self {
        case .path(let path): ".package(path: \(MigrationSerializer.literal(path)))"
        case .url(let url, let version): ".package(url: \(MigrationSerializer.literal(url)), from: \(MigrationSerializer.literal(version)))"
        }
    }

    /// The package identity SwiftPM gives it: the last path component, lowercased, without
    /// `.git`.
    var identity: String {
        let location: String
        switch self {
        case .path(let path): location = path
        case .url(let url, _): location = url
        }
        var last = location.split(separator: "/").last.map(String.init) ?? "roost"
        if last.hasSuffix(".git") { last.removeLast(4) }
        return last.lowercased()
    }

    /// `.product(name: "Roost", package: "roost")`.
    func product(_ name: String) -> String {
        ".product(name: \(MigrationSerializer.literal(name)), package: \(MigrationSerializer.literal(identity)))"
    }
}
