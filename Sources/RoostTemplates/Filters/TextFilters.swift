/// Filters producing formatted text: `wordwrap`, `urlencode`, `urlize`, `xmlattr`, `tojson`,
/// `pprint`.
enum TextFilters {
    static func register(_ f: inout FilterTable) {
        f["wordwrap"] = { v, args, ctx in
            let a = try args.bind("do_wordwrap", ["width", "break_long_words", "wrapstring", "break_on_hyphens"])
            let state = ctx.state
            let width = try FilterSupport.int(a[0], "width") ?? 79
            guard width > 0 else { throw TemplateError.value("invalid width \(width) (must be > 0)") }
            let breakLong = try state.truthy(a[1] ?? .bool(true))
            let wrapstring = try a[2].map { try state.str($0) } ?? "\n"
            let breakHyphens = try state.truthy(a[3] ?? .bool(true))
            let s = try state.str(v)
            let paragraphs = PyString.splitlines(s).map { line in
                TextWrap.wrap(line, width: width, breakLongWords: breakLong, breakOnHyphens: breakHyphens).joined(separator: wrapstring)
            }
            let result = paragraphs.joined(separator: wrapstring)
            try state.limits.checkString(result.utf8.count)
            return .string(result)
        }
        f["urlencode"] = { v, _, ctx in
            switch v {
            case .string(let s), .markup(let s):
                return .string(URLQuote.quote(s, safe: "/"))
            case .dict(let d):
                return .string(try zip(d.keys, d.values).map { k, val in
                    "\(URLQuote.quote(try ctx.state.str(k), forQuery: true))=\(URLQuote.quote(try ctx.state.str(val), forQuery: true))"
                }.joined(separator: "&"))
            case .list(let items), .tuple(let items):
                return .string(try items.map { item in
                    let pair = try ctx.state.iterate(item)
                    guard pair.count == 2 else { throw TemplateError.value("too many values to unpack (expected 2)") }
                    return "\(URLQuote.quote(try ctx.state.str(pair[0]), forQuery: true))=\(URLQuote.quote(try ctx.state.str(pair[1]), forQuery: true))"
                }.joined(separator: "&"))
            default:
                return .string(URLQuote.quote(try ctx.state.str(v), safe: "/"))
            }
        }
        f["urlize"] = { v, args, ctx in
            let a = try args.bind("do_urlize", ["trim_url_limit", "nofollow", "target", "rel", "extra_schemes"])
            let state = ctx.state
            var relParts = Set(try a[3].map { try state.str($0) }?.split(separator: " ").map(String.init) ?? [])
            if try state.truthy(a[1] ?? .bool(false)) { relParts.insert("nofollow") }
            relParts.insert("noopener")
            let rel = relParts.sorted().joined(separator: " ")
            let target = try a[2].flatMap { $0.isNone ? nil : try state.str($0) }
            let limit = try FilterSupport.int(a[0].flatMap { $0.isNone ? nil : $0 }, "trim_url_limit")
            let extra = try a[4].map { try state.iterate($0).map { try state.str($0) } } ?? []
            let rv = try Urlize.urlize(try state.str(v), trimLimit: limit, rel: rel.isEmpty ? nil : rel, target: target, extraSchemes: extra)
            return ctx.autoescape ? .markup(rv) : .string(rv)
        }
        f["xmlattr"] = { v, args, ctx in
            let a = try args.bind("do_xmlattr", ["autospace"])
            guard case .dict(let d) = v else { throw TemplateError.type("'\(v.typeName)' object has no attribute 'items'") }
            var items: [String] = []
            for (k, val) in zip(d.keys, d.values) {
                if val.isNone { continue }
                if case .undefined = val { continue }
                let key = try ctx.state.str(k)
                if key.unicodeScalars.contains(where: { $0 == "/" || $0 == ">" || $0 == "=" || ($0.isASCII && $0.isPythonSpace) }) {
                    throw TemplateError.value("Invalid character in attribute name: \(PythonRepr.string(key))")
                }
                let escapedValue = val.isMarkup ? try ctx.state.str(val) : Escaper.escape(try ctx.state.str(val))
                items.append("\(Escaper.escape(key))=\"\(escapedValue)\"")
            }
            var rv = items.joined(separator: " ")
            if try ctx.state.truthy(a[0] ?? .bool(true)), !rv.isEmpty { rv = " " + rv }
            return ctx.autoescape ? .markup(rv) : .string(rv)
        }
        f["tojson"] = { v, args, ctx in
            let a = try args.bind("do_tojson", ["indent"])
            let indent = try FilterSupport.int(a[0].flatMap { $0.isNone ? nil : $0 }, "indent")
            var out = ""
            try JSONDump.dump(v, indent: indent, level: 0, into: &out)
            out = out.replacingAll("<", with: "\\u003c").replacingAll(">", with: "\\u003e")
                .replacingAll("&", with: "\\u0026").replacingAll("'", with: "\\u0027")
            return .markup(out)
        }
        f["pprint"] = { v, _, _ in .string(PrettyPrint.format(v)) }
    }
}

extension String {
    func replacingAll(_ old: String, with new: String) -> String { PyString.replace(self, old, new) }
}

/// Percent-encoding as Python's `urllib.parse.quote`.
enum URLQuote {
    static func quote(_ s: String, safe: String = "", forQuery: Bool = false) -> String {
        let safeBytes = Set(safe.utf8)
        var out = ""
        for b in s.utf8 {
            let isUnreserved = (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39)
                || b == 0x5F || b == 0x2E || b == 0x2D || b == 0x7E
            if isUnreserved || (!forQuery && safeBytes.contains(b)) {
                out.unicodeScalars.append(Unicode.Scalar(b))
            } else if forQuery && b == 0x20 {
                out += "+"
            } else {
                out += "%" + String(b, radix: 16, uppercase: true).leftPadded(2)
            }
        }
        return out
    }
}

extension String {
    func leftPadded(_ n: Int) -> String { count >= n ? self : String(repeating: "0", count: n - count) + self }
}
