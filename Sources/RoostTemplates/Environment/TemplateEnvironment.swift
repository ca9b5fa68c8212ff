import Synchronization

/// The entry point: holds the configuration, the loader and the cache of compiled templates.
///
/// An environment is immutable after creation and safe to share across threads; templates are
/// compiled once (to closures) and cached, so rendering never re-reads template text.
///
/// ```swift
/// let env = TemplateEnvironment(loader: DirectoryLoader(paths: ["templates"]))
/// let html = try env.render("page.html", context: ["title": "Home"])
/// try env.render("page.html", context: page, globals: ["csrf_token": token], into: &bytes)
/// ```
///
/// ## Topics
/// ### Rendering
/// - ``render(_:context:globals:)-(_,[String:TemplateValue],_)``
/// - ``renderString(_:context:globals:)``
/// ### Templates
/// - ``template(named:)``
/// - ``template(source:name:)``
public final class TemplateEnvironment: Sendable {
    /// The configuration this environment was created with.
    public let configuration: TemplateConfiguration
    /// The loader templates are read from, if any.
    public let loader: (any TemplateLoader)?

    let filters: [String: FilterEntry]
    let tests: [String: TestEntry]
    let globals: [String: TemplateValue]
    private let cache = Mutex<[String: CacheEntry]>([:])
    /// Encoders for `Encodable` contexts, reused from render to render.
    let encodingSessions = EncodingSessionPool()
    /// Output buffers, reused from render to render.
    let outputStorage = OutputStoragePool()

    struct CacheEntry: Sendable {
        let template: CompiledTemplate
        let isUpToDate: (@Sendable () -> Bool)?
    }

    /// Creates an environment.
    /// - Parameters:
    ///   - loader: Where named templates come from; `nil` for string templates only.
    ///   - configuration: Options, filters, tests and globals.
    public init(loader: (any TemplateLoader)? = nil, configuration: TemplateConfiguration = .init()) {
        self.configuration = configuration
        self.loader = loader
        self.filters = BuiltinFilters.all.entries.merging(configuration.filters.entries) { _, custom in custom }
        self.tests = BuiltinTests.all.entries.merging(configuration.tests.entries) { _, custom in custom }
        self.globals = BuiltinGlobals.all.merging(configuration.globals) { _, custom in custom }
    }

    // MARK: Templates

    /// The compiled template `name`, from the cache or freshly loaded.
    /// - Parameter name: The template name.
    /// - Returns: The template.
    /// - Throws: ``TemplateError`` when it is missing or does not compile.
    public func template(named name: String) throws -> Template {
        Template(env: self, compiled: try compiled(named: name))
    }

    /// Compiles a template from source text (not cached).
    /// - Parameters:
    ///   - source: The template text.
    ///   - name: A name for messages and for choosing autoescaping.
    /// - Returns: The template.
    /// - Throws: ``TemplateError`` when it does not compile.
    public func template(source: String, name: String? = nil) throws -> Template {
        Template(env: self, compiled: try compile(source: source, name: name))
    }

    func compile(source: String, name: String?) throws -> CompiledTemplate {
        try Compiler.compile(source: source, name: name, env: self)
    }

    func compiled(named name: String) throws -> CompiledTemplate {
        let cached = cache.withLock { $0[name] }
        if let cached {
            if !configuration.autoReload || cached.isUpToDate?() ?? true { return cached.template }
        }
        guard let loader else {
            throw notFound(name, searched: [])
        }
        guard let source = try loader.load(name) else {
            throw notFound(name, searched: loader.searchPaths)
        }
        let compiled = try compile(source: source.source, name: name)
        cache.withLock { $0[name] = CacheEntry(template: compiled, isUpToDate: source.isUpToDate) }
        return compiled
    }

    func notFound(_ name: String, searched: [String]) -> TemplateError {
        var message = "\(PythonRepr.string(name)) not found"
        if !searched.isEmpty { message += " in search path: \(searched.map(PythonRepr.string).joined(separator: ", "))" }
        var e = TemplateError(.templateNotFound, message: message)
        e.searchedPaths = searched
        return e
    }

    /// Drops every compiled template from the cache.
    public func clearCache() {
        cache.withLock { $0.removeAll() }
    }

    // MARK: Rendering

    /// Renders the template `name` with a dictionary context.
    /// - Parameters:
    ///   - name: The template name.
    ///   - context: The variables.
    ///   - globals: Extra globals for this render only (e.g. `request`, `csrf_token`).
    /// - Returns: The output.
    /// - Throws: ``TemplateError``.
    public func render(_ name: String, context: [String: TemplateValue] = [:], globals: [String: TemplateValue] = [:]) throws -> String {
        try template(named: name).render(context, globals: globals)
    }

    /// Renders the template `name` with an `Encodable` context (a struct or dictionary).
    public func render(_ name: String, context: some Encodable, globals: [String: TemplateValue] = [:]) throws -> String {
        try template(named: name).render(context, globals: globals)
    }

