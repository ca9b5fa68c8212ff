/// Jinja's `Context`: the variables a template's root and blocks resolve names in.
///
/// Confined to one render on one thread like ``Frame`` (hence `@unchecked Sendable`).
final class Context: @unchecked Sendable {
    enum Parent {
        /// A top-level render: the render variables, then the globals.
        case root(RenderVariables)
        /// An include or import with context: captured locals, then the outer context.
        case derived(Context, [String: TemplateValue])
        /// An import without context: globals only.
        case globalsOnly
    }

    let state: RenderState
    let parent: Parent
    var vars: [String: TemplateValue] = [:]
    var exported: [String] = []
    var blocks: [String: [BlockCode]] = [:]
    @exclusivity(unchecked) var parentTemplate: CompiledTemplate?
    let template: CompiledTemplate

    init(state: RenderState, parent: Parent, template: CompiledTemplate) {
        self.state = state
        self.parent = parent
        self.template = template
        for (name, block) in template.blocks { blocks[name] = [block] }
    }

    /// Resolves a name: template assignments, then the parent chain, then the globals.
    func resolve(_ name: String) -> TemplateValue? {
        if !vars.isEmpty, let v = vars[name] { return v }
        switch parent {
        case .root(let renderVars):
            if let v = renderVars[name] { return v }
            return state.global(name)
        case .derived(let outer, let locals):
            if let v = locals[name] { return v }
            return outer.resolve(name)
        case .globalsOnly:
            return state.global(name)
        }
    }

    /// Records a top-level assignment (Jinja writes these into `context.vars` and exports
    /// names not starting with `_`).
    @inline(__always)
    func setTopLevel(_ name: String, _ value: TemplateValue) {
        if vars.updateValue(value, forKey: name) == nil, !name.hasPrefix("_") {
            exported.append(name)
        }
    }

    /// A derived context for scoped blocks and includes (Jinja's `derived`/`get_all`).
    func derived(locals: [String: TemplateValue], template: CompiledTemplate) -> Context {
        Context(state: state, parent: .derived(self, locals), template: template)
    }
}

/// The variables a render was given.
enum RenderVariables {
    case dict(TemplateDict)
    case swift([String: TemplateValue])

    @inline(__always)
    subscript(name: String) -> TemplateValue? {
        switch self {
        case .dict(let d): return d[name]
        case .swift(let s): return s[name]
        }
    }
}
