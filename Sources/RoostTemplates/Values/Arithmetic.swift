/// Python arithmetic on template values, with limits against runaway sizes.
enum Arithmetic {
    static func unsupported(_ op: String, _ a: TemplateValue, _ b: TemplateValue) -> TemplateError {
        .type("unsupported operand type(s) for \(op): '\(a.typeName)' and '\(b.typeName)'")
    }

    static func undefinedError(_ a: TemplateValue, _ b: TemplateValue) -> TemplateError? {
        if case .undefined(let u) = a { return .undefined(u.message) }
        if case .undefined(let u) = b { return .undefined(u.message) }
        return nil
    }

    /// Numeric view of a value: ints (and bools) stay exact, floats are doubles.
    enum Number {
        case int(Int)
        case double(Double)

        init?(_ v: TemplateValue) {
            switch v {
            case .int(let i): self = .int(i)
            case .bool(let b): self = .int(b ? 1 : 0)
            case .double(let d): self = .double(d)
            default: return nil
            }
        }

        var double: Double {
            switch self {
            case .int(let i): return Double(i)
            case .double(let d): return d
            }
        }
    }

    static func overflow() -> TemplateError { .limit("integer result is too large") }

    static func add(_ a: TemplateValue, _ b: TemplateValue, limits: Limits) throws -> TemplateValue {
        if case .int(let x) = a, case .int(let y) = b {
            let (r, o) = x.addingReportingOverflow(y)
            if o { throw overflow() }
            return .int(r)
        }
        if let x = Number(a), let y = Number(b) {
            if case .int(let i) = x, case .int(let j) = y {
                let (r, o) = i.addingReportingOverflow(j)
                if o { throw overflow() }
                return .int(r)
            }
            return .double(x.double + y.double)
        }
        switch (a, b) {
        case (.string(let x), .string(let y)):
            try limits.checkString(x.utf8.count + y.utf8.count)
            return .string(x + y)
        case (.markup(let x), .markup(let y)):
            try limits.checkString(x.utf8.count + y.utf8.count)
            return .markup(x + y)
        case (.markup(let x), .string(let y)):
            return .markup(x + Escaper.escape(y))
        case (.string(let x), .markup(let y)):
            return .markup(Escaper.escape(x) + y)
        case (.list(let x), .list(let y)):
            try limits.checkItems(x.count + y.count)
            return .list(x + y)
        case (.tuple(let x), .tuple(let y)):
            try limits.checkItems(x.count + y.count)
            return .tuple(x + y)
        default:
            if let e = undefinedError(a, b) { throw e }
            switch a {
            case .string, .markup, .list, .tuple:
                throw TemplateError.type("can only concatenate \(a.typeName == "Markup" ? "str" : a.typeName) (not \"\(b.typeName)\") to \(a.typeName == "Markup" ? "str" : a.typeName)")
            default:
                throw unsupported("+", a, b)
            }
        }
    }

    static func sub(_ a: TemplateValue, _ b: TemplateValue) throws -> TemplateValue {
        guard let x = Number(a), let y = Number(b) else {
            throw undefinedError(a, b) ?? unsupported("-", a, b)
        }
        if case .int(let i) = x, case .int(let j) = y {
            let (r, o) = i.subtractingReportingOverflow(j)
            if o { throw overflow() }
            return .int(r)
        }
        return .double(x.double - y.double)
    }

    static func mul(_ a: TemplateValue, _ b: TemplateValue, limits: Limits) throws -> TemplateValue {
        if let x = Number(a), let y = Number(b) {
            if case .int(let i) = x, case .int(let j) = y {
                let (r, o) = i.multipliedReportingOverflow(by: j)
                if o { throw overflow() }
                return .int(r)
            }
            return .double(x.double * y.double)
        }
        func repeatCount(_ v: TemplateValue) -> Int? {
            if case .int(let i) = v { return max(0, i) }
            if case .bool(let b) = v { return b ? 1 : 0 }
            return nil
        }
        switch (a, b) {
        case (.string(let s), _), (.markup(let s), _):
            if let n = repeatCount(b) {
                let (total, o) = s.utf8.count.multipliedReportingOverflow(by: n)
                try limits.checkString(o ? Int.max : total)
                let r = String(repeating: s, count: n)
                return a.isMarkup ? .markup(r) : .string(r)
            }
        case (_, .string(let s)), (_, .markup(let s)):
            if let n = repeatCount(a) {
                let (total, o) = s.utf8.count.multipliedReportingOverflow(by: n)
                try limits.checkString(o ? Int.max : total)
                let r = String(repeating: s, count: n)
                return b.isMarkup ? .markup(r) : .string(r)
            }
        case (.list(let items), _), (.tuple(let items), _):
            if let n = repeatCount(b) {
                let (total, o) = items.count.multipliedReportingOverflow(by: n)
                try limits.checkItems(o ? Int.max : total)
                let r = Array([[TemplateValue]](repeating: items, count: n).joined())
                if case .list = a { return .list(r) } else { return .tuple(r) }
            }
        case (_, .list(let items)), (_, .tuple(let items)):
            if let n = repeatCount(a) {
                let (total, o) = items.count.multipliedReportingOverflow(by: n)
                try limits.checkItems(o ? Int.max : total)
                let r = Array([[TemplateValue]](repeating: items, count: n).joined())
                if case .list = b { return .list(r) } else { return .tuple(r) }
            }
        default:
            break
        }
        if let e = undefinedError(a, b) { throw e }
        if a.stringValue != nil || b.stringValue != nil || a.arrayValue != nil || b.arrayValue != nil {
            let seq = a.stringValue != nil || a.arrayValue != nil ? a : b
            let other = seq == a ? b : a
            if other.doubleValue != nil {
                throw TemplateError.type("can't multiply sequence by non-int of type '\(other.typeName)'")
            }
        }
        throw unsupported("*", a, b)
    }

