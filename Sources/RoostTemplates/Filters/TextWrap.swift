/// Python's `textwrap.wrap` with the options Jinja's `wordwrap` uses (no tab expansion, no
/// whitespace replacement, whitespace dropped at line ends).
enum TextWrap {
    static func isWS(_ c: Unicode.Scalar) -> Bool {
        c == " " || c == "\t" || c == "\n" || c == "\u{0B}" || c == "\u{0C}" || c == "\r"
    }

    static func isWordChar(_ c: Unicode.Scalar) -> Bool {
        c.properties.isAlphabetic || c.properties.numericType != nil || c == "_" || c.properties.generalCategory == .nonspacingMark
    }

    static func isLetter(_ c: Unicode.Scalar) -> Bool {
        isWordChar(c) && c.properties.numericType != .decimal
    }

    static func isWordPunct(_ c: Unicode.Scalar) -> Bool {
        isWordChar(c) || "!\"'&.,?".unicodeScalars.contains(c)
    }

    /// Splits a line into words, whitespace runs and hyphenated word parts.
    static func chunks(_ text: [Unicode.Scalar], breakOnHyphens: Bool) -> [[Unicode.Scalar]] {
        var out: [[Unicode.Scalar]] = []
        let n = text.count
        var i = 0
        func at(_ k: Int) -> Unicode.Scalar? { k >= 0 && k < n ? text[k] : nil }
        while i < n {
            if isWS(text[i]) {
                var j = i
                while j < n, isWS(text[j]) { j += 1 }
                out.append(Array(text[i..<j]))
                i = j
                continue
            }
            if !breakOnHyphens {
                var j = i
                while j < n, !isWS(text[j]) { j += 1 }
                out.append(Array(text[i..<j]))
                i = j
                continue
            }
            // em-dash between words
            if text[i] == "-", let p = at(i - 1), isWordPunct(p) {
                var j = i
                while j < n, text[j] == "-" { j += 1 }
                if j - i >= 2, let next = at(j), isWordChar(next) {
                    out.append(Array(text[i..<j]))
                    i = j
                    continue
                }
            }
            var j = i + 1
            var end = n
            while j <= n {
                if j == n || isWS(text[j]) {
                    end = j
                    break
                }
                let c = text[j - 1]
                // hyphenated word: the chunk ends after a hyphen
                if c == "-", j - 1 > i {
                    let lb1 = j - 3 >= 0 && isLetter(text[j - 3]) && isLetter(text[j - 2])
                    let lb2 = j - 4 >= 0 && isLetter(text[j - 4]) && text[j - 3] == "-" && isLetter(text[j - 2])
                    if (lb1 || lb2), let l1 = at(j), isLetter(l1) {
                        if let l2 = at(j + 1), isLetter(l2) || (l2 == "-" && at(j + 2).map(isLetter) == true) {
                            end = j
                            break
                        }
                    }
                }
                // before an em-dash
                if isWordPunct(text[j - 1]), text[j] == "-", at(j + 1) == "-" {
                    var k = j
                    while k < n, text[k] == "-" { k += 1 }
                    if let w = at(k), isWordChar(w) {
                        end = j
                        break
                    }
                }
                j += 1
            }
            out.append(Array(text[i..<end]))
            i = end
        }
        return out
    }

    static func wrap(_ line: String, width: Int, breakLongWords: Bool, breakOnHyphens: Bool) -> [String] {
        var chunks = Array(chunks(Array(line.unicodeScalars), breakOnHyphens: breakOnHyphens).reversed())
        var lines: [String] = []
        func isBlank(_ c: [Unicode.Scalar]) -> Bool { c.allSatisfy { $0.isPythonSpace } }
        while !chunks.isEmpty {
            var cur: [[Unicode.Scalar]] = []
            var curLen = 0
            if isBlank(chunks[chunks.count - 1]) && !lines.isEmpty { chunks.removeLast() }
            while let last = chunks.last {
                if curLen + last.count <= width {
                    cur.append(chunks.removeLast())
                    curLen += last.count
                } else {
                    break
                }
            }
            if let last = chunks.last, last.count > width {
                let spaceLeft = width < 1 ? 1 : width - curLen
                if breakLongWords {
                    var end = spaceLeft
                    if breakOnHyphens && last.count > spaceLeft {
                        if let hyphen = last[0..<spaceLeft].lastIndex(of: "-"), hyphen > 0, last[0..<hyphen].contains(where: { $0 != "-" }) {
                            end = hyphen + 1
                        }
                    }
                    cur.append(Array(last[0..<end]))
                    chunks[chunks.count - 1] = Array(last[end...])
                } else if cur.isEmpty {
                    cur.append(chunks.removeLast())
                }
                curLen = cur.reduce(0) { $0 + $1.count }
            }
            if let last = cur.last, isBlank(last) {
                curLen -= last.count
                cur.removeLast()
            }
            if !cur.isEmpty { lines.append(PyString.make(cur.joined())) }
        }
        return lines
    }
}
