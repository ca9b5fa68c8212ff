/// String filters: `upper`, `lower`, `capitalize`, `title`, `trim`, `center`, `replace`,
/// `format`, `indent`, `truncate`, `wordcount`, `string`, `striptags`, escaping.
enum StringFilters {
    static func register(_ f: inout FilterTable) {
        func mapString(_ transform: @escaping @Sendable (String) -> String) -> FilterFunction {
            { v, _, ctx in
                let (s, markup) = try FilterSupport.softString(v, ctx.state)
                return FilterSupport.wrap(transform(s), markup: markup)
            }
        }
        f["upper"] = mapString(PyString.upper)
        f["lower"] = mapString(PyString.lower)
        f["capitalize"] = mapString(PyString.capitalize)
        f["title"] = { v, _, ctx in
            let (s, _) = try FilterSupport.softString(v, ctx.state)
            return .string(jinjaTitle(s))
        }
        f["string"] = { v, _, ctx in
            let (s, markup) = try FilterSupport.softString(v, ctx.state)
            return FilterSupport.wrap(s, markup: markup)
        }
        f["safe"] = { v, _, ctx in
            if v.isMarkup { return v }
            return .markup(try ctx.state.str(v))
        }
        f["escape"] = { v, _, ctx in
            if v.isMarkup { return v }
            return .markup(Escaper.escape(try ctx.state.str(v)))
        }
        f["e"] = f["escape"]
        f["forceescape"] = { v, _, ctx in .markup(Escaper.escape(try ctx.state.str(v))) }
        f["trim"] = { v, args, ctx in
            let a = try args.bind("do_trim", ["chars"])
            let (s, markup) = try FilterSupport.softString(v, ctx.state)
            let chars = try a[0].flatMap { $0.isNone ? nil : try ctx.state.str($0) }
            return FilterSupport.wrap(PyString.strip(s, chars), markup: markup)
        }
        f["center"] = { v, args, ctx in
            let a = try args.bind("do_center", ["width"])
            let width = try FilterSupport.int(a[0], "width") ?? 80
            try ctx.state.limits.checkString(width)
            let (s, markup) = try FilterSupport.softString(v, ctx.state)
            return FilterSupport.wrap(PyString.pad(s, width, " ", align: "^"), markup: markup)
        }
        f["striptags"] = { v, _, ctx in .string(HTMLText.striptags(try ctx.state.str(v))) }
        f["wordcount"] = { v, _, ctx in
            let (s, _) = try FilterSupport.softString(v, ctx.state)
            var count = 0
            var inWord = false
            for c in s.unicodeScalars {
                let isWord = c.properties.isAlphabetic || c.properties.numericType != nil || c == "_"
                    || c.properties.generalCategory == .nonspacingMark
                if isWord && !inWord { count += 1 }
                inWord = isWord
            }
            return .int(count)
        }
        f["replace"] = { v, args, ctx in
            let a = try args.bind("do_replace", ["old", "new", "count"], required: 2)
            let count = try FilterSupport.int(a[2], "count") ?? -1
            let state = ctx.state
            let old = a[0]!
            let new = a[1]!
            if !ctx.autoescape {
                return .string(PyString.replace(try state.str(v), try state.str(old), try state.str(new), count))
            }
            var (s, markup) = try FilterSupport.softString(v, state)
            if old.isMarkup || (new.isMarkup && !markup) {
                if !markup { s = Escaper.escape(s) }
                markup = true
            }
            if markup {
                let o = old.isMarkup ? try state.str(old) : Escaper.escape(try state.str(old))
                let n = new.isMarkup ? try state.str(new) : Escaper.escape(try state.str(new))
                return .markup(PyString.replace(s, o, n, count))
            }
            return .string(PyString.replace(s, try state.str(old), try state.str(new), count))
        }
        f["format"] = { v, args, ctx in
            if !args.positional.isEmpty && !args.keywords.isEmpty {
                throw TemplateError.filterArgument("can't handle positional and keyword arguments at the same time")
            }
            let (s, markup) = try FilterSupport.softString(v, ctx.state)
            let operand: TemplateValue = args.keywords.isEmpty
                ? .tuple(args.positional)
                : .dict(TemplateDict(args.keywords.map { (.string($0.name), $0.value) }))
            return FilterSupport.wrap(try PercentFormat.format(s, operand, escape: markup, limits: ctx.state.limits), markup: markup)
        }
        f["indent"] = { v, args, ctx in
            let a = try args.bind("do_indent", ["width", "first", "blank"])
            let state = ctx.state
            let indention: String
            if let w = a[0], let text = w.stringValue {
                indention = text
            } else {
                let n = try FilterSupport.int(a[0], "width") ?? 4
                try state.limits.checkString(n)
                indention = String(repeating: " ", count: max(0, n))
            }
            let first = try state.truthy(a[1] ?? .bool(false))
            let blank = try state.truthy(a[2] ?? .bool(false))
            let (s, markup) = try FilterSupport.softString(v, state)
            let ind = markup && !(a[0]?.isMarkup ?? false) ? Escaper.escape(indention) : indention
            let lines = PyString.splitlines(s + "\n")
            try state.limits.checkString(s.utf8.count + lines.count * ind.utf8.count)
            var rv: String
            if blank {
                rv = lines.joined(separator: "\n" + ind)
            } else {
                rv = lines.first ?? ""
                let rest = lines.dropFirst()
                if !rest.isEmpty {
                    rv += "\n" + rest.map { $0.isEmpty ? $0 : ind + $0 }.joined(separator: "\n")
                }
            }
            if first { rv = ind + rv }
            return FilterSupport.wrap(rv, markup: markup)
        }
        f["truncate"] = { v, args, ctx in
            let a = try args.bind("do_truncate", ["length", "killwords", "end", "leeway"])
            let state = ctx.state
            let length = try FilterSupport.int(a[0], "length") ?? 255
            let killwords = try state.truthy(a[1] ?? .bool(false))
            let end = try state.str(a[2] ?? .string("..."))
            let leeway = try FilterSupport.int(a[3], "leeway") ?? state.env.configuration.truncateLeeway
            let endCount = PyString.length(end)
            guard length >= endCount else { throw TemplateError.runtime("expected length >= \(endCount), got \(length)") }
            guard leeway >= 0 else { throw TemplateError.runtime("expected leeway >= 0, got \(leeway)") }
            let (s, markup) = try FilterSupport.softString(v, state)
            if PyString.length(s) <= length + leeway { return v.stringValue != nil ? v : .string(s) }
            let endText = markup ? Escaper.escape(end) : end
            var head = PyString.prefix(s, max(0, length - endCount))
            if !killwords, let space = head.utf8.lastIndex(of: 0x20) { head = String(head[..<space]) }
            return FilterSupport.wrap(head + endText, markup: markup)
        }
    }

    /// Jinja's `title` filter: upper-case the first letter after `-`, whitespace or an opening
    /// bracket, lower-case the rest.
    static func jinjaTitle(_ s: String) -> String {
        if let fast = ASCIICase.jinjaTitle(s) { return fast }
        func isDelimiter(_ c: Unicode.Scalar) -> Bool {
            c == "-" || c == "(" || c == "{" || c == "[" || c == "<" || c.isPythonSpace
        }
        var out = ""
        var startOfItem = true
        var previousDelimiter: Bool?
        for c in s.unicodeScalars {
            let delim = isDelimiter(c)
            if previousDelimiter != delim { startOfItem = true }
            previousDelimiter = delim
            if startOfItem {
                out += c.properties.uppercaseMapping
                startOfItem = false
            } else {
                out += c.properties.lowercaseMapping
            }
        }
        return out
    }
}
