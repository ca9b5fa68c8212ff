/// Python's `printf`-style `str % args` formatting.
enum PercentFormat {
    struct Spec {
        var flags: Set<Character> = []
        var width: Int?
        var precision: Int?
    }

    /// Formats `format % args`; with `escape`, string conversions are HTML-escaped (Markup).
    static func format(_ format: String, _ args: TemplateValue, escape: Bool, limits: Limits) throws -> String {
        if let fast = fixedPointFastPath(format, args) { return fast }
        var positional: [TemplateValue]
        var mapping: TemplateDict?
        switch args {
        case .tuple(let items): positional = items
        case .dict(let d):
            mapping = d
            positional = [args]
        default: positional = [args]
        }
        var argIndex = 0
        func nextArg() throws -> TemplateValue {
            guard argIndex < positional.count else {
                throw TemplateError.type("not enough arguments for format string")
            }
            defer { argIndex += 1 }
            return positional[argIndex]
        }
        // The specification characters are ASCII: scan the UTF-8 bytes, copying text runs.
        let bytes = Array(format.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 16)
        var i = 0
        func number() -> Int? {
            var n: Int?
            while i < bytes.count, ByteClass.isDigit(bytes[i]) {
                n = (n ?? 0) &* 10 &+ Int(bytes[i] - 48)
                i += 1
            }
            return n
        }
        while i < bytes.count {
            let c = bytes[i]
            if c != 0x25 {
                out.append(c)
                i += 1
                continue
            }
            let start = i
            i += 1
            guard i < bytes.count else { throw TemplateError.value("incomplete format") }
            var key: String?
            if bytes[i] == 0x28 {
                var depth = 1
                var j = i + 1
                while j < bytes.count, depth > 0 {
                    if bytes[j] == 0x28 { depth += 1 } else if bytes[j] == 0x29 { depth -= 1 }
                    j += 1
                }
                guard depth == 0 else { throw TemplateError.value("incomplete format key") }
                key = String(decoding: bytes[(i + 1)..<(j - 1)], as: UTF8.self)
                i = j
            }
            var spec = Spec()
            while i < bytes.count, let flag = flagCharacter(bytes[i]) {
                spec.flags.insert(flag)
                i += 1
            }
            if i < bytes.count, bytes[i] == 0x2A {
                guard case .int(let w) = try nextArg() else { throw TemplateError.type("* wants int") }
                spec.width = w
                if w < 0 {
                    spec.flags.insert("-")
                    spec.width = -w
                }
                i += 1
            } else {
                spec.width = number()
            }
            if i < bytes.count, bytes[i] == 0x2E {
                i += 1
                if i < bytes.count, bytes[i] == 0x2A {
                    guard case .int(let p) = try nextArg() else { throw TemplateError.type("* wants int") }
                    spec.precision = max(0, p)
                    i += 1
                } else {
                    spec.precision = number() ?? 0
                }
            }
            while i < bytes.count, bytes[i] == 0x68 || bytes[i] == 0x6C || bytes[i] == 0x4C { i += 1 }
            guard i < bytes.count else { throw TemplateError.value("incomplete format") }
            let conv = Character(Unicode.Scalar(bytes[i]))
            if bytes[i] >= 0x80 {
                let scalar = String(decoding: bytes[i...], as: UTF8.self).unicodeScalars.first!
                let index = String(decoding: bytes[0..<start], as: UTF8.self).unicodeScalars.count
                throw TemplateError.value("unsupported format character '\(scalar)' (0x\(String(scalar.value, radix: 16))) at index \(index + 1)")
            }
            i += 1
            if conv == "%" {
                out.append(0x25)
                continue
            }
            let value: TemplateValue
            if let key {
                guard let mapping else { throw TemplateError.type("format requires a mapping") }
                guard let v = mapping[.string(key)] else { throw TemplateError(.type, message: "KeyError: \(PythonRepr.string(key))") }
                value = v
            } else {
                value = try nextArg()
            }
            if let w = spec.width { try limits.checkString(w) }
            if let p = spec.precision { try limits.checkString(p) }
            let text = try convert(value, conv, spec, escape: escape, index: String(decoding: bytes[0..<start], as: UTF8.self).unicodeScalars.count)
            out.appendUTF8(spec.width == nil ? text : pad(text, spec, numeric: "diouxXeEfFgG".contains(conv)))
        }
        if mapping == nil, argIndex < positional.count {
            throw TemplateError.type("not all arguments converted during string formatting")
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `"%.2f" % number`, the most common format in templates, without the general machinery.
    @inline(__always)
    static func fixedPointFastPath(_ format: String, _ args: TemplateValue) -> String? {
        let utf8 = format.utf8
        guard utf8.count == 4 || utf8.count == 5 else { return nil }
        var value = args
        if case .tuple(let items) = args {
            guard items.count == 1 else { return nil }
            value = items[0]
        }
        guard let d = value.doubleValue, d.isFinite else { return nil }
        var it = utf8.makeIterator()
        guard it.next() == 0x25, it.next() == 0x2E, let p = it.next(), ByteClass.isDigit(p) else { return nil }
        var places = Int(p - 48)
        var last = it.next()
        if let q = last, ByteClass.isDigit(q) {
            places = places * 10 + Int(q - 48)
            last = it.next()
        }
        guard last == 0x66, it.next() == nil else { return nil }
        let body = PythonFloat.fixed(d, places)
        return d.sign == .minus ? "-" + body : body
    }

    static func flagCharacter(_ b: UInt8) -> Character? {
        switch b {
        case 0x23: return "#"
        case 0x30: return "0"
        case 0x2D: return "-"
        case 0x20: return " "
        case 0x2B: return "+"
        default: return nil
        }
    }

    static func pad(_ text: String, _ spec: Spec, numeric: Bool) -> String {
        let length = PyString.length(text)
        guard let width = spec.width, length < width else { return text }
        let fill = width - length
        if spec.flags.contains("-") { return text + String(repeating: " ", count: fill) }
        if numeric && spec.flags.contains("0") {
            var t = text
            var sign = ""
            if let f = t.first, f == "-" || f == "+" || f == " " {
                sign = String(f)
                t.removeFirst()
            }
            var prefix = ""
            if t.hasPrefix("0x") || t.hasPrefix("0X") || t.hasPrefix("0o") {
                prefix = String(t.prefix(2))
                t.removeFirst(2)
            }
            return sign + prefix + String(repeating: "0", count: fill) + t
        }
        return String(repeating: " ", count: fill) + text
    }

    static func signed(_ negative: Bool, _ body: String, _ spec: Spec) -> String {
        if negative { return "-" + body }
        if spec.flags.contains("+") { return "+" + body }
        if spec.flags.contains(" ") { return " " + body }
        return body
    }

    static func convert(_ value: TemplateValue, _ conv: Character, _ spec: Spec, escape: Bool, index: @autoclosure () -> Int) throws -> String {
        switch conv {
        case "s", "r", "a":
            if case .undefined(let u) = value, conv != "s" { throw TemplateError.undefined(u.message) }
            var text = conv == "s" ? value.printed : value.repr
            if conv == "a" { text = asciiRepr(text) }
            if let p = spec.precision { text = String(text.prefix(p)) }
            if escape && !(conv == "s" && value.isMarkup) { text = Escaper.escape(text) }
            return text
        case "d", "i", "u":
            let n: Int
            switch value {
            case .int(let i): n = i
            case .bool(let b): n = b ? 1 : 0
            case .double(let d):
                guard d.isFinite else { throw TemplateError.value("cannot convert float \(PythonFloat.repr(d)) to integer") }
                n = Int(d.rounded(.towardZero))
            default:
                throw TemplateError.type("%\(conv) format: a real number is required, not \(value.typeName)")
            }
            var digits = String(n.magnitude)
            if let p = spec.precision, digits.count < p { digits = String(repeating: "0", count: p - digits.count) + digits }
            return signed(n < 0, digits, spec)
        case "o", "x", "X":
            let n: Int
            switch value {
            case .int(let i): n = i
            case .bool(let b): n = b ? 1 : 0
            default:
                throw TemplateError.type("%\(conv) format: an integer is required, not \(value.typeName)")
            }
            var digits = String(n.magnitude, radix: conv == "o" ? 8 : 16, uppercase: conv == "X")
            if let p = spec.precision, digits.count < p { digits = String(repeating: "0", count: p - digits.count) + digits }
            if spec.flags.contains("#") { digits = (conv == "o" ? "0o" : conv == "x" ? "0x" : "0X") + digits }
            return signed(n < 0, digits, spec)
        case "e", "E", "f", "F", "g", "G":
            guard let d = value.doubleValue else {
                throw TemplateError.type("must be real number, not \(value.typeName)")
            }
            let p = spec.precision ?? 6
            var body: String
            switch conv {
            case "e", "E": body = PythonFloat.scientific(d, p, upper: conv == "E")
            case "f", "F":
                body = PythonFloat.fixed(d, p)
                if conv == "F" { body = body.uppercased() }
            default: body = PythonFloat.general(d, p, upper: conv == "G", alternate: spec.flags.contains("#"))
            }
            if spec.flags.contains("#") && !body.contains(".") && d.isFinite && conv != "g" && conv != "G" {
                if let e = body.firstIndex(where: { $0 == "e" || $0 == "E" }) {
                    body.insert(".", at: e)
                } else {
                    body += "."
                }
            }
            return signed(d.sign == .minus && !d.isNaN, body, spec)
        case "c":
            switch value {
            case .int(let i):
                guard let s = Unicode.Scalar(UInt32(clamping: max(0, i))) else { throw TemplateError(.value, message: "%c arg not in range(0x110000)") }
                return String(Character(s))
            case .string(let s) where s.count == 1: return s
            default: throw TemplateError.type("%c requires int or char")
            }
        default:
            let code = conv.unicodeScalars.first!.value
            throw TemplateError.value("unsupported format character '\(conv)' (0x\(String(code, radix: 16))) at index \(index() + 1)")
        }
    }

    static func asciiRepr(_ s: String) -> String {
        var out = ""
        for scalar in s.unicodeScalars {
            if scalar.value < 0x80 {
                out.unicodeScalars.append(scalar)
            } else if scalar.value <= 0xFF {
                out += "\\x" + PythonRepr.hex(scalar.value, 2)
            } else if scalar.value <= 0xFFFF {
                out += "\\u" + PythonRepr.hex(scalar.value, 4)
            } else {
                out += "\\U" + PythonRepr.hex(scalar.value, 8)
            }
        }
        return out
    }
}
