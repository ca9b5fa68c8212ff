/// The Python methods and attributes templates can reach on built-in values:
/// `dict.items()`, `str.upper()`, `str.split()`, `list.index()`, `(1.5).real`…
enum BuiltinMethods {
    static let dictMethods: Set<String> = ["items", "keys", "values", "get", "copy"]
    static let stringMethods: Set<String> = [
        "capitalize", "casefold", "center", "count", "endswith", "expandtabs", "find", "format",
        "index", "isalnum", "isalpha", "isascii", "isdecimal", "isdigit", "isidentifier", "islower",
        "isnumeric", "isprintable", "isspace", "istitle", "isupper", "join", "ljust", "lower",
        "lstrip", "partition", "removeprefix", "removesuffix", "replace", "rfind", "rindex", "rjust",
        "rpartition", "rsplit", "rstrip", "split", "splitlines", "startswith", "strip", "swapcase",
        "title", "upper", "zfill", "striptags", "unescape",
    ]
    static let listMethods: Set<String> = ["index", "count", "copy"]

    static func isDictMethod(_ name: String) -> Bool { dictMethods.contains(name) }

    /// A bound method value for `obj.name`.
    static func bound(_ obj: TemplateValue, _ name: String) -> TemplateValue {
        .callable(TemplateCallable(name: name, runtime: { args, state in
            guard let r = try call(obj, name, args, state) else {
                throw TemplateError.type("'\(obj.typeName)' object has no attribute '\(name)'")
            }
            return r
        }))
    }

    /// The attribute `name` of a non-dict built-in value, if Python has it.
    static func attribute(_ obj: TemplateValue, _ name: String) -> TemplateValue? {
        switch obj {
        case .string, .markup:
            return stringMethods.contains(name) ? bound(obj, name) : nil
        case .list:
            return listMethods.contains(name) ? bound(obj, name) : nil
        case .tuple:
            return name == "index" || name == "count" ? bound(obj, name) : nil
        case .int(let i):
            switch name {
            case "real", "numerator": return .int(i)
            case "imag": return .int(0)
            case "denominator": return .int(1)
            case "bit_length", "conjugate": return bound(obj, name)
            default: return nil
            }
        case .bool(let b):
            return attribute(.int(b ? 1 : 0), name)
        case .double(let d):
            switch name {
            case "real": return .double(d)
            case "imag": return .double(0)
            case "is_integer", "conjugate": return bound(obj, name)
            default: return nil
            }
        default:
            return nil
        }
    }

    /// Calls `obj.name(args)` directly, or returns `nil` when `obj` has no such method.
    static func call(_ obj: TemplateValue, _ name: String, _ args: TemplateArguments, _ state: RenderState) throws -> TemplateValue? {
        switch obj {
        case .dict(let d):
            guard dictMethods.contains(name) else { return nil }
            switch name {
            case "items": return .list(zip(d.keys, d.values).map { .tuple([$0, $1]) })
            case "keys": return .list(d.keys)
            case "values": return .list(d.values)
            case "copy": return obj
            default:
                let a = try args.bind("get", ["key", "default"], required: 1)
                return d[a[0]!] ?? a[1] ?? TemplateValue.none
            }
        case .string(let s), .markup(let s):
            guard stringMethods.contains(name) else { return nil }
            return try StringMethods.call(s, markup: obj.isMarkup, name, args, state)
        case .list(let items), .tuple(let items):
            switch name {
            case "index":
                let a = try args.bind("index", ["value"], required: 1)
                guard let i = items.firstIndex(of: a[0]!) else {
                    throw TemplateError.value("\(a[0]!.repr) is not in list")
                }
                return .int(i)
            case "count":
                let a = try args.bind("count", ["value"], required: 1)
                return .int(items.filter { $0 == a[0]! }.count)
            case "copy": return obj
            default: return nil
            }
        case .int(let i):
            switch name {
            case "bit_length": return .int(Int.bitWidth - i.magnitude.leadingZeroBitCount)
            case "conjugate": return obj
            default: return nil
            }
        case .double(let d):
            switch name {
            case "is_integer": return .bool(d.isFinite && d.rounded(.towardZero) == d)
            case "conjugate": return obj
            default: return nil
            }
        default:
            return nil
        }
    }
}
