/// Helpers shared by filters: attribute getters (`attribute='a.b'`), Python sorting, string
/// coercion that keeps Markup.
enum FilterSupport {
    /// Jinja's `ignore_case` post-processing for case-insensitive comparisons.
    static func ignoreCase(_ v: TemplateValue) -> TemplateValue {
        switch v {
        case .string(let s): return .string(PyString.lower(s))
        case .markup(let s): return .markup(PyString.lower(s))
        default: return v
        }
    }

    /// Splits `a.b.0` into lookups (digits become integer indexes).
    static func attributeParts(_ attribute: TemplateValue) -> [TemplateValue] {
        switch attribute {
        case .string(let s), .markup(let s):
            return s.split(separator: ".", omittingEmptySubsequences: false).map { part in
                if let i = Int(part), part.allSatisfy(\.isNumber) { return .int(i) }
                return .string(String(part))
            }
        default:
            return [attribute]
        }
    }

    /// Jinja's `make_attrgetter`.
    static func attrGetter(
        _ attribute: TemplateValue?, state: RenderState, lowercase: Bool = false, default fallback: TemplateValue? = nil
    ) -> (TemplateValue) throws -> TemplateValue {
        guard let attribute else {
            return { v in lowercase ? ignoreCase(v) : v }
        }
        let parts = attributeParts(attribute)
        return { item in
            var v = item
            for p in parts {
                v = try state.getitem(v, p)
                if case .undefined = v, let fallback {
                    v = fallback
                    break
                }
            }
            return lowercase ? ignoreCase(v) : v
        }
    }

    /// Jinja's `make_multi_attrgetter`: `attribute='age,name'` gives a list key.
    static func multiAttrGetter(_ attribute: TemplateValue?, state: RenderState, lowercase: Bool) -> (TemplateValue) throws -> TemplateValue {
        guard let attribute, let text = attribute.stringValue, text.contains(",") else {
            return attrGetter(attribute, state: state, lowercase: lowercase)
        }
        let getters = text.split(separator: ",").map { attrGetter(.string(String($0)), state: state, lowercase: lowercase) }
        return { item in .list(try getters.map { try $0(item) }) }
    }

    /// A stable sort by Python `<` on keys; `reverse` keeps equal items in their order as
    /// Python's `sorted(…, reverse=True)` does.
    static func sorted(_ items: [TemplateValue], key: (TemplateValue) throws -> TemplateValue, reverse: Bool) throws -> [TemplateValue] {
        let keyed = try items.enumerated().map { (try key($0.element), $0.offset, $0.element) }
        let result = try keyed.sorted { a, b in
            if reverse {
                if try Comparison.less(b.0, a.0) { return true }
                if try Comparison.less(a.0, b.0) { return false }
            } else {
                if try Comparison.less(a.0, b.0) { return true }
                if try Comparison.less(b.0, a.0) { return false }
            }
            return a.1 < b.1
        }
        return result.map(\.2)
    }

    /// `soft_str`: strings and Markup as they are, anything else printed.
    static func softString(_ v: TemplateValue, _ state: RenderState) throws -> (String, Bool) {
        switch v {
        case .markup(let s): return (s, true)
        case .string(let s): return (s, false)
        default: return (try state.str(v), false)
        }
    }

    static func wrap(_ s: String, markup: Bool) -> TemplateValue {
        markup ? .markup(s) : .string(s)
    }

    static func int(_ v: TemplateValue?, _ name: String) throws -> Int? {
        guard let v else { return nil }
        switch v {
        case .int(let i): return i
        case .bool(let b): return b ? 1 : 0
        case .undefined(let u): throw TemplateError.undefined(u.message)
        default: throw TemplateError.type("'\(v.typeName)' object cannot be interpreted as an integer")
        }
    }

    /// Python's `int(text, base)`.
    static func parseInt(_ text: String, base: Int) -> Int? {
        var s = text.trimmingPythonSpace()
        var negative = false
        if s.hasPrefix("-") || s.hasPrefix("+") {
            negative = s.hasPrefix("-")
            s.removeFirst()
        }
        var radix = base
        let lower = s.lowercased()
        for (prefix, r) in [("0x", 16), ("0o", 8), ("0b", 2)] where lower.hasPrefix(prefix) && (base == r || base == 0) {
            radix = r
            s = String(s.dropFirst(2))
            if s.hasPrefix("_") { s.removeFirst() }
        }
        if radix == 0 {
            radix = 10
            if s.count > 1 && s.hasPrefix("0") && s.contains(where: { $0 != "0" && $0 != "_" }) { return nil }
        }
        guard !s.isEmpty, !s.hasPrefix("_"), !s.hasSuffix("_"), !s.contains("__") else { return nil }
        guard let v = Int(s.replacingUnderscores(), radix: radix) else { return nil }
        return negative ? -v : v
    }

    /// Python's `float(text)`.
    static func parseFloat(_ text: String) -> Double? {
        let s = text.trimmingPythonSpace()
        let lower = s.lowercased()
        switch lower {
        case "inf", "+inf", "infinity", "+infinity": return .infinity
        case "-inf", "-infinity": return -.infinity
        case "nan", "+nan", "-nan": return .nan
        default: break
        }
        guard !s.isEmpty, !s.hasPrefix("_"), !s.hasSuffix("_"), !s.contains("__"), !s.contains("._"), !s.contains("_.") else { return nil }
        let cleaned = s.replacingUnderscores()
        guard cleaned.allSatisfy({ $0.isASCII && ($0.isNumber || "+-.eE".contains($0)) }) else { return nil }
        return Double(cleaned)
    }
}

extension String {
    func replacingUnderscores() -> String { String(filter { $0 != "_" }) }
}
