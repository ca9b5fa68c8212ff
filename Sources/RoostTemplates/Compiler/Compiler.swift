/// Compiles a parsed template into closures, resolving every variable to a frame slot with
/// Jinja's scoping rules (see ``Symbols``).
final class Compiler {
    let name: String?
    let source: String
    let env: TemplateEnvironment
    var autoescape: Bool
    var symbols: Symbols
    var blocks: [String: BlockCode] = [:]
    var reservedBlockNames: Set<String> = []
    /// Inside an `if` or inline `if`, unknown filters and tests fail at render time (Jinja 3).
    var conditionalDepth = 0
    /// `true` while compiling code of the root function (output after `extends` is dropped).
    var inRoot = true
    /// `true` while compiling the root frame itself (assignments also go to the context).
    var toplevel = true
    let hasExtends: Bool

    init(name: String?, source: String, env: TemplateEnvironment, body: [Stmt]) {
        self.name = name
        self.source = source
        self.env = env
        self.autoescape = env.configuration.autoescape.decide(name)
        self.symbols = Symbols(parent: nil, function: FunctionScope(parent: nil))
        self.hasExtends = body.contains { Compiler.containsExtends($0) }
    }

    static func containsExtends(_ s: Stmt) -> Bool {
        switch s.kind {
        case .extends: return true
        case .ifStmt(_, let body, let elifs, let other):
            return body.contains(where: containsExtends) || elifs.contains { $0.1.contains(where: containsExtends) }
                || other.contains(where: containsExtends)
        case .forLoop(let l): return l.body.contains(where: containsExtends) || l.otherwise.contains(where: containsExtends)
        case .with(_, let body), .autoescape(_, let body), .filterBlock(_, let body), .setBlock(_, _, let body):
            return body.contains(where: containsExtends)
        default: return false
        }
    }

    /// Parses and compiles `source`.
    static func compile(source: String, name: String?, env: TemplateEnvironment) throws -> CompiledTemplate {
        let config = env.configuration
        let options = LexerOptions(trimBlocks: config.trimBlocks, lstripBlocks: config.lstripBlocks, keepTrailingNewline: config.keepTrailingNewline)
        let body = try Parser.parse(source: source, name: name, options: options, maxDepth: config.limits.maxNestingDepth)
        let compiler = Compiler(name: name, source: source, env: env, body: body)
        return try compiler.compileTemplate(body)
    }

    func fail(_ message: String, line: Int, code: TemplateError.Code = .assertion) -> TemplateError {
        TemplateError(code, message: message, templateName: name, line: line, source: source)
    }

    func compileTemplate(_ body: [Stmt]) throws -> CompiledTemplate {
        let root = symbols
        let selfSlot: Int? = UndeclaredNames.find(body, ["self"]).contains("self") ? root.declareParameter("self").slot : nil
        var visitor = SymbolVisitor(symbols: root)
        visitor.visit(body)
        let inits = initializers(root)
        let exec = try compileBody(body)
        let function = root.function
        let code: Exec = { out, frame in
            for i in inits { i.apply(frame) }
            if let selfSlot { frame[selfSlot] = .object(TemplateReference(context: frame.context)) }
            try exec(&out, frame)
        }
        return CompiledTemplate(
            name: name, source: source, autoescape: env.configuration.autoescape.decide(name),
            root: FunctionCode(slotCount: function.slotCount, body: code), blocks: blocks)
    }

    // MARK: Variables

    /// The slot initialisations of a scope, in definition order.
    func initializers(_ syms: Symbols, only filter: ((String, LoadMode) -> Bool)? = nil) -> [SlotInit] {
        var out: [SlotInit] = []
        for ref in syms.loadOrder {
            guard let mode = syms.loads[ref], let name = syms.names[ref] else { continue }
            if let filter, !filter(name, mode) { continue }
            switch mode {
            case .param:
                continue
            case .resolve(let n):
                out.append(.resolve(slot: ref.slot, name: n, missing: UndefinedValue(.name(n), missing: true)))
            case .alias(let outer):
                let d = syms.function.distance(to: outer.scope) ?? 0
                out.append(.alias(slot: ref.slot, distance: d, from: outer.slot))
            case .undefined:
                out.append(.missing(slot: ref.slot, UndefinedValue(.name(name), missing: true)))
            }
        }
        return out
    }

    func access(_ ref: VarRef) -> (Int, Int) {
        (symbols.function.distance(to: ref.scope) ?? 0, ref.slot)
    }

