/// A macro or a `{% call %}` block's `caller`, bound to the frame it was defined in.
final class Macro: Sendable {
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
        let autoescape: Bool
    }

    let code: Code
    let frame: Frame

    /// Marks a parameter the call did not provide; the macro body replaces it with the default.
    static let missingArgument = UndefinedValue(.hint("missing argument"), missing: true)

    init(code: Code, frame: Frame) {
        self.code = code
        self.frame = frame
    }

    var name: String { code.name }

    func call(_ args: TemplateArguments, _ state: RenderState) throws -> TemplateValue {
        let c = code
        let paramCount = c.params.count
        var values = [TemplateValue?](repeating: nil, count: paramCount)
        let positionalCount = min(args.positional.count, paramCount)
        for i in 0..<positionalCount { values[i] = args.positional[i] }
        var kwargs = args.keywords
        var foundCaller = false
        if positionalCount != paramCount {
            for i in positionalCount..<paramCount {
                let name = c.params[i]
                if let k = kwargs.firstIndex(where: { $0.name == name }) {
                    values[i] = kwargs[k].value
                    kwargs.remove(at: k)
                }
                if name == "caller" { foundCaller = true }
            }
        } else {
            foundCaller = c.params.contains("caller")
        }
        var callerValue: TemplateValue?
        if c.callerSlot != nil && !foundCaller {
            if let k = kwargs.firstIndex(where: { $0.name == "caller" }) {
                callerValue = kwargs[k].value
                kwargs.remove(at: k)
            } else {
                callerValue = .undefined(hint: "No caller defined")
            }
        }
        if c.kwargsSlot == nil, let first = kwargs.first {
            if kwargs.contains(where: { $0.name == "caller" }) {
                throw TemplateError.type("macro '\(c.name)' was invoked with two values for the special caller argument. This is most likely a bug.")
            }
            throw TemplateError.type("macro '\(c.name)' takes no keyword argument '\(first.name)'")
        }
        if c.varargsSlot == nil && args.positional.count > paramCount {
            throw TemplateError.type("macro '\(c.name)' takes not more than \(paramCount) argument(s)")
        }
        try state.enter()
        defer { state.leave() }
        let f = Frame(slotCount: c.body.slotCount, parent: frame, context: frame.context)
        for i in 0..<paramCount {
            f.slots[c.paramSlots[i]] = values[i] ?? .undefined(Macro.missingArgument)
        }
        if let s = c.callerSlot { f.slots[s] = callerValue ?? .none }
        if let s = c.varargsSlot {
            f.slots[s] = .tuple(args.positional.count > paramCount ? Array(args.positional[paramCount...]) : [])
        }
        if let s = c.kwargsSlot {
            f.slots[s] = .dict(TemplateDict(kwargs.map { (TemplateValue.string($0.name), $0.value) }))
        }
        var out = OutputBuffer(limit: state.limits.maxOutputBytes)
        try c.body.body(&out, f)
        // Missing parameters are filled inside the body's prologue (see the compiler), so
        // that defaults see the resolved names first, as Jinja does.
        let text = out.string
        return c.autoescape ? .markup(text) : .string(text)
    }

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
