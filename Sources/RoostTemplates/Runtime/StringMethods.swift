/// Python `str` (and markupsafe `Markup`) methods callable from templates.
enum StringMethods {
    static func call(_ s: String, markup: Bool, _ name: String, _ args: TemplateArguments, _ state: RenderState) throws -> TemplateValue {
        func wrap(_ r: String) -> TemplateValue { markup ? .markup(r) : .string(r) }
        /// A string argument; escaped when the receiver is Markup.
        func str(_ v: TemplateValue?) throws -> String? {
            guard let v, !v.isNone else { return nil }
            guard let t = v.stringValue else {
                if case .undefined(let u) = v { throw TemplateError.undefined(u.message) }
                throw TemplateError.type("must be str, not \(v.typeName)")
            }
            return markup && !v.isMarkup ? Escaper.escape(t) : t
        }
        func int(_ v: TemplateValue?, _ def: Int) throws -> Int {
            guard let v else { return def }
            guard let i = v.intValue else { throw TemplateError.type("'\(v.typeName)' object cannot be interpreted as an integer") }
            return i
        }
        switch name {
        case "upper": return wrap(PyString.upper(s))
        case "lower", "casefold": return wrap(PyString.lower(s))
        case "capitalize": return wrap(PyString.capitalize(s))
        case "title": return wrap(PyString.title(s))
        case "swapcase": return wrap(PyString.swapcase(s))
        case "strip", "lstrip", "rstrip":
            let a = try args.bind(name, ["chars"])
            return wrap(PyString.strip(s, try str(a[0]), leading: name != "rstrip", trailing: name != "lstrip"))
        case "split", "rsplit":
            let a = try args.bind(name, ["sep", "maxsplit"])
            let sep = try str(a[0])
            if sep == "" { throw TemplateError.value("empty separator") }
            let parts = name == "split" ? PyString.split(s, sep, try int(a[1], -1)) : PyString.rsplit(s, sep, try int(a[1], -1))
            return .list(parts.map(wrap))
        case "splitlines":
            let a = try args.bind(name, ["keepends"])
            return .list(PyString.splitlines(s, keepends: try state.truthy(a[0] ?? .bool(false))).map(wrap))
        case "startswith", "endswith":
            let a = try args.bind(name, ["prefix", "start", "end"], required: 1)
            var text = s
            if a[1] != nil || a[2] != nil {
                let sc = Array(s.unicodeScalars)
                let slice = try PySlice.apply(sc, a[1]?.intValue, a[2].flatMap { $0.isNone ? nil : $0.intValue }, nil)
                text = PyString.make(slice)
            }
            let candidates: [TemplateValue] = a[0]!.arrayValue ?? [a[0]!]
            for c in candidates {
                guard let p = c.stringValue else {
                    throw TemplateError.type("\(name) first arg must be str or a tuple of str, not \(c.typeName)")
                }
                if name == "startswith" ? text.utf8.starts(with: p.utf8) : text.utf8.reversed().starts(with: p.utf8.reversed()) {
                    return .bool(true)
                }
            }
            return .bool(false)
        case "replace":
            let a = try args.bind(name, ["old", "new", "count"], required: 2)
            return wrap(PyString.replace(s, try str(a[0]) ?? "", try str(a[1]) ?? "", try int(a[2], -1)))
        case "join":
            let a = try args.bind(name, ["iterable"], required: 1)
            var parts: [String] = []
            for item in try state.iterate(a[0]!) {
                guard let t = item.stringValue else {
                    throw TemplateError.type("sequence item \(parts.count): expected str instance, \(item.typeName) found")
                }
                parts.append(markup && !item.isMarkup ? Escaper.escape(t) : t)
            }
            return wrap(parts.joined(separator: s))
        case "find", "rfind", "index", "rindex":
            let a = try args.bind(name, ["sub"], required: 1)
            let r = PyString.find(s, try str(a[0]) ?? "", reverse: name.hasPrefix("r"))
            if r < 0 && name.hasSuffix("index") { throw TemplateError.value("substring not found") }
            return .int(r)
        case "count":
            let a = try args.bind(name, ["sub"], required: 1)
            return .int(PyString.count(s, try str(a[0]) ?? ""))
        case "center", "ljust", "rjust":
            let a = try args.bind(name, ["width", "fillchar"], required: 1)
            let width = try int(a[0], 0)
            try state.limits.checkString(width)
            let fill = try str(a[1]) ?? " "
            guard fill.unicodeScalars.count == 1 else { throw TemplateError.type("The fill character must be exactly one character long") }
            return wrap(PyString.pad(s, width, fill, align: name == "center" ? "^" : name == "ljust" ? "<" : ">"))
        case "zfill":
            let a = try args.bind(name, ["width"], required: 1)
            let width = try int(a[0], 0)
            try state.limits.checkString(width)
            return wrap(PyString.zfill(s, width))
        case "expandtabs":
            let a = try args.bind(name, ["tabsize"])
            let size = try int(a[0], 8)
            try state.limits.checkString(s.utf8.count * max(1, size))
            return wrap(PyString.expandtabs(s, size))
        case "partition", "rpartition":
            let a = try args.bind(name, ["sep"], required: 1)
            let sep = try str(a[0]) ?? ""
            if sep.isEmpty { throw TemplateError.value("empty separator") }
            let i = PyString.find(s, sep, reverse: name == "rpartition")
            if i < 0 {
                return name == "partition" ? .tuple([wrap(s), wrap(""), wrap("")]) : .tuple([wrap(""), wrap(""), wrap(s)])
            }
            let sc = Array(s.unicodeScalars)
            let n = sep.unicodeScalars.count
            return .tuple([wrap(PyString.make(sc[..<i])), wrap(sep), wrap(PyString.make(sc[(i + n)...]))])
        case "removeprefix":
            let a = try args.bind(name, ["prefix"], required: 1)
            let p = try str(a[0]) ?? ""
            return wrap(s.utf8.starts(with: p.utf8) ? String(decoding: Array(s.utf8.dropFirst(p.utf8.count)), as: UTF8.self) : s)
        case "removesuffix":
            let a = try args.bind(name, ["suffix"], required: 1)
            let p = try str(a[0]) ?? ""
            return wrap(!p.isEmpty && s.utf8.reversed().starts(with: p.utf8.reversed()) ? String(decoding: Array(s.utf8.dropLast(p.utf8.count)), as: UTF8.self) : s)
        case "format":
            let r = try StrFormat.format(s, args, escape: markup, state: state)
            return wrap(r)
        case "striptags":
            return .string(HTMLText.striptags(s))
        case "unescape":
            return .string(HTMLText.unescape(s))
        default:
            return .bool(try predicate(s, name))
        }
    }

