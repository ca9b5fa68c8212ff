/// A filter written in Swift: receives the value left of `|` and the call's arguments.
public typealias TemplateFilter = @Sendable (TemplateValue, TemplateArguments) throws -> TemplateValue
/// A test written in Swift: receives the value left of `is` and the call's arguments.
public typealias TemplateTest = @Sendable (TemplateValue, TemplateArguments) throws -> Bool

/// What a built-in filter or test sees of the render.
struct FilterContext {
    let state: RenderState
    let autoescape: Bool
}

typealias FilterFunction = @Sendable (TemplateValue, TemplateArguments, FilterContext) throws -> TemplateValue
typealias TestFunction = @Sendable (TemplateValue, TemplateArguments, FilterContext) throws -> Bool

/// A filter held in a struct field, so calls use the closure's native convention instead of
/// going through the reabstraction thunk a closure stored directly in a collection needs.
struct FilterEntry: Sendable {
    let call: FilterFunction
}

/// A test held in a struct field (see ``FilterEntry``).
struct TestEntry: Sendable {
    let call: TestFunction
}

/// Filters by name; assigning through the non-optional subscript keeps closures native.
struct FilterTable: Sendable {
    var entries: [String: FilterEntry] = [:]

    subscript(name: String) -> FilterFunction {
        get { entries[name]!.call }
        set { entries[name] = FilterEntry(call: newValue) }
    }
}

/// Tests by name (see ``FilterTable``).
struct TestTable: Sendable {
    var entries: [String: TestEntry] = [:]

    subscript(name: String) -> TestFunction {
        get { entries[name]!.call }
        set { entries[name] = TestEntry(call: newValue) }
    }
}

/// Options of a ``TemplateEnvironment``, fixed before the environment is first used.
///
/// ```swift
/// var config = TemplateConfiguration()
/// config.undefined = .strict
/// config.registerFilter("shout") { value, _ in .string(value.printed.uppercased() + "!") }
/// let env = TemplateEnvironment(loader: DirectoryLoader(paths: ["templates"]), configuration: config)
/// ```
public struct TemplateConfiguration: Sendable {
    /// When autoescaping is on, by template name.
    public struct Autoescape: Sendable {
        let decide: @Sendable (String?) -> Bool

        /// Decides with a closure given the template name (`nil` for templates from strings).
        public init(_ decide: @escaping @Sendable (String?) -> Bool) {
            self.decide = decide
        }

        /// On for names ending in one of `extensions` (without dots, case-insensitive).
        public static func extensions(_ extensions: [String]) -> Autoescape {
            let exts = extensions.map { "." + $0.lowercased() }
            return Autoescape { name in
                guard let name = name?.lowercased() else { return false }
                return exts.contains { name.hasSuffix($0) }
            }
        }

        /// On for `.html`, `.htm` and `.xml` templates, off otherwise (the default).
        public static let htmlExtensions = extensions(["html", "htm", "xml"])
        /// Always on.
        public static let enabled = Autoescape { _ in true }
        /// Always off (Jinja's default, unsafe for HTML).
        public static let disabled = Autoescape { _ in false }
    }

    /// When to escape output. Default: ``Autoescape/htmlExtensions``.
    public var autoescape: Autoescape = .htmlExtensions
    /// Remove the first newline after a block tag (Jinja's `trim_blocks`). Default `false`.
    public var trimBlocks = false
    /// Strip spaces and tabs before a block tag at the start of a line. Default `false`.
    public var lstripBlocks = false
    /// Keep a single trailing newline of the template source. Default `false`.
    public var keepTrailingNewline = false
    /// How undefined values behave. Default ``UndefinedBehavior/lenient``.
    public var undefined: UndefinedBehavior = .lenient
    /// Recompile a template from a ``DirectoryLoader`` when its file changes (use in DEBUG).
    public var autoReload = false
    /// Safety limits.
    public var limits = TemplateLimits()
    /// The `leeway` of the `truncate` filter (Jinja's `truncate.leeway` policy). Default 5.
    public var truncateLeeway = 5

    var filters = FilterTable()
    var tests = TestTable()
    var globals: [String: TemplateValue] = [:]

    /// The default configuration.
    public init() {}

    /// Adds or replaces a filter.
    /// - Parameters:
    ///   - name: The name used after `|`.
    ///   - filter: The implementation.
    public mutating func registerFilter(_ name: String, _ filter: @escaping TemplateFilter) {
        filters[name] = { value, args, _ in try filter(value, args) }
    }

    /// Adds or replaces a test.
    /// - Parameters:
    ///   - name: The name used after `is`.
    ///   - test: The implementation.
    public mutating func registerTest(_ name: String, _ test: @escaping TemplateTest) {
        tests[name] = { value, args, _ in try test(value, args) }
    }

    /// Adds or replaces a global value visible to every template.
    /// - Parameters:
    ///   - name: The variable name.
    ///   - value: The value.
    public mutating func registerGlobal(_ name: String, _ value: TemplateValue) {
        globals[name] = value
    }

    /// Adds or replaces a global function.
    /// - Parameters:
    ///   - name: The function name.
    ///   - function: The implementation.
    public mutating func registerGlobal(_ name: String, function: @escaping @Sendable (TemplateArguments) throws -> TemplateValue) {
        globals[name] = .callable(TemplateCallable(name: name, function))
    }
}
