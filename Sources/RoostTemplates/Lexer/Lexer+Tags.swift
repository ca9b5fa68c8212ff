extension Lexer {
    /// If a `{% raw %}` tag starts at `i`, returns the offset just after its `%}`.
    func rawTagEnd(at i: Int) -> Int? {
        var j = i + 2
        if j < src.count, src[j] == 0x2D || src[j] == 0x2B { j += 1 }
        while j < src.count, ByteClass.isSpace(src[j]) { j += 1 }
        guard matches("raw", at: j) else { return nil }
        j += 3
        while j < src.count, ByteClass.isSpace(src[j]) { j += 1 }
        if j < src.count, src[j] == 0x2D || src[j] == 0x2B { j += 1 }
        guard matches("%}", at: j) else { return nil }
        return j + 2
    }

    /// Lexes `{% raw %}…{% endraw %}` starting at the current position (the raw tag).
    mutating func lexRaw(openEnd: Int) throws(TemplateError) -> (Bool, Bool) {
        let startLine = line
        let openStripsAfter = src[openEnd - 3] == 0x2D
        var contentStart = openEnd
        // search for {%[-+]? endraw [-+]?%}
        var i = openEnd
        while i + 1 < src.count {
            if src[i] == 0x7B && src[i + 1] == 0x25 {
                var j = i + 2
                let innerFlag: UInt8? = j < src.count && (src[j] == 0x2D || src[j] == 0x2B) ? src[j] : nil
                if innerFlag != nil { j += 1 }
                while j < src.count, ByteClass.isSpace(src[j]) { j += 1 }
                if matches("endraw", at: j) {
                    var k = j + 6
                    while k < src.count, ByteClass.isSpace(src[k]) { k += 1 }
                    let endFlag: UInt8? = k < src.count && (src[k] == 0x2D || src[k] == 0x2B) ? src[k] : nil
                    if endFlag != nil { k += 1 }
                    if matches("%}", at: k) {
                        if openStripsAfter {
                            contentStart = skipWhitespaceBytes(from: contentStart, to: i)
                        }
                        var contentEnd = i
                        if innerFlag == 0x2D {
                            contentEnd = trimTrailing(contentStart, i)
                        } else if options.lstripBlocks && innerFlag != 0x2B {
                            var p = contentEnd
                            while p > contentStart, src[p - 1] == 0x20 || src[p - 1] == 0x09 { p -= 1 }
                            if p > contentStart, src[p - 1] == 0x0A { contentEnd = p }
                        }
                        if contentEnd > contentStart {
                            tokens.append(
                                Token(kind: .data(String(decoding: src[contentStart..<contentEnd], as: UTF8.self)),
                                      line: startLine, column: 1))
                        }
                        advanceTo(k + 2)
                        return (endFlag == 0x2D, endFlag != 0x2B && options.trimBlocks)
                    }
                }
            }
            i += 1
        }
        throw errorAt("Missing end of raw directive", line: startLine)
    }

    /// Lexes a `{# … #}` comment at the current position.
    mutating func lexComment() throws(TemplateError) -> (Bool, Bool) {
        let startLine = line
        var contentStart = pos + 2
        if contentStart < src.count, src[contentStart] == 0x2D || src[contentStart] == 0x2B { contentStart += 1 }
        var i = contentStart
        while i + 1 < src.count {
            if src[i] == 0x23 && src[i + 1] == 0x7D {
                let flag: UInt8 = i > contentStart ? src[i - 1] : 0
                advanceTo(i + 2)
                return (flag == 0x2D, flag != 0x2B && options.trimBlocks)
            }
            i += 1
        }
        throw errorAt("Missing end of comment tag", line: startLine)
    }
}