    /// Renders the template `name`, appending UTF-8 bytes to `bytes` (for the web layer).
    public func render(_ name: String, context: [String: TemplateValue], globals: [String: TemplateValue] = [:], into bytes: inout [UInt8]) throws {
        try template(named: name).render(context, globals: globals, into: &bytes)
    }

    /// Renders the template `name` with an `Encodable` context, appending UTF-8 bytes to `bytes`.
    public func render(_ name: String, context: some Encodable, globals: [String: TemplateValue] = [:], into bytes: inout [UInt8]) throws {
        try template(named: name).render(context, globals: globals, into: &bytes)
    }

    /// Compiles and renders template source text.
    /// - Parameters:
    ///   - source: The template text.
    ///   - context: The variables.
    ///   - globals: Extra globals for this render.
    /// - Returns: The output.
    /// - Throws: ``TemplateError``.
    public func renderString(_ source: String, context: [String: TemplateValue] = [:], globals: [String: TemplateValue] = [:]) throws -> String {
        try template(source: source).render(context, globals: globals)
    }

    /// Renders into a pooled output buffer and hands the result to `finish`.
    func render<R>(
        _ compiled: CompiledTemplate, vars: RenderVariables, globals: [String: TemplateValue], _ finish: (OutputBuffer) -> R
    ) throws -> R {
        let state = RenderState(env: self, extraGlobals: globals)
        defer { state.finish() }
        let context = Context(state: state, parent: .root(vars), template: compiled)
        // Room for the largest output seen so far and some slack, so that escaping (which
        // reserves for the worst case) does not make the buffer grow near its end.
        let hint = compiled.outputSizeHint
        let limit = configuration.limits.maxOutputBytes
        let storage = outputStorage.take(limit: limit, capacity: min(hint + hint / 8 + 1024, max(limit, 64)))
        defer { outputStorage.give(storage) }
        var out = OutputBuffer(storage: storage)
        try compiled.renderRoot(context, into: &out)
        compiled.recordOutputSize(out.count)
        return finish(out)
    }

    func render(_ compiled: CompiledTemplate, vars: RenderVariables, globals: [String: TemplateValue]) throws -> String {
        try render(compiled, vars: vars, globals: globals) { $0.string }
    }

    func render(_ compiled: CompiledTemplate, vars: RenderVariables, globals: [String: TemplateValue], into bytes: inout [UInt8]) throws {
        try render(compiled, vars: vars, globals: globals) { bytes.append(contentsOf: $0.storage.buffer) }
    }
}

typealias EnvironmentCore = TemplateEnvironment

/// A compiled template bound to its environment.
public struct Template: Sendable {
    let env: TemplateEnvironment
    let compiled: CompiledTemplate

    /// The template's name, if it was loaded by name.
    public var name: String? { compiled.name }

    /// Renders with a dictionary context.
    /// - Parameters:
    ///   - context: The variables.
    ///   - globals: Extra globals for this render only.
    /// - Returns: The output.
    /// - Throws: ``TemplateError``.
    public func render(_ context: [String: TemplateValue] = [:], globals: [String: TemplateValue] = [:]) throws -> String {
        try env.render(compiled, vars: .swift(context), globals: globals)
    }

    /// Renders with an `Encodable` context, which must encode as a keyed container.
    public func render(_ context: some Encodable, globals: [String: TemplateValue] = [:]) throws -> String {
        try env.encodingSessions.withSession { session in
            var vars = try variables(context, session)
            let output = try env.render(compiled, vars: vars, globals: globals)
            session.recycle(&vars)
            return output
        }
    }

    /// Renders with a dictionary context, appending UTF-8 bytes to `bytes`.
    public func render(_ context: [String: TemplateValue], globals: [String: TemplateValue] = [:], into bytes: inout [UInt8]) throws {
        try env.render(compiled, vars: .swift(context), globals: globals, into: &bytes)
    }

    /// Renders with an `Encodable` context, appending UTF-8 bytes to `bytes`.
    public func render(_ context: some Encodable, globals: [String: TemplateValue] = [:], into bytes: inout [UInt8]) throws {
        try env.encodingSessions.withSession { session in
            var vars = try variables(context, session)
            try env.render(compiled, vars: vars, globals: globals, into: &bytes)
            session.recycle(&vars)
        }
    }

    /// The encoded context; its dicts go back to `session` once the render is over.
    func variables<T: Encodable>(_ context: T, _ session: EncodingSession) throws -> RenderVariables {
        if T.self == [String: TemplateValue].self { return .swift(unsafeBitCast(context, to: [String: TemplateValue].self)) }
        let value = try session.encode(context)
        switch value {
        case .dict(let d): return .dict(d)
        case .none: return .swift([:])
        default: throw TemplateError.type("the render context must encode as a keyed container (a struct or dictionary), not \(value.typeName)")
        }
    }
}