    static func div(_ a: TemplateValue, _ b: TemplateValue) throws -> TemplateValue {
        guard let x = Number(a), let y = Number(b) else {
            throw undefinedError(a, b) ?? unsupported("/", a, b)
        }
        if y.double == 0 { throw TemplateError(.zeroDivision, message: "division by zero") }
        return .double(x.double / y.double)
    }

    static func floorDiv(_ a: TemplateValue, _ b: TemplateValue) throws -> TemplateValue {
        guard let x = Number(a), let y = Number(b) else {
            throw undefinedError(a, b) ?? unsupported("//", a, b)
        }
        if case .int(let i) = x, case .int(let j) = y {
            if j == 0 { throw TemplateError(.zeroDivision, message: "integer division or modulo by zero") }
            if i == .min && j == -1 { throw overflow() }
            var q = i / j
            if i % j != 0 && ((i < 0) != (j < 0)) { q -= 1 }
            return .int(q)
        }
        let (p, q) = (x.double, y.double)
        if q == 0 { throw TemplateError(.zeroDivision, message: "float floor division by zero") }
        return .double(floatFloorDiv(p, q))
    }

    static func floatMod(_ a: Double, _ b: Double) -> Double {
        var r = a.truncatingRemainder(dividingBy: b)
        if r != 0 {
            if (b < 0) != (r < 0) { r += b }
        } else {
            r = b < 0 ? -0.0 : 0.0
        }
        return r
    }

    static func floatFloorDiv(_ a: Double, _ b: Double) -> Double {
        let mod = a.truncatingRemainder(dividingBy: b)
        var div = (a - mod) / b
        if mod != 0 && ((b < 0) != (mod < 0)) { div -= 1.0 }
        if div != 0 {
            var fl = div.rounded(.down)
            if div - fl > 0.5 { fl += 1.0 }
            return fl
        }
        return (a / b) < 0 ? -0.0 : 0.0
    }

    static func mod(_ a: TemplateValue, _ b: TemplateValue, limits: Limits) throws -> TemplateValue {
        if let x = Number(a), let y = Number(b) {
            if case .int(let i) = x, case .int(let j) = y {
                if j == 0 { throw TemplateError(.zeroDivision, message: "integer division or modulo by zero") }
                if j == -1 { return .int(0) }
                var r = i % j
                if r != 0 && ((r < 0) != (j < 0)) { r += j }
                return .int(r)
            }
            if y.double == 0 { throw TemplateError(.zeroDivision, message: "float modulo") }
            return .double(floatMod(x.double, y.double))
        }
        switch a {
        case .string(let s):
            return .string(try PercentFormat.format(s, b, escape: false, limits: limits))
        case .markup(let s):
            return .markup(try PercentFormat.format(s, b, escape: true, limits: limits))
        default:
            throw undefinedError(a, b) ?? unsupported("%", a, b)
        }
    }

    static func pow(_ a: TemplateValue, _ b: TemplateValue, limits: Limits) throws -> TemplateValue {
        guard let x = Number(a), let y = Number(b) else {
            throw undefinedError(a, b) ?? unsupported("** or pow()", a, b)
        }
        if case .int(let base) = x, case .int(let exp) = y, exp >= 0 {
            return .int(try intPow(base, exp))
        }
        let (p, q) = (x.double, y.double)
        if p == 0 && q < 0 {
            throw TemplateError(.zeroDivision, message: "0.0 cannot be raised to a negative power")
        }
        if p < 0 && q.rounded(.towardZero) != q {
            throw TemplateError(.value, message: "complex results are not supported")
        }
        let r = MathFunctions.pow(p, q)
        if r.isInfinite && p.isFinite && q.isFinite {
            throw TemplateError(.limitExceeded, message: "(34, 'Numerical result out of range')")
        }
        return .double(r)
    }

    static func intPow(_ base: Int, _ exp: Int) throws -> Int {
        if base == 0 { return exp == 0 ? 1 : 0 }
        if base == 1 { return 1 }
        if base == -1 { return exp % 2 == 0 ? 1 : -1 }
        if exp > 64 { throw overflow() }
        var result = 1
        var b = base
        var e = exp
        while e > 0 {
            if e & 1 == 1 {
                let (r, o) = result.multipliedReportingOverflow(by: b)
                if o { throw overflow() }
                result = r
            }
            e >>= 1
            if e > 0 {
                let (sq, o) = b.multipliedReportingOverflow(by: b)
                if o { throw overflow() }
                b = sq
            }
        }
        return result
    }

    static func negate(_ a: TemplateValue) throws -> TemplateValue {
        switch a {
        case .int(let i):
            if i == .min { throw overflow() }
            return .int(-i)
        case .bool(let b): return .int(b ? -1 : 0)
        case .double(let d): return .double(-d)
        case .undefined(let u): throw TemplateError.undefined(u.message)
        default: throw TemplateError.type("bad operand type for unary -: '\(a.typeName)'")
        }
    }

    static func plus(_ a: TemplateValue) throws -> TemplateValue {
        switch a {
        case .int, .double: return a
        case .bool(let b): return .int(b ? 1 : 0)
        case .undefined(let u): throw TemplateError.undefined(u.message)
        default: throw TemplateError.type("bad operand type for unary +: '\(a.typeName)'")
        }
    }
}
