/// Python's `str()` and `repr()` of values, and Jinja's type names.
extension TemplateValue {
    /// Python's `str(value)`; undefined values print as the empty string.
    public var printed: String {
        switch self {
        case .string(let s), .markup(let s): return s
        case .int(let i): return String(i)
        case .double(let d): return PythonFloat.repr(d)
        case .bool(let b): return b ? "True" : "False"
        case .none: return "None"
        case .undefined: return ""
        case .list, .tuple, .dict: return repr
        case .callable(let c): return c.printed
        case .object(let o): return o.printed
        }
    }

    /// Python's `repr(value)`, as used when a list or dict is printed.
    public var repr: String {
        var out = ""
        appendRepr(to: &out)
        return out
    }

    func appendRepr(to out: inout String) {
        switch self {
        case .string(let s): out += PythonRepr.string(s)
        case .markup(let s): out += "Markup(" + PythonRepr.string(s) + ")"
        case .list(let items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += ", " }
                item.appendRepr(to: &out)
            }
            out += "]"
        case .tuple(let items):
            out += "("
            for (i, item) in items.enumerated() {
                if i > 0 { out += ", " }
                item.appendRepr(to: &out)
            }
            out += items.count == 1 ? ",)" : ")"
        case .dict(let d):
            out += "{"
            for i in 0..<d.count {
                if i > 0 { out += ", " }
                d.keys[i].appendRepr(to: &out)
                out += ": "
                d.value(at: i).appendRepr(to: &out)
            }
            out += "}"
        case .undefined: out += "Undefined"
        default: out += printed
        }
    }

    /// Python's type name (`int`, `str`, `dict`, …) for messages.
    public var typeName: String {
        switch self {
        case .undefined: return "Undefined"
        case .none: return "NoneType"
        case .bool: return "bool"
        case .int: return "int"
        case .double: return "float"
        case .string: return "str"
        case .markup: return "Markup"
        case .list: return "list"
        case .tuple: return "tuple"
        case .dict: return "dict"
        case .callable(let c): return c.typeName
        case .object(let o): return o.typeName
        }
    }

    /// Jinja's `object_type_repr`: `dict object`, `None`, `jinja2.utils.Markup object`.
    var objectTypeRepr: String {
        switch self {
        case .none: return "None"
        case .markup: return "markupsafe.Markup object"
        case .callable(let c): return c.objectTypeRepr
        default: return "\(typeName) object"
        }
    }
}