    func loadVar(_ name: String) -> Eval {
        guard let ref = symbols.findRef(name) else {
            let missing = UndefinedValue(.name(name), missing: true)
            return { frame in frame.context.resolve(name) ?? .undefined(missing) }
        }
        let (d, s) = access(ref)
        switch d {
        case 0: return { $0[s] }
        case 1: return { $0.parent![s] }
        default: return { $0.ancestor(d)[s] }
        }
    }

    /// A closure that assigns to `target` (a name, a tuple of targets, or `ns.attr`).
    func assigner(_ target: Expr) throws -> @Sendable (Frame, TemplateValue) throws -> Void {
        switch target.kind {
        case .name(let name):
            guard let ref = symbols.refs[name] ?? symbols.findRef(name) else {
                throw fail("cannot assign to '\(name)'", line: target.line)
            }
            let (d, s) = access(ref)
            if toplevel && d == 0 {
                return { frame, v in
                    frame[s] = v
                    frame.context.setTopLevel(name, v)
                }
            }
            if d == 0 { return { frame, v in frame[s] = v } }
            return { frame, v in frame.ancestor(d)[s] = v }
        case .tuple(let items), .list(let items):
            let parts = try items.map { try assigner($0) }
            let n = parts.count
            return { frame, v in
                let values = try frame.state.iterate(v)
                if values.count < n {
                    throw TemplateError.value("not enough values to unpack (expected \(n), got \(values.count))")
                }
                if values.count > n {
                    throw TemplateError.value("too many values to unpack (expected \(n))")
                }
                for i in 0..<n { try parts[i](frame, values[i]) }
            }
        case .getattr(let base, let attr):
            let load = try compileExpr(base)
            return { frame, v in
                guard case .object(let o) = try load(frame), let ns = o as? Namespace else {
                    throw TemplateError.runtime("cannot assign attribute on non-namespace object")
                }
                ns.set(attr, v)
            }
        default:
            throw fail("can't assign to '\(target.nodeName)'", line: target.line, code: .syntax)
        }
    }

    // MARK: Statements

    func compileBody(_ stmts: [Stmt]) throws -> Exec {
        var items: [Step] = []
        for s in stmts {
            if case .output(let parts) = s.kind {
                items.append(contentsOf: try compileOutput(parts, line: s.line))
            } else if let e = try compileStmt(s) {
                items.append(Step(run: e, line: s.line))
            }
        }
        return sequence(items)
    }

    func sequence(_ items: [Step]) -> Exec {
        let name = self.name
        let source = self.source
        @Sendable func locate(_ error: any Error, _ line: Int) -> any Error {
            if let e = error as? TemplateError {
                return e.line == nil ? e.located(name: name, line: line, source: source) : e
            }
            return TemplateError(.runtime, message: String(describing: error)).located(name: name, line: line, source: source)
        }
        // Closures captured as constants are called without retaining them, unlike closures
        // loaded from an array; so short sequences are unrolled and long ones chunked.
        switch items.count {
        case 0:
            return { _, _ in }
        case 1:
            let (a, la) = (items[0].run, items[0].line)
            return { out, frame in
                do { try a(&out, frame) } catch { throw locate(error, la) }
            }
        case 2:
            let (a, la) = (items[0].run, items[0].line), (b, lb) = (items[1].run, items[1].line)
            return { out, frame in
                do { try a(&out, frame) } catch { throw locate(error, la) }
                do { try b(&out, frame) } catch { throw locate(error, lb) }
            }
        case 3:
            let (a, la) = (items[0].run, items[0].line), (b, lb) = (items[1].run, items[1].line)
            let (c, lc) = (items[2].run, items[2].line)
            return { out, frame in
                do { try a(&out, frame) } catch { throw locate(error, la) }
                do { try b(&out, frame) } catch { throw locate(error, lb) }
                do { try c(&out, frame) } catch { throw locate(error, lc) }
            }
        case 4:
            let (a, la) = (items[0].run, items[0].line), (b, lb) = (items[1].run, items[1].line)
            let (c, lc) = (items[2].run, items[2].line), (d, ld) = (items[3].run, items[3].line)
            return { out, frame in
                do { try a(&out, frame) } catch { throw locate(error, la) }
                do { try b(&out, frame) } catch { throw locate(error, lb) }
                do { try c(&out, frame) } catch { throw locate(error, lc) }
                do { try d(&out, frame) } catch { throw locate(error, ld) }
            }
        default:
            // Split into two halves; errors are already located by the inner sequences.
            let mid = items.count / 2
            let first = sequence(Array(items[..<mid]))
            let second = sequence(Array(items[mid...]))
            return { out, frame in
                try first(&out, frame)
                try second(&out, frame)
            }
        }
    }

