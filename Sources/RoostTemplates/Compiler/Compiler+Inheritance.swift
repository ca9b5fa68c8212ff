extension Compiler {
    /// Captured local variables for includes, imports with context and scoped blocks
    /// (Jinja's `dump_local_context`).
    func localsCapture() -> @Sendable (Frame) -> [String: TemplateValue] {
        let refs = symbols.dumpStores().map { ($0.0, access($0.1)) }
        if refs.isEmpty { return { _ in [:] } }
        return { frame in
            var out: [String: TemplateValue] = [:]
            out.reserveCapacity(refs.count)
            for (name, (d, s)) in refs {
                let v = d == 0 ? frame[s] : frame.ancestor(d)[s]
                if case .undefined(let u) = v, u.isMissing { continue }
                out[name] = v
            }
            return out
        }
    }

    func compileBlock(_ name: String, _ body: [Stmt], scoped: Bool, required: Bool, line: Int) throws -> Exec {
        if blocks[name] != nil || reservedBlockNames.contains(name) {
            throw fail("block '\(name)' defined twice", line: line)
        }
        reservedBlockNames.insert(name)
        let function = FunctionScope(parent: nil)
        let syms = Symbols(parent: nil, function: function)
        let undeclared = UndeclaredNames.find(body, ["self", "super"])
        let selfSlot = undeclared.contains("self") ? syms.declareParameter("self").slot : nil
        let superSlot = undeclared.contains("super") ? syms.declareParameter("super").slot : nil
        var visitor = SymbolVisitor(symbols: syms)
        visitor.visit(body)
        let savedRoot = inRoot
        inRoot = false
        let code: FunctionCode = try withScope(syms) {
            defer { inRoot = savedRoot }
            let inits = initializers(syms)
            let exec = try compileBody(body)
            return FunctionCode(slotCount: function.slotCount) { out, frame in
                for i in inits { i.apply(frame) }
                try exec(&out, frame)
            }
        }
        blocks[name] = BlockCode(name: name, code: code, required: required, templateName: self.name, selfSlot: selfSlot, superSlot: superSlot)
        let guardOutput = toplevel && hasExtends
        let locals: (@Sendable (Frame) -> [String: TemplateValue])? = scoped ? localsCapture() : nil
        return { out, frame in
            let context = frame.context
            if guardOutput && context.parentTemplate != nil { return }
            guard let block = context.blocks[name]?.first else { return }
            if let locals {
                let derived = Context(state: context.state, parent: .derived(context, locals(frame)), template: context.template)
                derived.blocks = context.blocks
                try block.render(derived, into: &out)
            } else {
                try block.render(context, into: &out)
            }
        }
    }

    func compileExtends(_ e: Expr, line: Int) throws -> Exec {
        if !toplevel {
            throw fail("cannot use extend from a non top-level scope", line: line)
        }
        let nameEval = try compileExpr(e)
        return { _, frame in
            let context = frame.context
            if context.parentTemplate != nil {
                throw TemplateError.runtime("extended multiple times")
            }
            let parent = try Compiler.loadTemplate(nameEval(frame), frame.state)
            context.parentTemplate = parent
            for (name, block) in parent.blocks { context.blocks[name, default: []].append(block) }
        }
    }

    static func templateName(_ v: TemplateValue) throws -> String {
        switch v {
        case .string(let s), .markup(let s): return s
        case .undefined(let u): throw TemplateError.undefined(u.message)
        default: throw TemplateError.type("template name must be a string, not \(v.typeName)")
        }
    }

    static func loadTemplate(_ v: TemplateValue, _ state: RenderState) throws -> CompiledTemplate {
        try state.env.compiled(named: templateName(v))
    }

    func compileInclude(_ e: Expr, ignoreMissing: Bool, withContext: Bool) throws -> Exec {
        let nameEval = try compileExpr(e)
        let locals = withContext ? localsCapture() : nil
        let guardOutput = inRoot && hasExtends
        return { out, frame in
            let state = frame.state
            if guardOutput && frame.context.parentTemplate != nil { return }
            let v = try nameEval(frame)
            let names: [TemplateValue]
            if case .list(let items) = v { names = items } else if case .tuple(let items) = v { names = items } else { names = [v] }
            var found: CompiledTemplate?
            for n in names {
                do {
                    found = try Compiler.loadTemplate(n, state)
                    break
                } catch let error as TemplateError where error.code == .templateNotFound {
                    if names.count == 1 && !ignoreMissing { throw error }
                }
            }
            guard let template = found else {
                if ignoreMissing { return }
                let list = try names.map { try Compiler.templateName($0) }.joined(separator: ", ")
                throw TemplateError(.templateNotFound, message: "none of the templates given were found: \(list)")
            }
            try state.enter()
            defer { state.leave() }
            let context: Context
            if let locals {
                context = Context(state: state, parent: .derived(frame.context, locals(frame)), template: template)
            } else {
                context = Context(state: state, parent: .globalsOnly, template: template)
            }
            try template.renderRoot(context, into: &out)
        }
    }

    /// Builds the module object for `{% import %}` and `{% from … import %}`.
    static func module(
        _ nameValue: TemplateValue, locals: [String: TemplateValue]?, frame: Frame
    ) throws -> TemplateModule {
        let state = frame.state
        let name = try templateName(nameValue)
        if locals == nil, case .object(let o)? = state.moduleCache[name], let m = o.asModule {
            return m
        }
        let template = try state.env.compiled(named: name)
        try state.enter()
        defer { state.leave() }
        let context: Context
        if let locals {
            context = Context(state: state, parent: .derived(frame.context, locals), template: template)
        } else {
            context = Context(state: state, parent: .globalsOnly, template: template)
        }
        var out = OutputBuffer(limit: state.limits.maxOutputBytes)
        try template.renderRoot(context, into: &out)
        var exports: [String: TemplateValue] = [:]
        for n in context.exported { exports[n] = context.vars[n] }
        let module = TemplateModule(templateName: name, exports: exports, body: out.string, autoescape: template.autoescape)
        if locals == nil { state.moduleCache[name] = .object(module) }
        return module
    }

    func compileImport(_ e: Expr, target: String, withContext: Bool) throws -> Exec {
        let nameEval = try compileExpr(e)
        let locals = withContext ? localsCapture() : nil
        let assign = try assigner(Expr(.name(target), line: e.line, column: 0))
        return { _, frame in
            let module = try Compiler.module(nameEval(frame), locals: locals?(frame), frame: frame)
            try assign(frame, .object(module))
        }
    }

    func compileFromImport(_ e: Expr, names: [(String, String)], withContext: Bool, line: Int) throws -> Exec {
        let nameEval = try compileExpr(e)
        let locals = withContext ? localsCapture() : nil
        let assigns = try names.map { ($0.0, try assigner(Expr(.name($0.1), line: line, column: 0))) }
        let importerName = self.name
        return { _, frame in
            let nameValue = try nameEval(frame)
            let module = try Compiler.module(nameValue, locals: locals?(frame), frame: frame)
            for (name, assign) in assigns {
                if let v = module.exports[name] {
                    try assign(frame, v)
                } else {
                    let t = PythonRepr.string(module.templateName ?? "")
                    let importer = importerName.map { " in \(PythonRepr.string($0))" } ?? ""
                    try assign(frame, .undefined(hint: "the template \(t) (imported on line \(line)\(importer)) does not export the requested name \(PythonRepr.string(name))"))
                }
            }
        }
    }
}
