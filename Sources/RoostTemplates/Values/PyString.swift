/// Python `str` methods on Swift strings, with code point (not grapheme) semantics.
enum PyString {
    static func scalars(_ s: String) -> [Unicode.Scalar] { Array(s.unicodeScalars) }

    static func make(_ scalars: some Sequence<Unicode.Scalar>) -> String {
        var v = String.UnicodeScalarView()
        v.append(contentsOf: scalars)
        return String(v)
    }

    /// The number of code points (Python's `len`), counted on the UTF-8 bytes.
    static func length(_ s: String) -> Int {
        var s = s
        return s.withUTF8 { buf in
            var n = 0
            for b in buf where b & 0xC0 != 0x80 { n &+= 1 }
            return n
        }
    }

    /// The first `n` code points of `s`.
    static func prefix(_ s: String, _ n: Int) -> String {
        var s = s
        return s.withUTF8 { buf in
            var seen = 0
            var end = 0
            while end < buf.count {
                if buf[end] & 0xC0 != 0x80 {
                    if seen == n { break }
                    seen &+= 1
                }
                end &+= 1
            }
            return String(decoding: UnsafeBufferPointer(rebasing: buf[0..<end]), as: UTF8.self)
        }
    }

    static func upper(_ s: String) -> String { ASCIICase.uppercased(s) ?? s.uppercased() }
    static func lower(_ s: String) -> String { ASCIICase.lowercased(s) ?? s.lowercased() }

    static func isCased(_ c: Unicode.Scalar) -> Bool {
        c.properties.isCased
    }

    static func titlecase(_ c: Unicode.Scalar) -> String { c.properties.titlecaseMapping }

    /// `str.capitalize()`: first character title-cased, the rest lower-cased.
    static func capitalize(_ s: String) -> String {
        if let fast = ASCIICase.capitalized(s) { return fast }
        var it = s.unicodeScalars.makeIterator()
        guard let first = it.next() else { return s }
        var rest = String.UnicodeScalarView()
        while let c = it.next() { rest.append(c) }
        return titlecase(first) + String(rest).lowercased()
    }

    /// `str.title()`: title-case the first cased character of each run of cased characters.
    static func title(_ s: String) -> String {
        var out = ""
        var previousCased = false
        for c in s.unicodeScalars {
            out += previousCased ? c.properties.lowercaseMapping : titlecase(c)
            previousCased = c.properties.isUppercase || c.properties.isLowercase || c.properties.generalCategory == .titlecaseLetter
        }
        return out
    }

