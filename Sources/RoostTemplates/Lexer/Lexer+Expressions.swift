extension Lexer {
    /// Lexes a `{{ … }}` or `{% … %}` tag starting at the current position.
    /// - Returns: Whether the following data is stripped (`-`) and whether its first newline
    ///   is trimmed (`trim_blocks`).
    mutating func lexTag(isBlock: Bool) throws(TemplateError) -> (Bool, Bool) {
        tokens.append(Token(kind: isBlock ? .blockBegin : .variableBegin, line: line, column: pos - lineStart + 1))
        var p = pos + 2
        if p < src.count, src[p] == 0x2D || src[p] == 0x2B { p += 1 }
        advanceTo(p)
        var balance: [UInt8] = []
        let closer: UInt8 = isBlock ? 0x25 : 0x7D
        while pos < src.count {
            if balance.isEmpty {
                var j = pos
                while j < src.count, ByteClass.isSpace(src[j]) { j += 1 }
                if j + 2 < src.count + 0, src[j] == 0x2D, j + 2 < src.count, src[j + 1] == closer, src[j + 2] == 0x7D {
                    tokens.append(Token(kind: isBlock ? .blockEnd : .variableEnd, line: lineOf(j).0, column: lineOf(j).1))
                    advanceTo(j + 3)
                    return (true, false)
                }
                if isBlock, j + 2 < src.count, src[j] == 0x2B, src[j + 1] == 0x25, src[j + 2] == 0x7D {
                    tokens.append(Token(kind: .blockEnd, line: lineOf(j).0, column: lineOf(j).1))
                    advanceTo(j + 3)
                    return (false, false)
                }
                if j + 1 < src.count, src[j] == closer, src[j + 1] == 0x7D {
                    tokens.append(Token(kind: isBlock ? .blockEnd : .variableEnd, line: lineOf(j).0, column: lineOf(j).1))
                    advanceTo(j + 2)
                    return (false, isBlock && options.trimBlocks)
                }
            }
            let b = src[pos]
            if ByteClass.isSpace(b) {
                var j = pos
                while j < src.count, ByteClass.isSpace(src[j]) { j += 1 }
                advanceTo(j)
                continue
            }
            let column = pos - lineStart + 1
            if ByteClass.isDigit(b) {
                let (kind, end) = try lexNumber()
                tokens.append(Token(kind: kind, line: line, column: column))
                advanceTo(end)
            } else if ByteClass.isNameStart(b) {
                var j = pos + 1
                while j < src.count, ByteClass.isNameContinue(src[j]) { j += 1 }
                tokens.append(Token(kind: .name(string(pos, j)), line: line, column: column))
                advanceTo(j)
            } else if b == 0x27 || b == 0x22 {
                let startLine = line
                let (value, end) = try lexString(quote: b)
                tokens.append(Token(kind: .string(value), line: startLine, column: column))
                advanceTo(end)
            } else if let (op, len) = lexOperator(at: pos) {
                switch op {
                case .lparen, .lbracket, .lbrace:
                    balance.append(src[pos])
                case .rparen, .rbracket, .rbrace:
                    guard let open = balance.popLast() else {
                        throw errorAt("unexpected '\(op.rawValue)'")
                    }
                    let expected: UInt8 = open == 0x28 ? 0x29 : open == 0x5B ? 0x5D : 0x7D
                    if expected != src[pos] {
                        throw errorAt("unexpected '\(op.rawValue)', expected '\(Character(Unicode.Scalar(expected)))'")
                    }
                default:
                    break
                }
                tokens.append(Token(kind: .op(op), line: line, column: column))
                advanceTo(pos + len)
            } else {
                let index = String(decoding: src[0..<pos], as: UTF8.self).unicodeScalars.count
                let (scalar, _) = decodeScalar(at: pos)
                throw errorAt("unexpected char \(PythonRepr.string(String(Character(scalar)))) at \(index)")
            }
        }
        return (false, false)
    }

    private func lexOperator(at i: Int) -> (Operator, Int)? {
        let b = src[i]
        let next: UInt8 = i + 1 < src.count ? src[i + 1] : 0
        switch b {
        case 0x2B: return (.add, 1)
        case 0x2D: return (.sub, 1)
        case 0x2A: return next == 0x2A ? (.pow, 2) : (.mul, 1)
        case 0x2F: return next == 0x2F ? (.floordiv, 2) : (.div, 1)
        case 0x25: return (.mod, 1)
        case 0x7E: return (.tilde, 1)
        case 0x5B: return (.lbracket, 1)
        case 0x5D: return (.rbracket, 1)
        case 0x28: return (.lparen, 1)
        case 0x29: return (.rparen, 1)
        case 0x7B: return (.lbrace, 1)
        case 0x7D: return (.rbrace, 1)
        case 0x3D: return next == 0x3D ? (.eq, 2) : (.assign, 1)
        case 0x21: return next == 0x3D ? (.ne, 2) : nil
        case 0x3E: return next == 0x3D ? (.gteq, 2) : (.gt, 1)
        case 0x3C: return next == 0x3D ? (.lteq, 2) : (.lt, 1)
        case 0x2E: return (.dot, 1)
        case 0x3A: return (.colon, 1)
        case 0x7C: return (.pipe, 1)
        case 0x2C: return (.comma, 1)
        case 0x3B: return (.semicolon, 1)
        default: return nil
        }
    }

    /// Digits with single underscores between them (`1_000`); returns the end offset.
    private func digitRun(from i: Int, isDigit: (UInt8) -> Bool) -> Int? {
        var j = i
        guard j < src.count, isDigit(src[j]) else { return nil }
        while j < src.count {
            if isDigit(src[j]) {
                j += 1
            } else if src[j] == 0x5F, j + 1 < src.count, isDigit(src[j + 1]) {
                j += 2
            } else {
                break
            }
        }
        return j
    }

    private func lexNumber() throws(TemplateError) -> (TokenKind, Int) {
        let start = pos
        let afterDot = start > 0 && src[start - 1] == 0x2E
        let decimal = ByteClass.isDigit
        if !afterDot, let intEnd = digitRun(from: start, isDigit: decimal) {
            var end = intEnd
            var isFloat = false
            if end + 1 < src.count, src[end] == 0x2E, let frac = digitRun(from: end + 1, isDigit: decimal) {
                end = frac
                isFloat = true
            }
            if end < src.count, src[end] == 0x65 || src[end] == 0x45 {
                var k = end + 1
                if k < src.count, src[k] == 0x2B || src[k] == 0x2D { k += 1 }
                if let expEnd = digitRun(from: k, isDigit: decimal) {
                    end = expEnd
                    isFloat = true
                }
            }
            if isFloat {
                let text = String(decoding: src[start..<end].filter { $0 != 0x5F }, as: UTF8.self)
                return (.float(Double(text) ?? .infinity), end)
            }
        }
        // integers
        if src[start] == 0x30, start + 1 < src.count {
            let p = src[start + 1] | 0x20
            let radix: Int? = p == 0x62 ? 2 : p == 0x6F ? 8 : p == 0x78 ? 16 : nil
            if let radix {
                let isRadixDigit: (UInt8) -> Bool = { c in
                    switch radix {
                    case 2: return c == 0x30 || c == 0x31
                    case 8: return c >= 0x30 && c <= 0x37
                    default: return ByteClass.isDigit(c) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x66)
                    }
                }
                var j = start + 2
                if j < src.count, src[j] == 0x5F { j += 1 }
                if let end = digitRun(from: j, isDigit: isRadixDigit) {
                    let digits = String(decoding: src[(start + 2)..<end].filter { $0 != 0x5F }, as: UTF8.self)
                    guard let v = Int(digits, radix: radix) else { throw errorAt("integer literal is too large") }
                    return (.integer(v), end)
                }
            }
            // 0(_?0)*
            var j = start + 1
            while j < src.count {
                if src[j] == 0x30 { j += 1 } else if src[j] == 0x5F, j + 1 < src.count, src[j + 1] == 0x30 { j += 2 } else { break }
            }
            return (.integer(0), j)
        }
        if src[start] == 0x30 { return (.integer(0), start + 1) }
        let end = digitRun(from: start, isDigit: decimal) ?? start + 1
        let digits = String(decoding: src[start..<end].filter { $0 != 0x5F }, as: UTF8.self)
        guard let v = Int(digits) else { throw errorAt("integer literal is too large") }
        return (.integer(v), end)
    }
}
