#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension App {
    /// Serves the files under `directory` at `prefix`, Flask's `static` folder.
    ///
    /// Paths that try to leave the directory — `..`, its encoded forms, absolute paths,
    /// symlinks pointing outside — answer 404, as do directories and missing files.
    ///
    /// ```swift
    /// app.serveStatic("/static", from: "Public")   // GET /static/css/site.css
    /// ```
    /// - Parameters:
    ///   - prefix: The URL prefix.
    ///   - directory: The folder, relative to the working directory or absolute.
    ///   - name: The route name, for `urlFor("static", ["file": "css/site.css"])`.
    ///   - maxAge: `Cache-Control` max-age in seconds; `nil` makes clients revalidate.
    public func serveStatic(_ prefix: String = "/static", from directory: String, name: String = "static", maxAge: Int? = nil) {
        let root = StaticRoot(directory)
        group(prefix) { group in
            group.get("/<path:file>", name: name) { (request, file: String) in
                guard let path = try await BlockingIO.run({ root.resolve(file) }) else { throw HTTPError(.notFound) }
                return try await Response.file(at: path, for: request, maxAge: maxAge)
            }
        }
    }
}

/// A directory files are served from, and the check that a requested path stays inside it.
struct StaticRoot: Sendable {
    let directory: String

    init(_ directory: String) {
        self.directory = directory
    }

    /// The real path of `relative` inside the root, or `nil` when it does not exist or
    /// would leave the root (by `..`, an absolute path, a NUL byte or a symlink).
    func resolve(_ relative: String) -> String? {
        let components = relative.split(separator: "/", omittingEmptySubsequences: false)
        for component in components {
            if component.isEmpty || component == "." || component == ".." || component.contains("\\")
                || component.utf8.contains(0)
            {
                return nil
            }
        }
        guard let realRoot = Self.realPath(directory), let real = Self.realPath(realRoot + "/" + relative) else {
            return nil
        }
        guard real.hasPrefix(realRoot.hasSuffix("/") ? realRoot : realRoot + "/") else { return nil }
        return real
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