    static func swapcase(_ s: String) -> String {
        var out = ""
        for c in s.unicodeScalars {
            if c.properties.isUppercase {
                out += c.properties.lowercaseMapping
            } else if c.properties.isLowercase {
                out += c.properties.uppercaseMapping
            } else {
                out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// `str.strip(chars)`; `nil` strips whitespace.
    static func strip(_ s: String, _ chars: String?, leading: Bool = true, trailing: Bool = true) -> String {
        let sc = scalars(s)
        let set: Set<Unicode.Scalar>? = chars.map { Set($0.unicodeScalars) }
        func strippable(_ c: Unicode.Scalar) -> Bool { set?.contains(c) ?? c.isPythonSpace }
        var start = 0
        var end = sc.count
        if leading { while start < end, strippable(sc[start]) { start += 1 } }
        if trailing { while end > start, strippable(sc[end - 1]) { end -= 1 } }
        return make(sc[start..<end])
    }

    /// `str.split(sep, maxsplit)`.
    static func split(_ s: String, _ sep: String?, _ maxsplit: Int = -1) -> [String] {
        guard let sep else {
            var out: [String] = []
            var current = String.UnicodeScalarView()
            var inWord = false
            let sc = scalars(s)
            var i = 0
            while i < sc.count {
                let c = sc[i]
                if c.isPythonSpace {
                    if inWord {
                        out.append(String(current))
                        current = String.UnicodeScalarView()
                        inWord = false
                        if maxsplit >= 0 && out.count >= maxsplit {
                            var j = i
                            while j < sc.count, sc[j].isPythonSpace { j += 1 }
                            if j < sc.count { out.append(make(sc[j...])) }
                            return out
                        }
                    }
                } else {
                    current.append(c)
                    inWord = true
                }
                i += 1
            }
            if inWord { out.append(String(current)) }
            return out
        }
        let h = Array(s.utf8)
        let n = Array(sep.utf8)
        var out: [String] = []
        var start = 0
        while maxsplit < 0 || out.count < maxsplit {
            guard let i = ByteSearch.find(n, in: h, from: start) else { break }
            out.append(String(decoding: h[start..<i], as: UTF8.self))
            start = i + n.count
        }
        out.append(String(decoding: h[start...], as: UTF8.self))
        return out
    }

    /// `str.rsplit(sep, maxsplit)`.
    static func rsplit(_ s: String, _ sep: String?, _ maxsplit: Int = -1) -> [String] {
        if maxsplit < 0 { return split(s, sep) }
        let reversedParts = split(make(s.unicodeScalars.reversed()), sep.map { make($0.unicodeScalars.reversed()) }, maxsplit)
        return reversedParts.reversed().map { make($0.unicodeScalars.reversed()) }
    }

    /// `str.splitlines(keepends)`.
    static func splitlines(_ s: String, keepends: Bool = false) -> [String] {
        var out: [String] = []
        let sc = scalars(s)
        var start = 0
        var i = 0
        while i < sc.count {
            let c = sc[i].value
            var eol = 0
            switch c {
            case 0x0D: eol = (i + 1 < sc.count && sc[i + 1] == "\n") ? 2 : 1
            case 0x0A, 0x0B, 0x0C, 0x1C, 0x1D, 0x1E, 0x85, 0x2028, 0x2029: eol = 1
            default: break
            }
            if eol > 0 {
                out.append(make(sc[start..<(keepends ? i + eol : i)]))
                i += eol
                start = i
            } else {
                i += 1
            }
        }
        if start < sc.count { out.append(make(sc[start...])) }
        return out
    }

    /// `str.replace(old, new, count)`.
    static func replace(_ s: String, _ old: String, _ new: String, _ count: Int = -1) -> String {
        if old.isEmpty {
            var out = ""
            var n = 0
            for c in s.unicodeScalars {
                if count < 0 || n < count {
                    out += new
                    n += 1
                }
                out.unicodeScalars.append(c)
            }
            if count < 0 || n < count { out += new }
            return out
        }
        let h = Array(s.utf8)
        let o = Array(old.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(h.count)
        var start = 0
        var n = 0
        while count < 0 || n < count, let i = ByteSearch.find(o, in: h, from: start) {
            out.append(contentsOf: h[start..<i])
            out.append(contentsOf: new.utf8)
            start = i + o.count
            n += 1
        }
        out.append(contentsOf: h[start...])
        return String(decoding: out, as: UTF8.self)
    }

    static func count(_ s: String, _ sub: String) -> Int {
        if sub.isEmpty { return length(s) + 1 }
        let h = Array(s.utf8)
        let o = Array(sub.utf8)
        var n = 0
        var start = 0
        while let i = ByteSearch.find(o, in: h, from: start) {
            n += 1
            start = i + o.count
        }
        return n
    }

    /// `str.find(sub)` in code points, or -1.
    static func find(_ s: String, _ sub: String, reverse: Bool = false) -> Int {
        let h = Array(s.utf8)
        let o = Array(sub.utf8)
        guard let i = reverse ? ByteSearch.findLast(o, in: h) : ByteSearch.find(o, in: h, from: 0) else { return -1 }
        return String(decoding: h[..<i], as: UTF8.self).unicodeScalars.count
    }

    /// `str.center/ljust/rjust(width, fill)`.
    static func pad(_ s: String, _ width: Int, _ fill: String, align: Character) -> String {
        let n = length(s)
        guard width > n else { return s }
        let total = width - n
        switch align {
        case "<": return s + String(repeating: fill, count: total)
        case ">": return String(repeating: fill, count: total) + s
        default:
            // CPython: left = total/2 + (total & width & 1)
            let left = total / 2 + (total & width & 1)
            return String(repeating: fill, count: left) + s + String(repeating: fill, count: total - left)
        }
    }

    static func zfill(_ s: String, _ width: Int) -> String {
        let n = length(s)
        guard width > n else { return s }
        var body = s
        var sign = ""
        if let f = body.first, f == "+" || f == "-" {
            sign = String(f)
            body.removeFirst()
        }
        return sign + String(repeating: "0", count: width - n) + body
    }

    static func isTitle(_ s: String) -> Bool {
        var cased = false
        var previousCased = false
        for c in s.unicodeScalars {
            if c.properties.isUppercase || c.properties.changesWhenLowercased && !c.properties.isLowercase {
                if previousCased { return false }
                previousCased = true
                cased = true
            } else if c.properties.isLowercase {
                if !previousCased { return false }
                previousCased = true
                cased = true
            } else {
                previousCased = false
            }
        }
        return cased
    }

    static func expandtabs(_ s: String, _ size: Int = 8) -> String {
        var out = ""
        var col = 0
        for c in s.unicodeScalars {
            if c == "\t" {
                if size > 0 {
                    let n = size - col % size
                    out += String(repeating: " ", count: n)
                    col += n
                }
            } else {
                out.unicodeScalars.append(c)
                col = (c == "\n" || c == "\r") ? 0 : col + 1
            }
        }
        return out
    }
}

/// Substring search on UTF-8 bytes (equivalent to code point search).
enum ByteSearch {
    static func find(_ needle: [UInt8], in h: [UInt8], from: Int) -> Int? {
        if needle.isEmpty { return from <= h.count ? from : nil }
        guard needle.count <= h.count else { return nil }
        let first = needle[0]
        var i = from
        let last = h.count - needle.count
        while i <= last {
            if h[i] == first {
                var k = 1
                while k < needle.count, h[i + k] == needle[k] { k += 1 }
                if k == needle.count { return i }
            }
            i += 1
        }
        return nil
    }

    static func findLast(_ needle: [UInt8], in h: [UInt8]) -> Int? {
        if needle.isEmpty { return h.count }
        guard needle.count <= h.count else { return nil }
        var i = h.count - needle.count
        while i >= 0 {
            var k = 0
            while k < needle.count, h[i + k] == needle[k] { k += 1 }
            if k == needle.count { return i }
            i -= 1
        }
        return nil
    }
}
