/// Where templates come from. A loader maps a template name (`"pages/home.html"`) to its
/// source, or says it does not have it.
public protocol TemplateLoader: Sendable {
    /// Loads the template `name`.
    /// - Parameter name: The template name, `/`-separated, already checked to contain no
    ///   `..` segment and not to be absolute.
    /// - Returns: The source, or `nil` when this loader does not have the template.
    /// - Throws: When the template exists but cannot be read.
    func load(_ name: String) throws -> TemplateSource?

    /// The places this loader looks in, listed in "template not found" errors.
    var searchPaths: [String] { get }
}

/// A template's source text as a loader found it.
public struct TemplateSource: Sendable {
    /// The template text.
    public var source: String
    /// The file it was read from, if any.
    public var filename: String?
    /// Returns `false` once the source has changed; used with
    /// ``TemplateConfiguration/autoReload``. `nil` means "never changes".
    public var isUpToDate: (@Sendable () -> Bool)?

    /// Creates a source.
    /// - Parameters:
    ///   - source: The template text.
    ///   - filename: The file it came from.
    ///   - isUpToDate: A check that the source has not changed.
    public init(source: String, filename: String? = nil, isUpToDate: (@Sendable () -> Bool)? = nil) {
        self.source = source
        self.filename = filename
        self.isUpToDate = isUpToDate
    }
}

/// Template name checks shared by all loaders.
enum TemplateName {
    /// Splits `name` into path segments, rejecting `..`, absolute paths and backslashes.
    static func segments(_ name: String) throws -> [String] {
        if name.hasPrefix("/") || name.contains("\\") || name.contains("\0") {
            throw TemplateError(.templateNotFound, message: "invalid template name '\(name)': absolute paths and backslashes are not allowed")
        }
        var pieces: [String] = []
        for piece in name.split(separator: "/", omittingEmptySubsequences: true) {
            if piece == ".." {
                throw TemplateError(.templateNotFound, message: "invalid template name '\(name)': '..' segments are not allowed")
            }
            if piece != "." { pieces.append(String(piece)) }
        }
        return pieces
    }
}

/// Templates held in memory, keyed by name (Jinja's `DictLoader`).
public struct DictionaryLoader: TemplateLoader {
    /// The templates by name.
    public let templates: [String: String]

    /// Creates a loader over `templates`.
    /// - Parameter templates: Sources keyed by template name.
    public init(_ templates: [String: String]) {
        self.templates = templates
    }

    /// Returns the source stored under `name`.
    public func load(_ name: String) throws -> TemplateSource? {
        templates[name].map { TemplateSource(source: $0) }
    }

    /// A dictionary loader searches no files.
    public var searchPaths: [String] { [] }
}

/// Asks several loaders in order; the first that has the template wins (Jinja's `ChoiceLoader`).
public struct ChainLoader: TemplateLoader {
    /// The loaders, in search order.
    public let loaders: [any TemplateLoader]

    /// Creates a chain.
    /// - Parameter loaders: The loaders in search order.
    public init(_ loaders: [any TemplateLoader]) {
        self.loaders = loaders
    }

    /// Returns the first source any loader has.
    public func load(_ name: String) throws -> TemplateSource? {
        for loader in loaders {
            if let s = try loader.load(name) { return s }
        }
        return nil
    }

    /// All loaders' search paths, in order.
    public var searchPaths: [String] { loaders.flatMap(\.searchPaths) }
}
