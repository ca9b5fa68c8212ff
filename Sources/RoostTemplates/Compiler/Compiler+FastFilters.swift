/// Built-in filters resolved at compile time: constant arguments are bound once, and filters
/// whose result is printed at once write it straight into the output. Every fast path covers
/// the common kinds of value and hands anything else to the general filter, so results are
/// the same.
extension Compiler {
    /// Whether `name` is a built-in filter that the configuration did not replace.
    func isBuiltinFilter(_ name: String) -> Bool {
        env.configuration.filters.entries[name] == nil && env.filters[name] != nil
    }

    /// The arguments, if they are all literals (no `*args` or `**kwargs`).
    static func constantArguments(_ args: CallArgs) -> TemplateArguments? {
        guard args.star == nil, args.starStar == nil else { return nil }
        var positional: [TemplateValue] = []
        for p in args.positional {
            guard let v = p.constantValue else { return nil }
            positional.append(v)
        }
        var keywords: [(name: String, value: TemplateValue)] = []
        for (name, e) in args.keywords {
            guard let v = e.constantValue else { return nil }
            keywords.append((name, v))
        }
        return TemplateArguments(positional, keywords: keywords)
    }

    static func hasNoArguments(_ args: CallArgs) -> Bool {
        args.positional.isEmpty && args.keywords.isEmpty && args.star == nil && args.starStar == nil
    }

    /// The byte mapping of `upper`, `lower`, `capitalize` and `title` (without arguments).
    static func byteMap(_ name: String) -> OutputBuffer.ByteMap? {
        switch name {
        case "upper": return .upper
        case "lower": return .lower
        case "capitalize": return .capitalize
        case "title": return .title
        default: return nil
        }
    }

    /// `truncate`'s arguments when they are literals that the filter accepts.
    func truncateSpec(_ args: CallArgs) -> TruncateSpec? {
        guard let constant = Compiler.constantArguments(args),
              let a = try? constant.bind("do_truncate", ["length", "killwords", "end", "leeway"])
        else { return nil }
        do {
            let length = try FilterSupport.int(a[0], "length") ?? 255
            let killwords = (a[1] ?? .bool(false)).truthyConstant
            let endValue = a[2] ?? .string("...")
            let end = endValue.stringValue ?? endValue.printed
            let leeway = try FilterSupport.int(a[3], "leeway") ?? env.configuration.truncateLeeway
            let endCount = PyString.length(end)
            guard length >= endCount, leeway >= 0 else { return nil }
            return TruncateSpec(length: length, killwords: killwords, end: end, endCount: endCount, leeway: leeway)
        } catch {
            return nil
        }
    }

    /// The number of places of a `"%.Nf"` format string.
    static func fixedPlaces(_ format: String) -> Int? {
        let b = Array(format.utf8)
        guard b.count == 4 || b.count == 5, b[0] == 0x25, b[1] == 0x2E, b.last == 0x66,
              b[2...].dropLast().allSatisfy(ByteClass.isDigit)
        else { return nil }
        return b[2...].dropLast().reduce(0) { $0 * 10 + Int($1 - 48) }
    }

    /// An expression-position filter with its arguments bound at compile time, or `nil`.
    func specializedFilter(_ name: String, _ args: CallArgs, entry: FilterEntry, subject: @escaping Eval) -> Eval? {
        guard isBuiltinFilter(name) else { return nil }
        let escape = autoescape
        switch name {
        case "default", "d":
            guard let constant = Compiler.constantArguments(args),
                  let a = try? constant.bind("do_default", ["default_value", "boolean"])
            else { return nil }
            let fallback = a[0] ?? .string("")
            let boolean = a[1]?.truthyConstant ?? false
            return { f in
                let v = try subject(f)
                if case .undefined = v { return fallback }
                if boolean, !(try Compiler.truthy(v, f.state)) { return fallback }
                return v
            }
        case "upper", "lower", "capitalize", "title":
            guard Compiler.hasNoArguments(args) else { return nil }
            let noArguments = TemplateArguments()
            let transform: @Sendable (String) -> String
            switch name {
            case "upper": transform = PyString.upper
            case "lower": transform = PyString.lower
            case "capitalize": transform = PyString.capitalize
            default: transform = StringFilters.jinjaTitle
            }
            let alwaysString = name == "title"
            return { f in
                let v = try subject(f)
                switch v {
                case .string(let s): return .string(transform(s))
                case .markup(let s): return alwaysString ? .string(transform(s)) : .markup(transform(s))
                default: return try entry.call(v, noArguments, FilterContext(state: f.state, autoescape: escape))
                }
            }
        default:
            return nil
        }
    }

    /// `{{ x|filter(…) }}` for built-in filters that can write their result directly, or `nil`.
    func outputFilterStep(_ e: Expr, guardOutput: Bool) throws -> Step? {
        guard case .filter(let subjectExpr?, let name, let args) = e.kind, isBuiltinFilter(name),
              let entry = env.filters[name]
        else { return nil }
        let escape = autoescape
        if let map = Compiler.byteMap(name), Compiler.hasNoArguments(args) {
            let subject = try compileExpr(subjectExpr)
            let noArguments = TemplateArguments()
            let titleCase = map == .title
            return Step(run: { out, frame in
                if guardOutput && frame.context.parentTemplate != nil { return }
                let v = try subject(frame)
                switch v {
                case .string(let s):
                    if try out.writeMapped(s, map, escape: escape) { return }
                case .markup(let s):
                    // `title` gives a plain string even for markup; the others keep markup.
                    if try out.writeMapped(s, map, escape: titleCase && escape) { return }
                default:
                    break
                }
                let result = try entry.call(v, noArguments, FilterContext(state: frame.state, autoescape: escape))
                try Compiler.write(result, escape: escape, to: &out, state: frame.state)
            }, line: e.line)
        }
        if name == "truncate", let spec = truncateSpec(args) {
            let subject = try compileExpr(subjectExpr)
            let constant = Compiler.constantArguments(args) ?? TemplateArguments()
            let plainEnd = StaticText(escape ? Array(Escaper.escape(spec.end).utf8) : Array(spec.end.utf8))
            let markupEnd = StaticText(Array(Escaper.escape(spec.end).utf8))
            return Step(run: { out, frame in
                if guardOutput && frame.context.parentTemplate != nil { return }
                let v = try subject(frame)
                switch v {
                case .string(let s): try out.writeTruncated(s, escape: escape, spec, end: plainEnd)
                case .markup(let s): try out.writeTruncated(s, escape: false, spec, end: markupEnd)
                default:
                    let result = try entry.call(v, constant, FilterContext(state: frame.state, autoescape: escape))
                    try Compiler.write(result, escape: escape, to: &out, state: frame.state)
                }
            }, line: e.line)
        }
        if name == "format", case .constant(.string(let format)) = subjectExpr.kind, let places = Compiler.fixedPlaces(format),
           args.positional.count == 1, args.keywords.isEmpty, args.star == nil, args.starStar == nil {
            let operand = try compileExpr(args.positional[0])
            let subject = TemplateValue.string(format)
            return Step(run: { out, frame in
                if guardOutput && frame.context.parentTemplate != nil { return }
                let v = try operand(frame)
                if let d = v.doubleValue, d.isFinite {
                    try out.writeFixed(d, places: places)
                    return
                }
                let result = try entry.call(subject, TemplateArguments([v]), FilterContext(state: frame.state, autoescape: escape))
                try Compiler.write(result, escape: escape, to: &out, state: frame.state)
            }, line: e.line)
        }
        return nil
    }
}