    func compileStmt(_ s: Stmt) throws -> Exec? {
        switch s.kind {
        case .output(let parts):
            return sequence(try compileOutput(parts, line: s.line))
        case .ifStmt(let test, let body, let elifs, let otherwise):
            conditionalDepth += 1
            defer { conditionalDepth -= 1 }
            var compiled: [Branch] = [Branch(test: try compileExpr(test), body: try compileBody(body))]
            for (t, b) in elifs { compiled.append(Branch(test: try compileExpr(t), body: try compileBody(b))) }
            let branches = compiled
            let elseBody = otherwise.isEmpty ? nil : try compileBody(otherwise)
            if branches.count == 1 {
                let (t, b) = (branches[0].test, branches[0].body)
                return { out, frame in
                    if try Compiler.truthy(t(frame), frame.state) {
                        try b(&out, frame)
                    } else if let elseBody {
                        try elseBody(&out, frame)
                    }
                }
            }
            return { out, frame in
                for branch in branches where try Compiler.truthy(branch.test(frame), frame.state) {
                    try branch.body(&out, frame)
                    return
                }
                try elseBody?(&out, frame)
            }
        case .forLoop(let loop):
            return try compileFor(loop, line: s.line)
        case .set(let target, let value):
            let v = try compileExpr(value)
            let assign = try assigner(target)
            return { _, frame in try assign(frame, v(frame)) }
        case .setBlock(let target, let filters, let body):
            return try compileSetBlock(target, filters, body)
        case .with(let targets, let body):
            return try compileWith(targets, body)
        case .macro(let name, let params, let body):
            return try compileMacro(name, params, body, line: s.line)
        case .callBlock(let call, let params, let body):
            return try compileCallBlock(call, params, body, line: s.line)
        case .filterBlock(let filters, let body):
            return try compileFilterBlock(filters, body)
        case .block(let name, let body, let scoped, let required):
            return try compileBlock(name, body, scoped: scoped, required: required, line: s.line)
        case .extends(let e):
            return try compileExtends(e, line: s.line)
        case .include(let e, let ignoreMissing, let withContext):
            return try compileInclude(e, ignoreMissing: ignoreMissing, withContext: withContext)
        case .importAs(let e, let target, let withContext):
            return try compileImport(e, target: target, withContext: withContext)
        case .fromImport(let e, let names, let withContext):
            return try compileFromImport(e, names: names, withContext: withContext, line: s.line)
        case .autoescape(let e, let body):
            if let constant = e.constantValue {
                let saved = autoescape
                autoescape = constant.truthyConstant
                defer { autoescape = saved }
                return try compileBody(body)
            }
            let test = try compileExpr(e)
            let saved = autoescape
            autoescape = true
            let on = try compileBody(body)
            autoescape = false
            let off = try compileBody(body)
            autoescape = saved
            return { out, frame in
                if try Compiler.truthy(test(frame), frame.state) { try on(&out, frame) } else { try off(&out, frame) }
            }
        }
    }

    @inline(__always)
    static func truthy(_ v: TemplateValue, _ state: RenderState) throws -> Bool {
        if case .bool(let b) = v { return b }
        return try state.truthy(v)
    }

    /// Runs `body` in a fresh symbol scope of the current function (loop bodies, with, …).
    func withScope<T>(_ syms: Symbols, toplevel: Bool = false, _ body: () throws -> T) rethrows -> T {
        let savedSymbols = symbols
        let savedTop = self.toplevel
        symbols = syms
        self.toplevel = toplevel
        defer {
            symbols = savedSymbols
            self.toplevel = savedTop
        }
        return try body()
    }

    func compileWith(_ targets: [(Expr, Expr)], _ body: [Stmt]) throws -> Exec {
        let values = try targets.map { try compileExpr($0.1) }
        let inner = Symbols(parent: symbols, function: symbols.function)
        var visitor = SymbolVisitor(symbols: inner)
        for (t, _) in targets { visitor.visitTarget(t) }
        visitor.visit(body)
        return try withScope(inner) {
            let assigns = try targets.map { try assigner($0.0) }
            let inits = initializers(inner)
            let exec = try compileBody(body)
            return { out, frame in
                for i in inits { i.apply(frame) }
                for (assign, value) in zip(assigns, values) { try assign(frame, value(frame)) }
                try exec(&out, frame)
            }
        }
    }
}

extension TemplateValue {
    /// Truthiness of a literal at compile time (undefined counts as false).
    var truthyConstant: Bool {
        switch self {
        case .bool(let b): return b
        case .none, .undefined: return false
        case .int(let i): return i != 0
        case .double(let d): return d != 0
        case .string(let s), .markup(let s): return !s.isEmpty
        case .list(let a), .tuple(let a): return !a.isEmpty
        case .dict(let d): return d.count > 0
        default: return true
        }
    }
}
