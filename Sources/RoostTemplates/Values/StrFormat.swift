/// Python's `str.format()` and the format-spec mini-language (`{:>10}`, `{:,.2f}`, `{0.name}`).
enum StrFormat {
    static func format(_ template: String, _ args: TemplateArguments, escape: Bool, state: RenderState) throws -> String {
        let chars = Array(template)
        var out = ""
        var auto = 0
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == "{" {
                if i + 1 < chars.count, chars[i + 1] == "{" {
                    out.append("{")
                    i += 2
                    continue
                }
                var depth = 1
                var j = i + 1
                while j < chars.count, depth > 0 {
                    if chars[j] == "{" { depth += 1 } else if chars[j] == "}" { depth -= 1 }
                    j += 1
                }
                guard depth == 0 else { throw TemplateError.value("expected '}' before end of string") }
                let field = String(chars[(i + 1)..<(j - 1)])
                out += try formatField(field, args, &auto, escape: escape, state: state)
                i = j
            } else if c == "}" {
                guard i + 1 < chars.count, chars[i + 1] == "}" else {
                    throw TemplateError.value("Single '}' encountered in format string")
                }
                out.append("}")
                i += 2
            } else {
                out.append(c)
                i += 1
            }
            try state.limits.checkString(out.utf8.count)
        }
        return out
    }

    static func formatField(_ field: String, _ args: TemplateArguments, _ auto: inout Int, escape: Bool, state: RenderState) throws -> String {
        var name = field
        var spec = ""
        var conversion: Character?
        if let colon = field.firstIndex(of: ":") {
            name = String(field[..<colon])
            spec = String(field[field.index(after: colon)...])
        }
        if let bang = name.firstIndex(of: "!") {
            conversion = name[name.index(after: bang)...].first
            name = String(name[..<bang])
        }
        // first part of the name: index or keyword
        var firstEnd = name.endIndex
        if let k = name.firstIndex(where: { $0 == "." || $0 == "[" }) { firstEnd = k }
        let head = String(name[..<firstEnd])
        var value: TemplateValue
        if head.isEmpty {
            guard auto < args.positional.count else { throw TemplateError(.value, message: "IndexError: Replacement index \(auto) out of range for positional args tuple") }
            value = args.positional[auto]
            auto += 1
        } else if let idx = Int(head) {
            guard idx < args.positional.count else { throw TemplateError(.value, message: "IndexError: Replacement index \(idx) out of range for positional args tuple") }
            value = args.positional[idx]
        } else {
            guard let v = args[head] else { throw TemplateError(.value, message: "KeyError: \(PythonRepr.string(head))") }
            value = v
        }
        var rest = name[firstEnd...]
        while let f = rest.first {
            if f == "." {
                rest = rest.dropFirst()
                let end = rest.firstIndex { $0 == "." || $0 == "[" } ?? rest.endIndex
                value = try state.getattr(value, String(rest[..<end]))
                rest = rest[end...]
            } else if f == "[" {
                guard let close = rest.firstIndex(of: "]") else { throw TemplateError.value("Missing ']' in format string") }
                let key = String(rest[rest.index(after: rest.startIndex)..<close])
                value = try state.getitem(value, Int(key).map { .int($0) } ?? .string(key))
                rest = rest[rest.index(after: close)...]
            } else {
                throw TemplateError.value("Only '.' or '[' may follow ']' in format field specifier")
            }
        }
        if spec.contains("{") {
            spec = try format(spec, args, escape: false, state: state)
        }
        var text: String
        switch conversion {
        case "r"?: text = try applySpec(.string(value.repr), spec, state)
        case "s"?: text = try applySpec(.string(try state.str(value)), spec, state)
        case "a"?: text = try applySpec(.string(PercentFormat.asciiRepr(value.repr)), spec, state)
        default: text = try applySpec(value, spec, state)
        }
        if escape && !value.isMarkup { text = Escaper.escape(text) }
        return text
    }

    struct Spec {
        var fill: Character = " "
        var align: Character?
        var sign: Character = "-"
        var alternate = false
        var zero = false
        var width = 0
        var grouping: Character?
        var precision: Int?
        var type: Character?
    }

    static func parseSpec(_ s: String) throws -> Spec {
        var spec = Spec()
        let c = Array(s)
        var i = 0
        if c.count >= 2, "<>^=".contains(c[1]) {
            spec.fill = c[0]
            spec.align = c[1]
            i = 2
        } else if let f = c.first, "<>^=".contains(f) {
            spec.align = f
            i = 1
        }
        if i < c.count, "+- ".contains(c[i]) {
            spec.sign = c[i]
            i += 1
        }
        if i < c.count, c[i] == "#" {
            spec.alternate = true
            i += 1
        }
        if i < c.count, c[i] == "0" {
            spec.zero = true
            i += 1
        }
        var w = ""
        while i < c.count, c[i].isASCII, c[i].isNumber {
            w.append(c[i])
            i += 1
        }
        spec.width = Int(w) ?? 0
        if i < c.count, c[i] == "," || c[i] == "_" {
            spec.grouping = c[i]
            i += 1
        }
        if i < c.count, c[i] == "." {
            i += 1
            var p = ""
            while i < c.count, c[i].isASCII, c[i].isNumber {
                p.append(c[i])
                i += 1
            }
            guard !p.isEmpty else { throw TemplateError.value("Format specifier missing precision") }
            spec.precision = Int(p)
        }
        if i < c.count {
            spec.type = c[i]
            i += 1
        }
        if i < c.count { throw TemplateError.value("Invalid format specifier") }
        return spec
    }

    static func group(_ digits: String, _ sep: Character, every: Int = 3) -> String {
        var out: [Character] = []
        for (n, ch) in digits.reversed().enumerated() {
            if n > 0 && n % every == 0 { out.append(sep) }
            out.append(ch)
        }
        return String(out.reversed())
    }

    static func applySpec(_ value: TemplateValue, _ specText: String, _ state: RenderState) throws -> String {
        let spec = try parseSpec(specText)
        try state.limits.checkString(spec.width)
        var body: String
        var negative = false
        var numeric = true
        switch value {
        case .int, .bool:
            let n = value.intValue!
            if case .bool(let b) = value, spec.type == nil, specText.isEmpty { return b ? "True" : "False" }
            negative = n < 0
            switch spec.type {
            case nil, "d", "n":
                body = String(n.magnitude)
                if let g = spec.grouping { body = group(body, g) }
            case "b": body = (spec.alternate ? "0b" : "") + String(n.magnitude, radix: 2)
            case "o": body = (spec.alternate ? "0o" : "") + String(n.magnitude, radix: 8)
            case "x": body = (spec.alternate ? "0x" : "") + String(n.magnitude, radix: 16)
            case "X": body = (spec.alternate ? "0X" : "") + String(n.magnitude, radix: 16, uppercase: true)
            case "c": body = String(Character(Unicode.Scalar(UInt32(clamping: n)) ?? " "))
            case "e", "E", "f", "F", "g", "G", "%":
                return try applySpec(.double(Double(n)), specText, state)
            default: throw TemplateError.value("Unknown format code '\(spec.type!)' for object of type 'int'")
            }
        case .double(let d):
            negative = d.sign == .minus && !d.isNaN
            let x = abs(d)
            switch spec.type {
            case "f", "F":
                body = PythonFloat.fixed(x, spec.precision ?? 6)
                if spec.type == "F" { body = body.uppercased() }
            case "e", "E": body = PythonFloat.scientific(x, spec.precision ?? 6, upper: spec.type == "E")
            case "g", "G": body = PythonFloat.general(x, spec.precision ?? 6, upper: spec.type == "G", alternate: spec.alternate)
            case "%": body = PythonFloat.fixed(x * 100, spec.precision ?? 6) + "%"
            case nil:
                if let p = spec.precision {
                    body = PythonFloat.general(x, p, upper: false)
                    if !body.contains(".") && !body.contains("e") && x.isFinite { body += ".0" }
                } else {
                    body = PythonFloat.repr(x)
                }
            default: throw TemplateError.value("Unknown format code '\(spec.type!)' for object of type 'float'")
            }
            if let g = spec.grouping, x.isFinite {
                let intPart = body.prefix { $0.isNumber }
                body = group(String(intPart), g) + body.dropFirst(intPart.count)
            }
        default:
            numeric = false
            guard spec.type == nil || spec.type == "s" else {
                throw TemplateError.value("Unknown format code '\(spec.type!)' for object of type '\(value.typeName)'")
            }
            body = try state.str(value)
            if let p = spec.precision { body = String(body.unicodeScalars.prefix(p).map(Character.init)) }
        }
        var signText = ""
        if numeric {
            if negative { signText = "-" } else if spec.sign == "+" { signText = "+" } else if spec.sign == " " { signText = " " }
        }
        let align = spec.align ?? (spec.zero && numeric ? "=" : (numeric ? ">" : "<"))
        let fill: Character = spec.align == nil && spec.zero ? "0" : spec.fill
        let len = signText.count + body.unicodeScalars.count
        guard spec.width > len else { return signText + body }
        let pad = spec.width - len
        switch align {
        case "<": return signText + body + String(repeating: fill, count: pad)
        case "^":
            let left = pad / 2
            return String(repeating: fill, count: left) + signText + body + String(repeating: fill, count: pad - left)
        case "=": return signText + String(repeating: fill, count: pad) + body
        default: return String(repeating: fill, count: pad) + signText + body
        }
    }
}
