/// A macro or a `{% call %}` block's `caller`, bound to the frame it was defined in.
///
/// Confined to the render that defined it, like its frame (see ``FrameReference``), hence
/// `@unchecked Sendable`.
final class Macro: @unchecked Sendable {
    /// The compiled parts shared by every instance of one `{% macro %}`.
    struct Code: Sendable {
        let name: String
        let params: [String]
        let paramSlots: [Int]
        /// Default expressions for the last `defaults.count` params, evaluated in the macro frame.
        let defaults: [Eval]
        let callerSlot: Int?
        let varargsSlot: Int?
        let kwargsSlot: Int?
        let body: FunctionCode
        /// The body for calls that give every parameter (no defaults to evaluate).
        let completeBody: Exec
        let autoescape: Bool
    }

    let code: Code
    /// The frame the macro was defined in; dropped when its render ends (see ``detach()``).
    @exclusivity(unchecked) private var captured: Frame?
    /// The frame of the last call, kept for the next one when nothing captured it.
    @exclusivity(unchecked) private var spareFrame: Frame?

    /// The defining frame, or an error once the render that defined the macro has ended.
    var frame: Frame {
        get throws {
            guard let captured else { throw TemplateError.runtime("macro '\(code.name)' called after its render ended") }
            return captured
        }
    }

    /// Lets go of the frames: a macro defined with `{% macro %}` sits in a slot of the frame
    /// it captures, so without this the two would keep each other alive after the render.
    func detach() {
        captured = nil
        spareFrame = nil
    }

    /// Marks a parameter the call did not provide; the macro body replaces it with the default.
    static let missingArgument = UndefinedValue(.hint("missing argument"), missing: true)

    init(code: Code, frame: Frame) {
        self.code = code
        self.captured = frame
    }

    var name: String { code.name }

    func call(_ args: TemplateArguments, _ state: RenderState) throws -> TemplateValue {
        var out = OutputBuffer(limit: state.limits.maxOutputBytes)
        try render(args, state, into: &out)
        let text = out.string
        return code.autoescape ? .markup(text) : .string(text)
    }

    /// Runs the macro body, appending its output to `out` (used directly by `{{ m(…) }}`).
    func render(_ args: TemplateArguments, _ state: RenderState, into out: inout OutputBuffer) throws {
        let c = code
        let paramCount = c.params.count
        let positionalCount = min(args.positional.count, paramCount)
        if c.varargsSlot == nil && args.positional.count > paramCount {
            throw TemplateError.type("macro '\(c.name)' takes not more than \(paramCount) argument(s)")
        }
        let defining = try frame
        let f = Frame.make(slotCount: c.body.slotCount, parent: defining, context: defining.context)
        for i in 0..<positionalCount { f[c.paramSlots[i]] = args.positional[i] }
        if args.keywords.isEmpty {
            for i in positionalCount..<paramCount { f[c.paramSlots[i]] = .undefined(Macro.missingArgument) }
            if let s = c.callerSlot { f[s] = .undefined(Macro.noCaller) }
            if let s = c.kwargsSlot { f[s] = .dict(.empty) }
        } else {
            var kwargs = args.keywords
            var foundCaller = positionalCount == paramCount && c.params.contains("caller")
            for i in positionalCount..<paramCount {
                let name = c.params[i]
                if let k = kwargs.firstIndex(where: { $0.name == name }) {
                    f[c.paramSlots[i]] = kwargs[k].value
                    kwargs.remove(at: k)
                } else {
                    f[c.paramSlots[i]] = .undefined(Macro.missingArgument)
                }
                if name == "caller" { foundCaller = true }
            }
            if let s = c.callerSlot, !foundCaller {
                if let k = kwargs.firstIndex(where: { $0.name == "caller" }) {
                    f[s] = kwargs[k].value
                    kwargs.remove(at: k)
                } else {
                    f[s] = .undefined(hint: "No caller defined")
                }
            }
            if let s = c.kwargsSlot {
                f[s] = .dict(TemplateDict(kwargs.map { (TemplateValue.string($0.name), $0.value) }))
            } else if let first = kwargs.first {
                if kwargs.contains(where: { $0.name == "caller" }) {
                    throw TemplateError.type("macro '\(c.name)' was invoked with two values for the special caller argument. This is most likely a bug.")
                }
                throw TemplateError.type("macro '\(c.name)' takes no keyword argument '\(first.name)'")
            }
        }
        if let s = c.varargsSlot {
            f[s] = .tuple(args.positional.count > paramCount ? Array(args.positional[paramCount...]) : [])
        }
        try state.enter()
        defer { state.leave() }
        // Missing parameters are filled inside the body's prologue (see the compiler), so
        // that defaults see the resolved names first, as Jinja does.
        try c.body.body(&out, f)
    }

    /// Runs the macro for a call with at most as many positional arguments as it has
    /// parameters and no keywords (`{{ row(item, loop.cycle("a", "b")) }}`), evaluating the
    /// arguments in `caller` straight into the new frame's parameter slots.
    func render(positional args: [EvalStep], caller: Frame, _ state: RenderState, into out: inout OutputBuffer) throws {
        let c = code
        let defining = try frame
        var f = spareFrame ?? Frame.make(slotCount: c.body.slotCount, parent: defining, context: defining.context)
        spareFrame = nil
        let paramCount = c.paramSlots.count
        for i in 0..<args.count { f[c.paramSlots[i]] = try args[i].run(caller) }
        if args.count < paramCount {
            for i in args.count..<paramCount { f[c.paramSlots[i]] = .undefined(Macro.missingArgument) }
        }
        if let s = c.callerSlot { f[s] = .undefined(Macro.noCaller) }
        if let s = c.kwargsSlot { f[s] = .dict(.empty) }
        if let s = c.varargsSlot { f[s] = .tuple([]) }
        try state.enter()
        defer { state.leave() }
        if args.count == paramCount {
            try c.completeBody(&out, f)
        } else {
            try c.body.body(&out, f)
        }
        // Nothing kept the frame (no nested macro, call block or loop captured it): clear
        // it and keep it for the next call.
        if isKnownUniquelyReferenced(&f) {
            f.clear()
            spareFrame = f
        }
    }

    /// The value of `caller` in a macro called without a call block.
    static let noCaller = UndefinedValue(.hint("No caller defined"))

    /// `m.name`, `m.arguments`, … as Jinja's `Macro` exposes them.
    func attribute(_ name: String) -> TemplateValue? {
        switch name {
        case "name": return .string(code.name)
        case "arguments": return .tuple(code.params.map { .string($0) })
        case "catch_kwargs": return .bool(code.kwargsSlot != nil)
        case "catch_varargs": return .bool(code.varargsSlot != nil)
        case "caller": return .bool(code.callerSlot != nil)
        default: return nil
        }
    }
}
