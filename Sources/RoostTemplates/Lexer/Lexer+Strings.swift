extension Lexer {
    /// Lexes a quoted string literal at the current position, decoding Python escapes.
    /// - Returns: The decoded value and the offset after the closing quote.
    mutating func lexString(quote: UInt8) throws(TemplateError) -> (String, Int) {
        var j = pos + 1
        var bytes: [UInt8] = []
        var hasEscape = false
        while j < src.count {
            let c = src[j]
            if c == quote { break }
            if c == 0x5C {
                hasEscape = true
                guard j + 1 < src.count else { break }
                bytes.append(c)
                bytes.append(src[j + 1])
                j += 2
                continue
            }
            bytes.append(c)
            j += 1
        }
        guard j < src.count else {
            let index = String(decoding: src[0..<pos], as: UTF8.self).unicodeScalars.count
            let q = quote == 0x27 ? "\"'\"" : "'\"'"
            throw errorAt("unexpected char \(q) at \(index)")
        }
        let raw = String(decoding: bytes, as: UTF8.self)
        return (hasEscape ? Lexer.decodeEscapes(raw) : raw, j + 1)
    }

    /// Python's `unicode-escape` decoding of a literal's body (unknown escapes are kept).
    static func decodeEscapes(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        func hex(_ from: Int, _ count: Int) -> UInt32? {
            guard from + count <= scalars.count else { return nil }
            var v: UInt32 = 0
            for k in from..<(from + count) {
                guard let d = Int(String(scalars[k]), radix: 16) else { return nil }
                v = v * 16 + UInt32(d)
            }
            return v
        }
        while i < scalars.count {
            let c = scalars[i]
            guard c == "\\", i + 1 < scalars.count else {
                out.append(c)
                i += 1
                continue
            }
            let e = scalars[i + 1]
            switch e {
            case "\n": i += 2
            case "\\": out.append("\\"); i += 2
            case "'": out.append("'"); i += 2
            case "\"": out.append("\""); i += 2
            case "a": out.append("\u{07}"); i += 2
            case "b": out.append("\u{08}"); i += 2
            case "f": out.append("\u{0C}"); i += 2
            case "n": out.append("\n"); i += 2
            case "r": out.append("\r"); i += 2
            case "t": out.append("\t"); i += 2
            case "v": out.append("\u{0B}"); i += 2
            case "0"..."7":
                var v: UInt32 = 0
                var k = i + 1
                while k < scalars.count, k < i + 4, ("0"..."7").contains(scalars[k]) {
                    v = v * 8 + (scalars[k].value - 0x30)
                    k += 1
                }
                out.append(Unicode.Scalar(v) ?? "\u{FFFD}")
                i = k
            case "x", "u", "U":
                let n = e == "x" ? 2 : e == "u" ? 4 : 8
                if let v = hex(i + 2, n), let s = Unicode.Scalar(v) {
                    out.append(s)
                    i += 2 + n
                } else {
                    out.append(c)
                    i += 1
                }
            default:
                out.append(c)
                i += 1
            }
        }
        return String(out)
    }
}
