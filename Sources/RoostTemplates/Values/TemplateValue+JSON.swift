/// Reading JSON into template values the way Python's `json.load` does: integers stay
/// `.int`, numbers with a fraction or exponent become `.double`, object key order is kept.
extension TemplateValue {
    /// Parses JSON text.
    /// - Parameter text: A JSON document.
    /// - Returns: The value.
    /// - Throws: A ``TemplateError`` with code `.value` describing the first syntax error.
    public static func parseJSON(_ text: String) throws -> TemplateValue {
        var parser = JSONReader(bytes: Array(text.utf8))
        parser.skipSpace()
        let v = try parser.value(depth: 0)
        parser.skipSpace()
        guard parser.pos == parser.bytes.count else { throw parser.error("Extra data") }
        return v
    }
}

struct JSONReader {
    let bytes: [UInt8]
    var pos = 0

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    func error(_ message: String) -> TemplateError {
        TemplateError.value("invalid JSON: \(message) at offset \(pos)")
    }

    mutating func skipSpace() {
        while pos < bytes.count, bytes[pos] == 0x20 || bytes[pos] == 0x0A || bytes[pos] == 0x0D || bytes[pos] == 0x09 { pos += 1 }
    }

    mutating func literal(_ text: String, _ v: TemplateValue) throws -> TemplateValue {
        let t = Array(text.utf8)
        guard pos + t.count <= bytes.count, Array(bytes[pos..<(pos + t.count)]) == t else { throw error("Expecting value") }
        pos += t.count
        return v
    }

    mutating func value(depth: Int) throws -> TemplateValue {
        guard depth < 512 else { throw error("nesting too deep") }
        guard pos < bytes.count else { throw error("Expecting value") }
        switch bytes[pos] {
        case 0x7B: return try object(depth: depth)
        case 0x5B: return try array(depth: depth)
        case 0x22: return .string(try string())
        case 0x74: return try literal("true", .bool(true))
        case 0x66: return try literal("false", .bool(false))
        case 0x6E: return try literal("null", .none)
        case 0x4E: return try literal("NaN", .double(.nan))
        case 0x49: return try literal("Infinity", .double(.infinity))
        default: return try number()
        }
    }

    mutating func object(depth: Int) throws -> TemplateValue {
        pos += 1
        var pairs: [(TemplateValue, TemplateValue)] = []
        skipSpace()
        if pos < bytes.count, bytes[pos] == 0x7D {
            pos += 1
            return .dict(TemplateDict(pairs))
        }
        while true {
            skipSpace()
            guard pos < bytes.count, bytes[pos] == 0x22 else { throw error("Expecting property name enclosed in double quotes") }
            let key = try string()
            skipSpace()
            guard pos < bytes.count, bytes[pos] == 0x3A else { throw error("Expecting ':' delimiter") }
            pos += 1
            skipSpace()
            pairs.append((.string(key), try value(depth: depth + 1)))
            skipSpace()
            guard pos < bytes.count else { throw error("Expecting ',' delimiter") }
            if bytes[pos] == 0x2C {
                pos += 1
                continue
            }
            guard bytes[pos] == 0x7D else { throw error("Expecting ',' delimiter") }
            pos += 1
            return .dict(TemplateDict(pairs))
        }
    }

    mutating func array(depth: Int) throws -> TemplateValue {
        pos += 1
        var items: [TemplateValue] = []
        skipSpace()
        if pos < bytes.count, bytes[pos] == 0x5D {
            pos += 1
            return .list(items)
        }
        while true {
            skipSpace()
            items.append(try value(depth: depth + 1))
            skipSpace()
            guard pos < bytes.count else { throw error("Expecting ',' delimiter") }
            if bytes[pos] == 0x2C {
                pos += 1
                continue
            }
            guard bytes[pos] == 0x5D else { throw error("Expecting ',' delimiter") }
            pos += 1
            return .list(items)
        }
    }

    mutating func number() throws -> TemplateValue {
        let start = pos
        if pos < bytes.count, bytes[pos] == 0x2D {
            pos += 1
            if pos < bytes.count, bytes[pos] == 0x49 { return .double(-(try literal("Infinity", .double(.infinity)).doubleValue!)) }
        }
        var isFloat = false
        while pos < bytes.count {
            let b = bytes[pos]
            if ByteClass.isDigit(b) {
                pos += 1
            } else if b == 0x2E || b == 0x65 || b == 0x45 || ((b == 0x2B || b == 0x2D) && (bytes[pos - 1] | 0x20) == 0x65) {
                isFloat = true
                pos += 1
            } else {
                break
            }
        }
        let text = String(decoding: bytes[start..<pos], as: UTF8.self)
        guard !text.isEmpty, text != "-" else { throw error("Expecting value") }
        if !isFloat, let i = Int(text) { return .int(i) }
        guard let d = Double(text) else { throw error("Expecting value") }
        return .double(d)
    }

    mutating func string() throws -> String {
        pos += 1
        var out: [UInt8] = []
        while pos < bytes.count {
            let b = bytes[pos]
            if b == 0x22 {
                pos += 1
                return String(decoding: out, as: UTF8.self)
            }
            if b == 0x5C {
                pos += 1
                guard pos < bytes.count else { break }
                let e = bytes[pos]
                pos += 1
                switch e {
                case 0x22: out.append(0x22)
                case 0x5C: out.append(0x5C)
                case 0x2F: out.append(0x2F)
                case 0x62: out.append(0x08)
                case 0x66: out.append(0x0C)
                case 0x6E: out.append(0x0A)
                case 0x72: out.append(0x0D)
                case 0x74: out.append(0x09)
                case 0x75:
                    var code = try hex4()
                    if (0xD800..<0xDC00).contains(code), pos + 1 < bytes.count, bytes[pos] == 0x5C, bytes[pos + 1] == 0x75 {
                        let save = pos
                        pos += 2
                        let low = try hex4()
                        if (0xDC00..<0xE000).contains(low) {
                            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                        } else {
                            pos = save
                        }
                    }
                    let scalar = Unicode.Scalar(code) ?? "\u{FFFD}"
                    out.append(contentsOf: String(Character(scalar)).utf8)
                default: throw error("Invalid \\escape")
                }
                continue
            }
            out.append(b)
            pos += 1
        }
        throw error("Unterminated string")
    }

    mutating func hex4() throws -> UInt32 {
        guard pos + 4 <= bytes.count, let v = UInt32(String(decoding: bytes[pos..<(pos + 4)], as: UTF8.self), radix: 16) else {
            throw error("Invalid \\uXXXX escape")
        }
        pos += 4
        return v
    }
}
