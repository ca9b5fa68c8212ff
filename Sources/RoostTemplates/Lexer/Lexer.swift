/// Splits template source into tokens, applying Jinja's whitespace rules (`-`, `+`,
/// `trim_blocks`, `lstrip_blocks`, trailing newline) and newline normalisation.
struct Lexer {
    let src: [UInt8]
    let options: LexerOptions
    let templateName: String?
    var tokens: [Token] = []
    var pos = 0
    var line = 1
    var lineStart = 0

    init(source: String, options: LexerOptions, templateName: String?) {
        self.src = Lexer.normalize(source, keepTrailingNewline: options.keepTrailingNewline)
        self.options = options
        self.templateName = templateName
    }

    /// Converts `\r\n` and `\r` to `\n` and drops one trailing newline unless asked not to.
    static func normalize(_ source: String, keepTrailingNewline: Bool) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(source.utf8.count)
        var previousCR = false
        for b in source.utf8 {
            if b == 0x0D {
                out.append(0x0A)
                previousCR = true
                continue
            }
            if b == 0x0A && previousCR {
                previousCR = false
                continue
            }
            previousCR = false
            out.append(b)
        }
        if !keepTrailingNewline, out.last == 0x0A { out.removeLast() }
        return out
    }

    /// Tokenizes the whole source.
    /// - Throws: ``TemplateError`` for unterminated comments, raw blocks, strings and stray characters.
    static func tokenize(_ source: String, options: LexerOptions, name: String?) throws(TemplateError) -> [Token] {
        var lexer = Lexer(source: source, options: options, templateName: name)
        try lexer.run()
        return lexer.tokens
    }

    func errorAt(_ message: String, line: Int? = nil, column: Int? = nil) -> TemplateError {
        TemplateError(
            .syntax, message: message, templateName: templateName, line: line ?? self.line,
            column: column ?? (pos - lineStart + 1), source: String(decoding: src, as: UTF8.self))
    }

    mutating func advanceTo(_ newPos: Int) {
        var i = pos
        while i < newPos {
            if src[i] == 0x0A {
                line += 1
                lineStart = i + 1
            }
            i += 1
        }
        pos = newPos
    }

    func string(_ from: Int, _ to: Int) -> String {
        String(decoding: src[from..<to], as: UTF8.self)
    }

    func matches(_ text: StaticString, at i: Int) -> Bool {
        let n = text.utf8CodeUnitCount
        guard i + n <= src.count else { return false }
        return text.withUTF8Buffer { buf in
            for k in 0..<n where src[i + k] != buf[k] { return false }
            return true
        }
    }

    /// Finds the next `{{`, `{%` or `{#` at or after `from`.
    private func nextTagStart(from: Int) -> (Int, UInt8)? {
        var i = from
        let n = src.count
        while i + 1 < n {
            if src[i] == 0x7B {
                let c = src[i + 1]
                if c == 0x7B || c == 0x25 || c == 0x23 { return (i, c) }
            }
            i += 1
        }
        return nil
    }

    private mutating func run() throws(TemplateError) {
        var stripNextData = false
        var trimNextNewline = false
        while pos < src.count {
            let dataStart = pos
            guard let (tagPos, kind) = nextTagStart(from: pos) else {
                emitData(dataStart, src.count, stripLeading: stripNextData, trimNewline: trimNextNewline, tagKind: nil, tagFlag: nil)
                advanceTo(src.count)
                break
            }
            let flagByte: UInt8? = tagPos + 2 < src.count ? src[tagPos + 2] : nil
            let flag: UInt8? = (flagByte == 0x2D || flagByte == 0x2B) ? flagByte : nil
            // raw blocks are recognised at the tag level
            if kind == 0x25, let rawEnd = rawTagEnd(at: tagPos) {
                emitData(dataStart, tagPos, stripLeading: stripNextData, trimNewline: trimNextNewline, tagKind: kind, tagFlag: flag)
                advanceTo(tagPos)
                (stripNextData, trimNextNewline) = try lexRaw(openEnd: rawEnd)
                continue
            }
            emitData(dataStart, tagPos, stripLeading: stripNextData, trimNewline: trimNextNewline, tagKind: kind, tagFlag: flag)
            advanceTo(tagPos)
            stripNextData = false
            trimNextNewline = false
            if kind == 0x23 {
                (stripNextData, trimNextNewline) = try lexComment()
            } else {
                (stripNextData, trimNextNewline) = try lexTag(isBlock: kind == 0x25)
            }
        }
        tokens.append(Token(kind: .eof, line: line, column: pos - lineStart + 1))
    }

    /// Emits a data token for `src[from..<to]`, applying the pending whitespace rules.
    private mutating func emitData(
        _ from: Int, _ to: Int, stripLeading: Bool, trimNewline: Bool, tagKind: UInt8?, tagFlag: UInt8?
    ) {
        var start = from
        var end = to
        if stripLeading {
            start = skipWhitespaceBytes(from: start, to: end)
        } else if trimNewline, start < end, src[start] == 0x0A {
            start += 1
        }
        if tagFlag == 0x2D {
            end = trimTrailing(start, end)
        } else if options.lstripBlocks, let k = tagKind, k != 0x7B, tagFlag != 0x2B {
            let lineStarting = start == 0 || src[start - 1] == 0x0A
            var lpos = end
            while lpos > start, src[lpos - 1] != 0x0A { lpos -= 1 }
            let sawNewline = lpos > start
            if sawNewline || lineStarting {
                var onlyBlanks = true
                for i in lpos..<end where src[i] != 0x20 && src[i] != 0x09 {
                    onlyBlanks = false
                    break
                }
                if onlyBlanks { end = lpos }
            }
        }
        if end > start {
            let l = lineOf(start)
            tokens.append(Token(kind: .data(string(start, end)), line: l.0, column: l.1))
        }
    }

    func lineOf(_ offset: Int) -> (Int, Int) {
        // Only called for data tokens starting at or after the current position's line.
        var l = line
        var ls = lineStart
        var i = pos
        while i < offset {
            if src[i] == 0x0A {
                l += 1
                ls = i + 1
            }
            i += 1
        }
        return (l, offset - ls + 1)
    }

    /// Skips Python whitespace (including Unicode spaces) from `from`.
    func skipWhitespaceBytes(from: Int, to: Int) -> Int {
        var i = from
        while i < to {
            let b = src[i]
            if b < 0x80 {
                if ByteClass.isSpace(b) || (b >= 0x1C && b <= 0x1F) { i += 1; continue }
                return i
            }
            let (scalar, len) = decodeScalar(at: i)
            if scalar.isPythonSpace { i += len } else { return i }
        }
        return i
    }

    func trimTrailing(_ start: Int, _ end: Int) -> Int {
        // Whitespace is rare outside ASCII; decode via String for the Unicode case.
        var e = end
        while e > start {
            let b = src[e - 1]
            if b < 0x80 {
                if ByteClass.isSpace(b) || (b >= 0x1C && b <= 0x1F) { e -= 1; continue }
                return e
            }
            var s = e - 1
            while s > start, src[s] & 0xC0 == 0x80 { s -= 1 }
            let (scalar, _) = decodeScalar(at: s)
            if scalar.isPythonSpace { e = s } else { return e }
        }
        return e
    }

    func decodeScalar(at i: Int) -> (Unicode.Scalar, Int) {
        var it = src[i...].makeIterator()
        var decoder = UTF8()
        if case .scalarValue(let s) = decoder.decode(&it) {
            return (s, UTF8.width(s))
        }
        return (Unicode.Scalar(0xFFFD)!, 1)
    }
}
