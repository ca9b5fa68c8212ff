/// `json.dumps(value, sort_keys=True)` as Python writes it (`", "` and `": "` separators,
/// non-ASCII escaped), for the `tojson` filter.
enum JSONDump {
    static func string(_ s: String, into out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            default:
                if scalar.value < 0x20 || scalar.value > 0x7E {
                    if scalar.value > 0xFFFF {
                        let v = scalar.value - 0x10000
                        out += "\\u" + PythonRepr.hex(0xD800 + (v >> 10), 4) + "\\u" + PythonRepr.hex(0xDC00 + (v & 0x3FF), 4)
                    } else {
                        out += "\\u" + PythonRepr.hex(scalar.value, 4)
                    }
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }

    static func key(_ k: TemplateValue) throws -> String {
        switch k {
        case .string(let s), .markup(let s): return s
        case .int(let i): return String(i)
        case .double(let d): return PythonFloat.repr(d)
        case .bool(let b): return b ? "true" : "false"
        case .none: return "null"
        default: throw TemplateError.type("keys must be str, int, float, bool or None, not \(k.typeName)")
        }
    }

    static func dump(_ v: TemplateValue, indent: Int?, level: Int, into out: inout String) throws {
        let newline: String? = indent.map { "\n" + String(repeating: " ", count: $0 * (level + 1)) }
        let closing: String? = indent.map { "\n" + String(repeating: " ", count: $0 * level) }
        switch v {
        case .none: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .double(let d):
            if d.isNaN { out += "NaN" } else if d.isInfinite { out += d < 0 ? "-Infinity" : "Infinity" } else { out += PythonFloat.repr(d) }
        case .string(let s), .markup(let s): string(s, into: &out)
        case .list(let items), .tuple(let items):
            if items.isEmpty {
                out += "[]"
                return
            }
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += indent == nil ? ", " : "," }
                if let newline { out += newline }
                try dump(item, indent: indent, level: level + 1, into: &out)
            }
            if let closing { out += closing }
            out += "]"
        case .dict(let d):
            if d.count == 0 {
                out += "{}"
                return
            }
            let pairs = try zip(d.keys, d.values).map { (try key($0), $1) }.sorted { $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) }
            out += "{"
            for (i, (k, value)) in pairs.enumerated() {
                if i > 0 { out += indent == nil ? ", " : "," }
                if let newline { out += newline }
                string(k, into: &out)
                out += ": "
                try dump(value, indent: indent, level: level + 1, into: &out)
            }
            if let closing { out += closing }
            out += "}"
        case .object(let o):
            if let items = o.iterated, o is GroupTuple || o is RangeObject {
                try dump(.list(items), indent: indent, level: level, into: &out)
            } else {
                throw TemplateError.type("Object of type \(o.typeName) is not JSON serializable")
            }
        default:
            throw TemplateError.type("Object of type \(v.typeName) is not JSON serializable")
        }
    }
}

/// `pprint.pformat(value)`: Python's repr with sorted dict keys, wrapped at 80 columns.
enum PrettyPrint {
    static let width = 80

    static func repr(_ v: TemplateValue) -> String {
        switch v {
        case .dict(let d):
            let pairs = zip(d.keys, d.values).sorted { a, b in (try? Comparison.less(a.0, b.0)) ?? false }
            return "{" + pairs.map { repr($0.0) + ": " + repr($0.1) }.joined(separator: ", ") + "}"
        case .list(let items): return "[" + items.map(repr).joined(separator: ", ") + "]"
        case .tuple(let items): return "(" + items.map(repr).joined(separator: ", ") + (items.count == 1 ? ",)" : ")")
        default: return v.repr
        }
    }

    static func format(_ v: TemplateValue) -> String {
        var out = ""
        format(v, indent: 0, allowance: 0, into: &out)
        return out
    }

    static func format(_ v: TemplateValue, indent: Int, allowance: Int, into out: inout String) {
        let rep = repr(v)
        if rep.unicodeScalars.count <= width - indent - allowance {
            out += rep
            return
        }
        switch v {
        case .dict(let d) where d.count > 0:
            out += "{"
            let pairs = zip(d.keys, d.values).sorted { a, b in (try? Comparison.less(a.0, b.0)) ?? false }
            let inner = indent + 1
            for (i, (k, value)) in pairs.enumerated() {
                let last = i == pairs.count - 1
                let keyRep = repr(k)
                out += keyRep + ": "
                format(value, indent: inner + keyRep.unicodeScalars.count + 2, allowance: last ? allowance + 1 : 1, into: &out)
                if !last { out += ",\n" + String(repeating: " ", count: inner) }
            }
            out += "}"
        case .list(let items) where !items.isEmpty:
            out += "["
            formatItems(items, indent: indent, allowance: allowance + 1, into: &out)
            out += "]"
        case .tuple(let items) where !items.isEmpty:
            out += "("
            formatItems(items, indent: indent, allowance: allowance + (items.count == 1 ? 2 : 1), into: &out)
            out += items.count == 1 ? ",)" : ")"
        default:
            out += rep
        }
    }

    static func formatItems(_ items: [TemplateValue], indent: Int, allowance: Int, into out: inout String) {
        let inner = indent + 1
        for (i, item) in items.enumerated() {
            let last = i == items.count - 1
            if i > 0 { out += ",\n" + String(repeating: " ", count: inner) }
            format(item, indent: inner, allowance: last ? allowance : 1, into: &out)
        }
    }
}
