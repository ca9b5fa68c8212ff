/// Jinja's built-in tests (`x is defined`, `n is divisibleby(3)`, …).
enum BuiltinTests {
    static func one(_ args: TemplateArguments, _ name: String, _ param: String) throws -> TemplateValue {
        let a = try args.bind(name, [param], required: 1)
        return a[0]!
    }

    static func isNumber(_ v: TemplateValue) -> Bool {
        switch v {
        case .int, .double, .bool: return true
        default: return false
        }
    }

    static let all: TestTable = {
        var t = TestTable()
        t["defined"] = { v, _, _ in v.isDefined }
        t["undefined"] = { v, _, _ in !v.isDefined }
        t["none"] = { v, _, _ in v.isNone }
        t["boolean"] = { v, _, _ in if case .bool = v { return true }; return false }
        t["false"] = { v, _, _ in if case .bool(false) = v { return true }; return false }
        t["true"] = { v, _, _ in if case .bool(true) = v { return true }; return false }
        t["integer"] = { v, _, _ in if case .int = v { return true }; return false }
        t["float"] = { v, _, _ in if case .double = v { return true }; return false }
        t["number"] = { v, _, _ in isNumber(v) }
        t["string"] = { v, _, _ in v.stringValue != nil }
        t["mapping"] = { v, _, _ in if case .dict = v { return true }; return false }
        t["sequence"] = { v, _, _ in
            switch v {
            case .string, .markup, .list, .tuple, .dict: return true
            case .object(let o): return o.iterated != nil
            default: return false
            }
        }
        t["iterable"] = { v, _, _ in
            switch v {
            case .string, .markup, .list, .tuple, .dict, .undefined: return true
            case .object(let o): return o.iterated != nil
            default: return false
            }
        }
        t["callable"] = { v, _, _ in
            switch v {
            case .callable: return true
            case .object(let o): return o is LoopContext
            default: return false
            }
        }
        t["escaped"] = { v, _, _ in
            if v.isMarkup { return true }
            if case .object(let o) = v, o.asModule != nil { return true }
            return false
        }
        t["lower"] = { v, _, ctx in
            let s = try ctx.state.str(v)
            return s == PyString.lower(s) && StringMethods.hasCased(s)
        }
        t["upper"] = { v, _, ctx in
            let s = try ctx.state.str(v)
            return s == PyString.upper(s) && StringMethods.hasCased(s)
        }
        t["odd"] = { v, _, _ in
            guard let i = v.intValue else { throw TemplateError.type("not all arguments converted during string formatting") }
            return i % 2 != 0
        }
        t["even"] = { v, _, _ in
            guard let i = v.intValue else { throw TemplateError.type("not all arguments converted during string formatting") }
            return i % 2 == 0
        }
        t["divisibleby"] = { v, args, ctx in
            let n = try one(args, "divisibleby", "num")
            let r = try Arithmetic.mod(v, n, limits: ctx.state.limits)
            return r == .int(0)
        }
        t["sameas"] = { v, args, _ in
            let other = try one(args, "sameas", "other")
            switch (v, other) {
            case (.none, .none): return true
            case (.bool(let a), .bool(let b)): return a == b
            case (.int(let a), .int(let b)): return a == b && a >= -5 && a <= 256
            case (.callable(let a), .callable(let b)): return a === b
            case (.object(let a), .object(let b)): return a === b
            case (.dict(let a), .dict(let b)): return a.isIdentical(to: b)
            default: return false
            }
        }
        let eq: TestFunction = { v, args, ctx in try Comparison.equal(v, one(args, "eq", "other"), strict: ctx.state.strict) }
        let ne: TestFunction = { v, args, ctx in try !Comparison.equal(v, one(args, "ne", "other"), strict: ctx.state.strict) }
        let lt: TestFunction = { v, args, _ in try Comparison.less(v, one(args, "lt", "other"), op: "<") }
        let le: TestFunction = { v, args, _ in try Comparison.compare(.lteq, v, one(args, "le", "other"), strict: false) }
        let gt: TestFunction = { v, args, _ in try Comparison.less(one(args, "gt", "other"), v, op: ">") }
        let ge: TestFunction = { v, args, _ in try Comparison.compare(.gteq, v, one(args, "ge", "other"), strict: false) }
        for (names, f) in [(["eq", "==", "equalto"], eq), (["ne", "!="], ne), (["lt", "<", "lessthan"], lt), (["le", "<="], le),
                           (["gt", ">", "greaterthan"], gt), (["ge", ">="], ge)] {
            for n in names { t[n] = f }
        }
        t["in"] = { v, args, ctx in try Comparison.contains(one(args, "in", "seq"), v, strict: ctx.state.strict) }
        t["filter"] = { v, _, ctx in
            guard let name = v.stringValue else { return false }
            return ctx.state.env.filters[name] != nil
        }
        t["test"] = { v, _, ctx in
            guard let name = v.stringValue else { return false }
            return ctx.state.env.tests[name] != nil
        }
        return t
    }()
}

extension StringMethods {
    static func hasCased(_ s: String) -> Bool {
        s.unicodeScalars.contains { $0.properties.isCased }
    }
}
