#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Loads templates from directories, searched in order (Jinja's `FileSystemLoader`): the
/// app's templates first, then those of blueprints or packages.
///
/// ```swift
/// let loader = DirectoryLoader(paths: ["templates", "Sources/Admin/templates"])
/// ```
/// Names are `/`-separated and relative; `..` segments and absolute names are rejected, so a
/// template can never reach outside these directories.
public struct DirectoryLoader: TemplateLoader {
    /// The directories, in search order.
    public let paths: [String]

    /// Creates a loader.
    /// - Parameter paths: Directories to search, first hit wins.
    public init(paths: [String]) {
        self.paths = paths
    }

    /// Reads `name` from the first directory that has it.
    public func load(_ name: String) throws -> TemplateSource? {
        let pieces = try TemplateName.segments(name)
        guard !pieces.isEmpty else { return nil }
        let relative = pieces.joined(separator: "/")
        let fm = FileManager.default
        for dir in paths {
            let path = dir.hasSuffix("/") ? dir + relative : dir + "/" + relative
            var isDirectory = false
            guard fm.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory else { continue }
            guard let data = fm.contents(atPath: path) else {
                throw TemplateError(.templateNotFound, message: "template '\(name)' could not be read from \(path)")
            }
            let mtime = DirectoryLoader.modificationTime(path)
            let source = String(decoding: data, as: UTF8.self)
            return TemplateSource(source: source, filename: path) {
                DirectoryLoader.modificationTime(path) == mtime
            }
        }
        return nil
    }

    /// The directories searched.
    public var searchPaths: [String] { paths }

    static func modificationTime(_ path: String) -> Double? {
        guard let attrs = try? FileManager.default.attributesOfItem(atPath: path),
              let date = attrs[.modificationDate] as? Date
        else { return nil }
        return date.timeIntervalSince1970
    }
}
