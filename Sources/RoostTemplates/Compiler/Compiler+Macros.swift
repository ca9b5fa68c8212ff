extension Compiler {
    /// Compiles a macro or call-block body into a ``Macro/Code``.
    func compileMacroCode(name: String, params: Params, body: [Stmt], line: Int) throws -> Macro.Code {
        let function = FunctionScope(parent: symbols.function)
        let syms = Symbols(parent: symbols, function: function)
        let undeclared = UndeclaredNames.find(body, ["caller", "kwargs", "varargs"])
        let paramRefs = params.names.map { syms.declareParameter($0) }
        var visitor = SymbolVisitor(symbols: syms)
        for d in params.defaults { visitor.visit(d) }
        visitor.visit(body)
        var callerSlot: Int?
        if undeclared.contains("caller") && !params.names.contains("caller") {
            callerSlot = syms.declareParameter("caller").slot
        }
        let varargsSlot = undeclared.contains("varargs") ? syms.declareParameter("varargs").slot : nil
        let kwargsSlot = undeclared.contains("kwargs") ? syms.declareParameter("kwargs").slot : nil
        let savedRoot = inRoot
        inRoot = false
        defer { inRoot = savedRoot }
        return try withScope(syms) {
            let inits = initializers(syms)
            let defaults = try params.defaults.map(compileExpr)
            let bodyExec = try compileBody(body)
            let paramSlots = paramRefs.map(\.slot)
            let firstDefault = params.names.count - params.defaults.count
            let hints = params.names.map { UndefinedValue(.hint("parameter '\($0)' was not provided")) }
            let exec: Exec = { out, frame in
                for i in inits { i.apply(frame) }
                for (i, slot) in paramSlots.enumerated() {
                    if case .undefined(let u) = frame[slot], u === Macro.missingArgument {
                        frame[slot] = i >= firstDefault ? try defaults[i - firstDefault](frame) : .undefined(hints[i])
                    }
                }
                try bodyExec(&out, frame)
            }
            // Every parameter given: no defaults to fill in.
            let complete: Exec
            if inits.isEmpty {
                complete = bodyExec
            } else {
                complete = { out, frame in
                    for i in inits { i.apply(frame) }
                    try bodyExec(&out, frame)
                }
            }
            return Macro.Code(
                name: name, params: params.names, paramSlots: paramSlots, defaults: defaults,
                callerSlot: callerSlot, varargsSlot: varargsSlot, kwargsSlot: kwargsSlot,
                body: FunctionCode(slotCount: function.slotCount, body: exec),
                completeBody: complete, autoescape: autoescape)
        }
    }

    func compileMacro(_ name: String, _ params: Params, _ body: [Stmt], line: Int) throws -> Exec {
        let code = try compileMacroCode(name: name, params: params, body: body, line: line)
        let assign = try assigner(Expr(.name(name), line: line, column: 0))
        return { _, frame in
            let macro = Macro(code: code, frame: frame)
            frame.state.definedMacros.append(macro)
            try assign(frame, .callable(TemplateCallable(macro: macro)))
        }
    }

    func compileCallBlock(_ call: Expr, _ params: Params, _ body: [Stmt], line: Int) throws -> Exec {
        guard case .call(let callee, let args) = call.kind else {
            throw fail("expected call", line: line, code: .syntax)
        }
        let code = try compileMacroCode(name: "caller", params: params, body: body, line: line)
        let argsEval = try compileArgs(args)
        var method: (Eval, String)?
        var calleeEval: Eval?
        if case .getattr(let obj, let name) = callee.kind {
            method = (try compileExpr(obj), name)
        } else {
            calleeEval = try compileExpr(callee)
        }
        let guardOutput = inRoot && hasExtends
        return { [method, calleeEval] out, frame in
            if guardOutput && frame.context.parentTemplate != nil { return }
            let state = frame.state
            let fn: TemplateValue
            if let (obj, name) = method {
                fn = try state.getattr(obj(frame), name)
            } else {
                fn = try calleeEval!(frame)
            }
            var a = try argsEval(frame)
            a.keywords.append(("caller", .callable(TemplateCallable(macro: Macro(code: code, frame: frame)))))
            let result = try state.call(fn, a)
            try out.write(try state.str(result))
        }
    }

    /// Applies `{% filter %}` / block-`set` filter chains to a value.
    func compileFilterChain(_ filters: [Expr]) throws -> [@Sendable (TemplateValue, Frame) throws -> TemplateValue] {
        try filters.map { f in
            guard case .filter(_, let name, let args) = f.kind else { throw fail("expected filter", line: f.line) }
            guard let fn = env.filters[name]?.call else {
                if conditionalDepth > 0 {
                    return { _, _ in throw TemplateError.runtime("No filter named '\(name)' found.") }
                }
                throw fail("No filter named '\(name)'.", line: f.line)
            }
            let a = try compileArgs(args)
            let escape = autoescape
            return { value, frame in try fn(value, a(frame), FilterContext(state: frame.state, autoescape: escape)) }
        }
    }

    func compileFilterBlock(_ filters: [Expr], _ body: [Stmt]) throws -> Exec {
        let inner = Symbols(parent: symbols, function: symbols.function)
        var visitor = SymbolVisitor(symbols: inner)
        for f in filters { visitor.visit(f) }
        visitor.visit(body)
        let guardOutput = inRoot && hasExtends
        return try withScope(inner) {
            let inits = initializers(inner)
            let exec = try compileBody(body)
            let chain = try compileFilterChain(filters)
            let escape = autoescape
            return { out, frame in
                if guardOutput && frame.context.parentTemplate != nil { return }
                for i in inits { i.apply(frame) }
                var sub = OutputBuffer(limit: out.limit)
                try exec(&sub, frame)
                var value: TemplateValue = escape ? .markup(sub.string) : .string(sub.string)
                for f in chain { value = try f(value, frame) }
                try out.write(try frame.state.str(value))
            }
        }
    }

    func compileSetBlock(_ target: Expr, _ filters: [Expr], _ body: [Stmt]) throws -> Exec {
        let assign = try assigner(target)
        let inner = Symbols(parent: symbols, function: symbols.function)
        var visitor = SymbolVisitor(symbols: inner)
        visitor.visit(body)
        for f in filters { visitor.visit(f) }
        let savedRoot = inRoot
        inRoot = false
        defer { inRoot = savedRoot }
        return try withScope(inner) {
            let inits = initializers(inner)
            let exec = try compileBody(body)
            let chain = try compileFilterChain(filters)
            let escape = autoescape
            return { _, frame in
                for i in inits { i.apply(frame) }
                var sub = OutputBuffer(limit: frame.state.limits.maxOutputBytes)
                try exec(&sub, frame)
                var value: TemplateValue = escape ? .markup(sub.string) : .string(sub.string)
                for f in chain { value = try f(value, frame) }
                try assign(frame, value)
            }
        }
    }
}