    static func predicate(_ s: String, _ name: String) throws -> Bool {
        let sc = Array(s.unicodeScalars)
        switch name {
        case "isascii": return sc.allSatisfy { $0.isASCII }
        case "isspace": return !sc.isEmpty && sc.allSatisfy { $0.isPythonSpace }
        case "isdigit": return !sc.isEmpty && sc.allSatisfy { $0.properties.numericType == .digit || $0.properties.numericType == .decimal }
        case "isdecimal": return !sc.isEmpty && sc.allSatisfy { $0.properties.numericType == .decimal }
        case "isnumeric": return !sc.isEmpty && sc.allSatisfy { $0.properties.numericType != nil }
        case "isalpha": return !sc.isEmpty && sc.allSatisfy { $0.properties.isAlphabetic && $0.properties.generalCategory.isLetter }
        case "isalnum":
            return !sc.isEmpty && sc.allSatisfy { ($0.properties.generalCategory.isLetter) || $0.properties.numericType != nil }
        case "islower":
            return sc.contains { $0.properties.isCased } && !sc.contains { $0.properties.isUppercase || $0.properties.generalCategory == .titlecaseLetter }
                && sc.contains { $0.properties.isLowercase }
        case "isupper":
            return sc.contains { $0.properties.isUppercase } && !sc.contains { $0.properties.isLowercase || $0.properties.generalCategory == .titlecaseLetter }
        case "istitle": return PyString.isTitle(s)
        case "isprintable": return sc.allSatisfy { PythonRepr.isPrintable($0) }
        case "isidentifier":
            guard let f = sc.first, f == "_" || f.properties.isXIDStart else { return false }
            return sc.dropFirst().allSatisfy { $0.properties.isXIDContinue }
        default:
            throw TemplateError.type("'str' object has no attribute '\(name)'")
        }
    }
}

extension Unicode.GeneralCategory {
    var isLetter: Bool {
        switch self {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: return true
        default: return false
        }
    }
}
