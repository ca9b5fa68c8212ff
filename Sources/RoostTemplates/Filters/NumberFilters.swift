/// Number and value filters: `abs`, `int`, `float`, `round`, `default`, `attr`, `filesizeformat`.
enum NumberFilters {
    static func register(_ f: inout FilterTable) {
        f["abs"] = { v, _, _ in
            switch v {
            case .int(let i):
                if i == .min { throw Arithmetic.overflow() }
                return .int(abs(i))
            case .bool(let b): return .int(b ? 1 : 0)
            case .double(let d): return .double(abs(d))
            case .undefined(let u): throw TemplateError.undefined(u.message)
            default: throw TemplateError.type("bad operand type for abs(): '\(v.typeName)'")
            }
        }
        f["int"] = { v, args, ctx in
            let a = try args.bind("do_int", ["default", "base"])
            let fallback = a[0] ?? .int(0)
            let base = try FilterSupport.int(a[1], "base") ?? 10
            switch v {
            case .int: return v
            case .bool(let b): return .int(b ? 1 : 0)
            case .double(let d):
                guard d.isFinite, abs(d) < 9.2e18 else { return fallback }
                return .int(Int(d.rounded(.towardZero)))
            case .string(let s), .markup(let s):
                if let i = FilterSupport.parseInt(s, base: base) { return .int(i) }
                if let d = FilterSupport.parseFloat(s), d.isFinite, abs(d) < 9.2e18 { return .int(Int(d.rounded(.towardZero))) }
                return fallback
            default:
                return fallback
            }
        }
        f["float"] = { v, args, _ in
            let a = try args.bind("do_float", ["default"])
            let fallback = a[0] ?? .double(0)
            switch v {
            case .int(let i): return .double(Double(i))
            case .bool(let b): return .double(b ? 1 : 0)
            case .double: return v
            case .string(let s), .markup(let s): return FilterSupport.parseFloat(s).map { .double($0) } ?? fallback
            default: return fallback
            }
        }
        f["round"] = { v, args, _ in
            let a = try args.bind("do_round", ["precision", "method"])
            let precision = try FilterSupport.int(a[0], "precision") ?? 0
            let method = a[1]?.stringValue ?? "common"
            guard ["common", "ceil", "floor"].contains(method) else {
                throw TemplateError.filterArgument("method must be common, ceil or floor")
            }
            guard let number = Arithmetic.Number(v) else {
                if case .undefined(let u) = v { throw TemplateError.undefined(u.message) }
                throw TemplateError.type("type \(v.typeName) doesn't define __round__ method")
            }
            if method == "common" {
                switch number {
                case .int(let i):
                    if precision >= 0 { return .int(i) }
                    return .int(try roundInt(i, precision))
                case .double(let d):
                    return .double(PythonFloat.round(d, precision))
                }
            }
            let scale = MathFunctions.pow(10, Double(precision))
            let scaled = number.double * scale
            let r = method == "ceil" ? scaled.rounded(.up) : scaled.rounded(.down)
            return .double(r / scale)
        }
        f["default"] = { v, args, ctx in
            let a = try args.bind("do_default", ["default_value", "boolean"])
            let fallback = a[0] ?? .string("")
            if case .undefined = v { return fallback }
            if let b = a[1], try ctx.state.truthy(b), !(try ctx.state.truthy(v)) { return fallback }
            return v
        }
        f["d"] = f["default"]
        f["attr"] = { v, args, ctx in
            let a = try args.bind("do_attr", ["name"], required: 1)
            guard let name = a[0]?.stringValue else { throw TemplateError.type("attribute name must be string") }
            switch v {
            case .dict:
                if BuiltinMethods.isDictMethod(name) { return BuiltinMethods.bound(v, name) }
                return ctx.state.undefinedAttribute(v, .string(name))
            case .undefined(let u):
                if ctx.state.undefined == .chainable { return v }
                throw TemplateError.undefined(u.message)
            default:
                return try ctx.state.getattr(v, name)
            }
        }
        f["filesizeformat"] = { v, args, ctx in
            let a = try args.bind("do_filesizeformat", ["binary"])
            let binary = try ctx.state.truthy(a[0] ?? .bool(false))
            let bytes: Double
            switch v {
            case .string(let s), .markup(let s):
                guard let d = FilterSupport.parseFloat(s) else { throw TemplateError.value("could not convert string to float: \(PythonRepr.string(s))") }
                bytes = d
            default:
                guard let d = v.doubleValue else { throw TemplateError.type("float() argument must be a string or a real number, not '\(v.typeName)'") }
                bytes = d
            }
            let base = binary ? 1024.0 : 1000.0
            let prefixes = binary ? ["KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"] : ["kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"]
            if bytes == 1 { return .string("1 Byte") }
            if bytes < base {
                guard bytes.isFinite else { return .string("\(PythonFloat.repr(bytes)) Bytes") }
                return .string("\(Int(bytes.rounded(.towardZero))) Bytes")
            }
            var unit = base
            for (i, prefix) in prefixes.enumerated() {
                unit = MathFunctions.pow(base, Double(i + 2))
                if bytes < unit {
                    return .string("\(PythonFloat.fixed(base * bytes / unit, 1)) \(prefix)")
                }
            }
            return .string("\(PythonFloat.fixed(base * bytes / unit, 1)) \(prefixes.last!)")
        }
    }

    /// Python's `round(int, negative_ndigits)`: ties to even.
    static func roundInt(_ i: Int, _ precision: Int) throws -> Int {
        if precision < -18 { return 0 }
        let p = try Arithmetic.intPow(10, -precision)
        let q = i / p
        let r = i % p
        var base = q * p
        let twice = abs(r) * 2
        if twice > p || (twice == p && q % 2 != 0) {
            base += i < 0 ? -p : p
        }
        return base
    }
}
