extension Compiler {
    /// Compiles the parts of an output statement: literal text and `{{ … }}` expressions.
    func compileOutput(_ parts: [OutputPart], line: Int) throws -> [Step] {
        var items: [Step] = []
        var pendingText: [UInt8] = []
        var pendingLine = line
        let guardOutput = inRoot && hasExtends
        func flushText() {
            guard !pendingText.isEmpty else { return }
            let text = StaticText(pendingText)
            pendingText = []
            if guardOutput {
                items.append(Step(run: { out, frame in
                    if frame.context.parentTemplate != nil { return }
                    try out.write(text: text)
                }, line: pendingLine))
            } else {
                items.append(Step(run: { out, _ in try out.write(text: text) }, line: pendingLine))
            }
        }
        for part in parts {
            switch part {
            case .text(let t):
                if pendingText.isEmpty { pendingLine = line }
                pendingText.append(contentsOf: t.utf8)
            case .expr(let e):
                if let c = e.constantValue {
                    // literals print at compile time
                    var tmp: [UInt8] = []
                    Compiler.append(c, autoescape: autoescape, to: &tmp)
                    if pendingText.isEmpty { pendingLine = e.line }
                    pendingText.append(contentsOf: tmp)
                    continue
                }
                flushText()
                let escape = autoescape
                if case .call(let callee, let args) = e.kind, case .name = callee.kind {
                    // `{{ macro(…) }}` renders straight into the output buffer.
                    let fn = try compileExpr(callee)
                    let argsEval = try compileArgs(args)
                    let positionalOnly = args.keywords.isEmpty && args.star == nil && args.starStar == nil
                    let positional = positionalOnly ? try args.positional.map { EvalStep(run: try compileExpr($0)) } : []
                    items.append(Step(run: { out, frame in
                        if guardOutput && frame.context.parentTemplate != nil { return }
                        let f = try fn(frame)
                        if positionalOnly, case .callable(let c) = f, case .macro(let m) = c.kind, m.code.autoescape || !escape,
                           positional.count <= m.code.paramSlots.count {
                            try m.render(positional: positional, caller: frame, frame.state, into: &out)
                            return
                        }
                        let a = try argsEval(frame)
                        if case .callable(let c) = f, case .macro(let m) = c.kind, m.code.autoescape || !escape {
                            try m.render(a, frame.state, into: &out)
                        } else {
                            try Compiler.write(frame.state.call(f, a), escape: escape, to: &out, state: frame.state)
                        }
                    }, line: e.line))
                    continue
                }
                if case .call(let callee, let args) = e.kind, case .getattr(let base, let method) = callee.kind {
                    // `{{ module.macro(…) }}` too; other method calls keep their fast path.
                    let isDictMethod = BuiltinMethods.isDictMethod(method)
                    let isCycle = method == "cycle"
                    let baseEval = try compileExpr(base)
                    let argsEval = try compileArgs(args)
                    items.append(Step(run: { out, frame in
                        if guardOutput && frame.context.parentTemplate != nil { return }
                        let b = try baseEval(frame)
                        let a = try argsEval(frame)
                        if case .object(let o) = b, let module = o.asModule,
                           case .callable(let c)? = module.exports[method], case .macro(let m) = c.kind, m.code.autoescape || !escape {
                            try m.render(a, frame.state, into: &out)
                            return
                        }
                        let value = try Compiler.callMethod(b, method, a, frame.state, isDictMethod: isDictMethod, isCycle: isCycle)
                        try Compiler.write(value, escape: escape, to: &out, state: frame.state)
                    }, line: e.line))
                    continue
                }
                if case .filter(let subject?, let name, let args) = e.kind, args.positional.isEmpty, args.keywords.isEmpty,
                   args.star == nil, args.starStar == nil, let mode = Compiler.escapeMode(name),
                   env.configuration.filters.entries[name] == nil {
                    // `{{ x|e }}`, `{{ x|safe }}`: write directly instead of building Markup.
                    let inner = try compileExpr(subject)
                    items.append(Step(run: { out, frame in
                        if guardOutput && frame.context.parentTemplate != nil { return }
                        let v = try inner(frame)
                        if case .markup(let s) = v, mode != .force {
                            try out.write(s)
                            return
                        }
                        let text = try frame.state.str(v)
                        if mode == .raw { try out.write(text) } else { try out.writeEscaped(text) }
                    }, line: e.line))
                    continue
                }
                if let step = try outputFilterStep(e, guardOutput: guardOutput) {
                    items.append(step)
                    continue
                }
                if let step = outputAttributeStep(e, guardOutput: guardOutput) {
                    items.append(step)
                    continue
                }
                let eval = try compileExpr(e)
                if guardOutput {
                    items.append(Step(run: { out, frame in
                        if frame.context.parentTemplate != nil { return }
                        try Compiler.write(eval(frame), escape: escape, to: &out, state: frame.state)
                    }, line: e.line))
                } else {
                    items.append(Step(run: { out, frame in
                        try Compiler.write(eval(frame), escape: escape, to: &out, state: frame.state)
                    }, line: e.line))
                }
            }
        }
        flushText()
        return items
    }

