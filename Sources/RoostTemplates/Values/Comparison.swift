/// Python comparisons, membership and truthiness.
enum Comparison {
    /// Python's `a < b` (and the other orderings), raising `TypeError` across types.
    static func less(_ a: TemplateValue, _ b: TemplateValue, op: String = "<") throws -> Bool {
        switch (a, b) {
        case (.int(let x), .int(let y)): return x < y
        case (.string(let x), .string(let y)), (.string(let x), .markup(let y)),
            (.markup(let x), .string(let y)), (.markup(let x), .markup(let y)):
            return x.utf8.lexicographicallyPrecedes(y.utf8)
        case (.list(let x), .list(let y)), (.tuple(let x), .tuple(let y)):
            for (p, q) in zip(x, y) where p != q {
                return try less(p, q, op: op)
            }
            return x.count < y.count
        default:
            if let x = Arithmetic.Number(a), let y = Arithmetic.Number(b) {
                switch (x, y) {
                case (.int(let i), .int(let j)): return i < j
                case (.int(let i), .double(let d)): return compareIntDouble(i, d) < 0
                case (.double(let d), .int(let i)): return compareIntDouble(i, d) > 0
                default: return x.double < y.double
                }
            }
            if case .undefined(let u) = a { throw TemplateError.undefined(u.message) }
            if case .undefined(let u) = b { throw TemplateError.undefined(u.message) }
            throw TemplateError.type("'\(op)' not supported between instances of '\(a.typeName == "Markup" ? "str" : a.typeName)' and '\(b.typeName == "Markup" ? "str" : b.typeName)'")
        }
    }

    /// -1, 0 or 1 comparing an integer with a double exactly (NaN compares as unordered: 2).
    static func compareIntDouble(_ i: Int, _ d: Double) -> Int {
        if d.isNaN { return 2 }
        if d >= 9.223372036854775808e18 { return -1 }
        if d < -9.223372036854775808e18 { return 1 }
        let t = d.rounded(.down)
        let ti = Int(t)
        if i < ti { return -1 }
        if i > ti { return 1 }
        return d > t ? -1 : 0
    }

    static func compare(_ op: CompareOp, _ a: TemplateValue, _ b: TemplateValue, strict: Bool) throws -> Bool {
        switch op {
        case .eq: return try equal(a, b, strict: strict)
        case .ne: return try !equal(a, b, strict: strict)
        case .lt: return try less(a, b, op: "<")
        case .gt: return try less(b, a, op: ">")
        case .lteq:
            if try equal(a, b, strict: strict), a.doubleValue?.isNaN != true { return true }
            return try less(a, b, op: "<=")
        case .gteq:
            if try equal(a, b, strict: strict), a.doubleValue?.isNaN != true { return true }
            return try less(b, a, op: ">=")
        case .in: return try contains(b, a, strict: strict)
        case .notIn: return try !contains(b, a, strict: strict)
        }
    }

    static func equal(_ a: TemplateValue, _ b: TemplateValue, strict: Bool) throws -> Bool {
        if strict {
            if case .undefined(let u) = a { throw TemplateError.undefined(u.message) }
            if case .undefined(let u) = b { throw TemplateError.undefined(u.message) }
        }
        return a == b
    }

    /// Python's `needle in container`.
    static func contains(_ container: TemplateValue, _ needle: TemplateValue, strict: Bool) throws -> Bool {
        switch container {
        case .string(let s), .markup(let s):
            guard let n = needle.stringValue else {
                if case .undefined(let u) = needle { throw TemplateError.undefined(u.message) }
                throw TemplateError.type("'in <string>' requires string as left operand, not \(needle.typeName)")
            }
            return n.isEmpty || StringSearch.find(n, in: s) != nil
        case .list(let items), .tuple(let items):
            return items.contains { $0 == needle }
        case .dict(let d):
            return d[needle] != nil
        case .undefined(let u):
            if strict { throw TemplateError.undefined(u.message) }
            return false
        case .object(let o):
            if let items = o.iterated { return items.contains { $0 == needle } }
            throw TemplateError.type("argument of type '\(o.typeName)' is not iterable")
        default:
            throw TemplateError.type("argument of type '\(container.typeName)' is not iterable")
        }
    }
}

/// Substring search on strings (code point semantics, like Python).
enum StringSearch {
    static func find(_ needle: String, in haystack: String, from: Int = 0) -> Int? {
        ByteSearch.find(Array(needle.utf8), in: Array(haystack.utf8), from: from)
    }
}
