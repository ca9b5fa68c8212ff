extension Compiler {
    func compileExpr(_ e: Expr) throws -> Eval {
        switch e.kind {
        case .constant(let v):
            return { _ in v }
        case .name(let n):
            return loadVar(n)
        case .list(let items):
            let evals = try items.map { EvalStep(run: try compileExpr($0)) }
            if items.allSatisfy({ $0.constantValue != nil }) {
                let v = TemplateValue.list(items.map { $0.constantValue! })
                return { _ in v }
            }
            return { f in
                var out: [TemplateValue] = []
                out.reserveCapacity(evals.count)
                for ev in evals { out.append(try ev.run(f)) }
                return .list(out)
            }
        case .tuple(let items):
            let evals = try items.map { EvalStep(run: try compileExpr($0)) }
            return { f in
                var out: [TemplateValue] = []
                out.reserveCapacity(evals.count)
                for ev in evals { out.append(try ev.run(f)) }
                return .tuple(out)
            }
        case .dict(let pairs):
            let evals = try pairs.map { (try compileExpr($0.0), try compileExpr($0.1)) }
            return { f in
                var out: [(TemplateValue, TemplateValue)] = []
                out.reserveCapacity(evals.count)
                for (k, v) in evals { out.append((try k(f), try v(f))) }
                return .dict(TemplateDict(out))
            }
        case .getattr(let base, let name):
            return try compileGetattr(base, name)
        case .getitem(let base, let arg):
            let b = try compileExpr(base)
            if case .slice(let start, let stop, let step) = arg.kind {
                var parts: [Eval] = []
                for part in [start, stop, step] {
                    if let part { parts.append(try compileExpr(part)) } else { parts.append({ _ in .none }) }
                }
                let (p0, p1, p2) = (parts[0], parts[1], parts[2])
                return { f in try f.state.slice(b(f), p0(f), p1(f), p2(f)) }
            }
            if case .constant(.string(let key)) = arg.kind {
                return { f in
                    let v = try b(f)
                    if case .dict(let d) = v, let r = d[key] { return r }
                    return try f.state.getitem(v, .string(key))
                }
            }
            let a = try compileExpr(arg)
            return { f in
                let v = try b(f)
                return try f.state.getitem(v, a(f))
            }
        case .slice:
            throw fail("unexpected slice", line: e.line, code: .syntax)
        case .call(let callee, let args):
            return try compileCall(callee, args)
        case .filter(let subject, let name, let args):
            guard let subject else { throw fail("filter without subject", line: e.line) }
            return try compileFilter(name, args, subject: try compileExpr(subject), line: e.line)
        case .test(let subject, let name, let args, let negated):
            guard let fn = env.tests[name]?.call else {
                if conditionalDepth > 0 {
                    return { _ in throw TemplateError.runtime("No test named '\(name)' found.") }
                }
                throw fail("No test named '\(name)'.", line: e.line)
            }
            let s = try compileExpr(subject)
            let a = try compileArgs(args)
            let escape = autoescape
            return { f in
                let r = try fn(s(f), a(f), FilterContext(state: f.state, autoescape: escape))
                return .bool(r != negated)
            }
        case .not(let inner):
            let v = try compileExpr(inner)
            return { f in .bool(!(try Compiler.truthy(v(f), f.state))) }
        case .neg(let inner):
            if case .constant(let c) = inner.kind, let r = try? Arithmetic.negate(c) { return { _ in r } }
            let v = try compileExpr(inner)
            return { f in try Arithmetic.negate(v(f)) }
        case .pos(let inner):
            let v = try compileExpr(inner)
            return { f in try Arithmetic.plus(v(f)) }
        case .binary(let op, let l, let r):
            return try compileBinary(op, l, r)
        case .concat(let items):
            let evals = try items.map(compileExpr)
            let escape = autoescape
            return { f in try Compiler.concat(evals.map { try $0(f) }, escape: escape, state: f.state) }
        case .and(let l, let r):
            let a = try compileExpr(l)
            let b = try compileExpr(r)
            return { f in
                let v = try a(f)
                return try Compiler.truthy(v, f.state) ? try b(f) : v
            }
        case .or(let l, let r):
            let a = try compileExpr(l)
            let b = try compileExpr(r)
            return { f in
                let v = try a(f)
                return try Compiler.truthy(v, f.state) ? v : try b(f)
            }
        case .compare(let first, let rest):
            let a = try compileExpr(first)
            let ops = try rest.map { ($0.0, try compileExpr($0.1)) }
            return { f in
                var left = try a(f)
                let strict = f.state.strict
                for (op, ev) in ops {
                    let right = try ev(f)
                    if !(try Comparison.compare(op, left, right, strict: strict)) { return .bool(false) }
                    left = right
                }
                return .bool(true)
            }
        case .condition(let test, let then, let otherwise):
            conditionalDepth += 1
            defer { conditionalDepth -= 1 }
            let t = try compileExpr(test)
            let a = try compileExpr(then)
            let line = e.line
            let b: Eval
            if let otherwise {
                b = try compileExpr(otherwise)
            } else {
                let hint = TemplateValue.undefined(
                    hint: "the inline if-expression on line \(line) evaluated to false and no else section was defined.")
                b = { _ in hint }
            }
            return { f in try Compiler.truthy(t(f), f.state) ? try a(f) : try b(f) }
        }
    }

    func compileGetattr(_ base: Expr, _ name: String) throws -> Eval {
        if case .name(let n) = base.kind, let ref = symbols.findRef(n), access(ref).0 == 0,
           LoopContext.Attribute(rawValue: name) == nil, !BuiltinMethods.isDictMethod(name) {
            // `item.attr` on a local: read the slot directly.
            let s = ref.slot
            let hint = LookupHint()
            return { f in
                // Looked at in place: no copy (and retain) of the slot's value.
                try f.withUnsafeMutablePointerToElements { slots in
                    if let d = TemplateValue.dict(at: slots + s),
                       let r = d._withUnsafeGuaranteedRef({ $0.lookup(name, hint: hint) }) { return r }
                    return try f.state.getattr(slots[s], name)
                }
            }
        }
        let b = try compileExpr(base)
        if let attr = LoopContext.Attribute(rawValue: name) {
            return { f in
                let v = try b(f)
                if case .object(let o) = v, let loop = o.asLoop { return loop.value(attr) }
                return try f.state.getattr(v, name)
            }
        }
        if BuiltinMethods.isDictMethod(name) {
            return { f in try f.state.getattr(b(f), name) }
        }
        let hint = LookupHint()
        return { f in
            let v = try b(f)
            if case .dict(let d) = v, let r = d.lookup(name, hint: hint) { return r }
            return try f.state.getattr(v, name)
        }
    }

    func compileArgs(_ args: CallArgs) throws -> @Sendable (Frame) throws -> TemplateArguments {
        if args.positional.isEmpty && args.keywords.isEmpty && args.star == nil && args.starStar == nil {
            return { _ in TemplateArguments() }
        }
        if args.star == nil && args.starStar == nil, args.positional.allSatisfy({ $0.constantValue != nil }),
           args.keywords.allSatisfy({ $0.1.constantValue != nil }) {
            let constant = TemplateArguments(
                args.positional.map { $0.constantValue! }, keywords: args.keywords.map { ($0.0, $0.1.constantValue!) })
            return { _ in constant }
        }
        let positional = try args.positional.map { EvalStep(run: try compileExpr($0)) }
        let keywords = try args.keywords.map { ($0.0, EvalStep(run: try compileExpr($0.1))) }
        let star = try args.star.map(compileExpr)
        let starStar = try args.starStar.map(compileExpr)
        return { f in
            var result = TemplateArguments()
            result.positional.reserveCapacity(positional.count)
            for p in positional { result.positional.append(try p.run(f)) }
            if let star { result.positional.append(contentsOf: try f.state.iterate(star(f))) }
            for (k, v) in keywords { result.keywords.append((k, try v.run(f))) }
            if let starStar {
                guard case .dict(let d) = try starStar(f) else {
                    throw TemplateError.type("argument after ** must be a mapping")
                }
                for (k, v) in zip(d.keys, d.values) {
                    guard let key = k.stringValue else { throw TemplateError.type("keywords must be strings") }
                    result.keywords.append((key, v))
                }
            }
            return result
        }
    }

    func compileCall(_ callee: Expr, _ args: CallArgs) throws -> Eval {
        let a = try compileArgs(args)
        if case .getattr(let objExpr, let method) = callee.kind {
            let obj = try compileExpr(objExpr)
            if method == "cycle", let constant = Compiler.constantArguments(args), constant.keywords.isEmpty,
               !constant.positional.isEmpty {
                // `loop.cycle("odd", "even")`: pick from the literals without an argument list.
                let items = constant.positional
                return { f in
                    let o = try obj(f)
                    if case .object(let object) = o, let loop = object.asLoop { return items[loop.index0 % items.count] }
                    return try Compiler.callMethod(o, method, constant, f.state, isDictMethod: false, isCycle: true)
                }
            }
            let isDictMethod = BuiltinMethods.isDictMethod(method)
            let isCycle = method == "cycle"
            return { f in
                let o = try obj(f)
                return try Compiler.callMethod(o, method, a(f), f.state, isDictMethod: isDictMethod, isCycle: isCycle)
            }
        }
        let c = try compileExpr(callee)
        return { f in
            let fn = try c(f)
            return try f.state.call(fn, a(f))
        }
    }

    /// `obj.method(args)` without allocating a bound method for built-in values.
    static func callMethod(
        _ o: TemplateValue, _ method: String, _ args: TemplateArguments, _ state: RenderState, isDictMethod: Bool, isCycle: Bool
    ) throws -> TemplateValue {
        switch o {
        case .string, .markup, .list, .tuple, .int, .double:
            if let r = try BuiltinMethods.call(o, method, args, state) { return r }
        case .dict:
            if isDictMethod, let r = try BuiltinMethods.call(o, method, args, state) { return r }
        case .object(let obj):
            if isCycle, let loop = obj.asLoop {
                guard !args.positional.isEmpty else { throw TemplateError.type("no items for cycling given") }
                return args.positional[loop.index0 % args.positional.count]
            }
        default:
            break
        }
        return try state.call(state.getattr(o, method), args)
    }

    func compileFilter(_ name: String, _ args: CallArgs, subject: @escaping Eval, line: Int) throws -> Eval {
        guard let entry = env.filters[name] else {
            if conditionalDepth > 0 {
                return { _ in throw TemplateError.runtime("No filter named '\(name)' found.") }
            }
            throw fail("No filter named '\(name)'.", line: line)
        }
        if let fast = specializedFilter(name, args, entry: entry, subject: subject) { return fast }
        let a = try compileArgs(args)
        let escape = autoescape
        return { f in
            let v = try subject(f)
            return try entry.call(v, a(f), FilterContext(state: f.state, autoescape: escape))
        }
    }

    func compileBinary(_ op: BinaryOp, _ l: Expr, _ r: Expr) throws -> Eval {
        let a = try compileExpr(l)
        let b = try compileExpr(r)
        switch op {
        case .add:
            return { f in
                let x = try a(f)
                let y = try b(f)
                if case .int(let i) = x, case .int(let j) = y {
                    let (s, o) = i.addingReportingOverflow(j)
                    if !o { return .int(s) }
                }
                return try Arithmetic.add(x, y, limits: f.state.limits)
            }
        case .sub: return { f in try Arithmetic.sub(a(f), b(f)) }
        case .mul: return { f in try Arithmetic.mul(a(f), b(f), limits: f.state.limits) }
        case .div: return { f in try Arithmetic.div(a(f), b(f)) }
        case .floordiv: return { f in try Arithmetic.floorDiv(a(f), b(f)) }
        case .mod: return { f in try Arithmetic.mod(a(f), b(f), limits: f.state.limits) }
        case .pow: return { f in try Arithmetic.pow(a(f), b(f), limits: f.state.limits) }
        }
    }

    /// `a ~ b ~ c`: strings joined; with autoescape, any Markup operand makes the result
    /// Markup with the other operands escaped.
    static func concat(_ values: [TemplateValue], escape: Bool, state: RenderState) throws -> TemplateValue {
        var parts: [String] = []
        parts.reserveCapacity(values.count)
        var anyMarkup = false
        var total = 0
        for v in values {
            let s = try state.str(v)
            total += s.utf8.count
            parts.append(s)
            if escape, case .markup = v { anyMarkup = true }
            if escape, case .object(let o) = v, o.asModule != nil { anyMarkup = true }
        }
        try state.limits.checkString(total)
        if anyMarkup {
            var out = ""
            for (v, s) in zip(values, parts) {
                var isSafe = v.isMarkup
                if case .object(let o) = v, o.asModule != nil { isSafe = true }
                out += isSafe ? s : Escaper.escape(s)
            }
            return .markup(out)
        }
        return .string(parts.joined())
    }
}