    /// `{{ item.attr }}` on a local variable: the attribute is printed where it lies in the
    /// dict, without a copy.
    func outputAttributeStep(_ e: Expr, guardOutput: Bool) -> Step? {
        guard case .getattr(let base, let name) = e.kind, case .name(let n) = base.kind, let ref = symbols.findRef(n),
              access(ref).0 == 0, LoopContext.Attribute(rawValue: name) == nil, !BuiltinMethods.isDictMethod(name)
        else { return nil }
        let s = ref.slot
        let hint = LookupHint()
        let escape = autoescape
        return Step(run: { out, frame in
            if guardOutput && frame.context.parentTemplate != nil { return }
            try frame.withUnsafeMutablePointerToElements { slots in
                // The dict stays in its slot while its value is printed: no retain needed.
                if let dict = TemplateValue.dict(at: slots + s),
                   let p = dict._withUnsafeGuaranteedRef({ d in d.position(of: name, hint: hint).map { d.valuePointer(at: $0) } }) {
                    if try Compiler.writeInPlace(p, escape: escape, to: &out) { return }
                    try Compiler.write(p.pointee, escape: escape, to: &out, state: frame.state)
                    return
                }
                try Compiler.write(frame.state.getattr(slots[s], name), escape: escape, to: &out, state: frame.state)
            }
        }, line: e.line)
    }

    /// Writes the string or integer at `p` as `{{ value }}` prints it, reading strings in
    /// place; `false` (nothing written) for other values, which need the render state.
    @inline(__always)
    static func writeInPlace(_ p: UnsafeMutablePointer<TemplateValue>, escape: Bool, to out: inout OutputBuffer) throws -> Bool {
        if TemplateValue.isString(at: p) {
            return try TemplateValue.withStringBytes(at: p, { escape ? try out.writeEscaped($0) : try out.storage.append($0) }) != nil
        }
        if case .int(let i) = p.pointee {
            try out.writeInt(i)
            return true
        }
        return false
    }

    enum EscapeMode { case raw, escape, force }

    /// The trailing `|safe`, `|e`, `|escape`, `|forceescape` filters that output handles itself.
    static func escapeMode(_ name: String) -> EscapeMode? {
        switch name {
        case "safe": return .raw
        case "e", "escape": return .escape
        case "forceescape": return .force
        default: return nil
        }
    }

    /// Appends a literal's printed form (used for constant folding).
    static func append(_ v: TemplateValue, autoescape: Bool, to bytes: inout [UInt8]) {
        switch v {
        case .markup(let s): bytes.appendUTF8(s)
        case .string(let s):
            if autoescape { Escaper.appendEscaped(s, to: &bytes) } else { bytes.appendUTF8(s) }
        default:
            let s = v.printed
            if autoescape { Escaper.appendEscaped(s, to: &bytes) } else { bytes.appendUTF8(s) }
        }
    }

    /// Writes a value as `{{ value }}` prints it.
    @inline(__always)
    static func write(_ v: TemplateValue, escape: Bool, to out: inout OutputBuffer, state: RenderState) throws {
        switch v {
        case .string(let s):
            if escape { try out.writeEscaped(s) } else { try out.write(s) }
        case .markup(let s):
            try out.write(s)
        case .int(let i):
            try out.writeInt(i)
        case .undefined:
            let s = try state.str(v)
            if escape { try out.writeEscaped(s) } else { try out.write(s) }
        case .object(let o) where o.asModule != nil:
            try out.write(o.printed)
        default:
            let s = v.printed
            if escape { try out.writeEscaped(s) } else { try out.write(s) }
        }
    }

    /// Appends the decimal digits of `i` without building a `String`.
    @inline(__always)
    static func writeInt(_ i: Int, to bytes: inout [UInt8]) {
        if i >= 0 && i < 10 {
            bytes.append(UInt8(48 + i))
            return
        }
        var n = i.magnitude
        var tmp: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                  UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &tmp) { buf in
            while n > 0 {
                buf[19 - count] = UInt8(48 + n % 10)
                n /= 10
                count += 1
            }
            if i < 0 { bytes.append(0x2D) }
            bytes.append(contentsOf: buf[(20 - count)...])
        }
    }
}
