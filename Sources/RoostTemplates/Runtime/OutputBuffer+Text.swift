/// Filters whose result is printed right away (`{{ x|upper }}`, `{{ x|truncate(40) }}`,
/// `{{ "%.2f"|format(x) }}`) write their result straight into the output, without building
/// the intermediate string. Each writer handles the common case (ASCII text, a finite number)
/// and returns `false`, having written nothing, when the general filter must run instead.
extension OutputBuffer {
    /// How `writeMapped` changes each byte of ASCII text.
    enum ByteMap {
        case upper, lower, capitalize, title
    }

    /// Appends `s` with `map` applied to every byte, escaped when `escape` is set; `false`
    /// (nothing written) when `s` is not ASCII.
    @inline(__always)
    mutating func writeMapped(_ s: String, _ map: ByteMap, escape: Bool) throws -> Bool {
        var s = s
        return try s.withUTF8 { src in
            let n = src.count
            guard let p = src.baseAddress, n > 0 else { return true }
            if !Self.isASCII(src) { return false }
            try storage.reserve(escape ? n &* 5 : n)
            let out = storage.base + storage.count
            var j = 0
            var previous: UInt8 = 2  // for title: neither delimiter (1) nor word (0)
            for i in 0..<n {
                let b = p[i]
                let mapped: UInt8
                switch map {
                case .upper: mapped = ASCIICase.upper(b)
                case .lower: mapped = ASCIICase.lower(b)
                case .capitalize: mapped = i == 0 ? ASCIICase.upper(b) : ASCIICase.lower(b)
                case .title:
                    let delimiter = ASCIICase.titleDelimiter(b)
                    mapped = previous != delimiter ? ASCIICase.upper(b) : ASCIICase.lower(b)
                    previous = delimiter
                }
                if escape {
                    j = Escaper.writeByte(mapped, out, j)
                } else {
                    out[j] = mapped
                    j &+= 1
                }
            }
            storage.count &+= j
            return true
        }
    }

    /// Whether every byte is below 0x80, eight at a time.
    @inline(__always)
    static func isASCII(_ src: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let p = src.baseAddress else { return true }
        let n = src.count
        var i = 0
        var bits: UInt64 = 0
        while i &+ 8 <= n {
            bits |= UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self)
            i &+= 8
        }
        while i < n {
            bits |= UInt64(p[i])
            i &+= 1
        }
        return bits & 0x8080_8080_8080_8080 == 0
    }

    /// Appends `text|truncate(…)` for a plain string or markup: the whole text when it has at
    /// most `limit + leeway` code points, else its first `limit - end.count` code points, cut
    /// back to the last space unless `killwords`, followed by `end` (already escaped as the
    /// result's kind requires: see ``TruncateSpec``).
    mutating func writeTruncated(_ s: String, escape: Bool, _ spec: TruncateSpec, endBytes: [UInt8]) throws {
        var s = s
        try s.withUTF8 { src in
            let scalars = Self.scalarCount(src)
            if scalars <= spec.length &+ spec.leeway {
                if escape { try writeEscaped(src) } else { try storage.append(src) }
                return
            }
            var end = Self.byteOffset(src, scalars: max(0, spec.length &- spec.endCount))
            if !spec.killwords, let p = src.baseAddress {
                var k = end
                while k > 0 {
                    k &-= 1
                    if p[k] == 0x20 {
                        end = k
                        break
                    }
                }
            }
            let head = UnsafeBufferPointer(rebasing: src[0..<end])
            if escape { try writeEscaped(head) } else { try storage.append(head) }
            try write(bytes: endBytes)
        }
    }

    /// The number of code points in UTF-8 text (bytes that do not continue a sequence).
    @inline(__always)
    static func scalarCount(_ src: UnsafeBufferPointer<UInt8>) -> Int {
        guard let p = src.baseAddress else { return 0 }
        let n = src.count
        var continuation = 0
        var i = 0
        while i &+ 8 <= n {
            let w = UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self)
            // A continuation byte is 10xxxxxx: bit 7 set and bit 6 clear.
            continuation &+= (w & ~(w << 1) & 0x8080_8080_8080_8080).nonzeroBitCount
            i &+= 8
        }
        while i < n {
            if p[i] & 0xC0 == 0x80 { continuation &+= 1 }
            i &+= 1
        }
        return n &- continuation
    }

    /// The byte offset where code point number `scalars` starts (or the end of the text).
    @inline(__always)
    static func byteOffset(_ src: UnsafeBufferPointer<UInt8>, scalars: Int) -> Int {
        var seen = 0
        var end = 0
        while end < src.count {
            if src[end] & 0xC0 != 0x80 {
                if seen == scalars { break }
                seen &+= 1
            }
            end &+= 1
        }
        return end
    }

    /// Appends `%.Nf` of a finite number (Python's formatting), without building a string.
    mutating func writeFixed(_ d: Double, places: Int) throws {
        guard places <= 15, let r = PythonFloat.roundedScaled(abs(d), places) else {
            try write((d.sign == .minus ? "-" : "") + PythonFloat.fixed(d, places))
            return
        }
        try storage.reserve(40)
        var digits = 1
        var t = UInt64(r)
        while t >= 10 {
            t /= 10
            digits &+= 1
        }
        let intDigits = max(digits - places, 1)
        let total = intDigits &+ places &+ (places > 0 ? 1 : 0) &+ (d.sign == .minus ? 1 : 0)
        let out = storage.base + storage.count
        var i = total
        var n = UInt64(r)
        var written = 0
        repeat {
            if written == places && places > 0 {
                i &-= 1
                out[i] = 0x2E
            }
            i &-= 1
            out[i] = UInt8(48 &+ n % 10)
            n /= 10
            written &+= 1
        } while n > 0 || written <= places
        if d.sign == .minus { out[0] = 0x2D }
        storage.count &+= total
    }
}

/// The constant arguments of a `truncate` call, checked at compile time.
struct TruncateSpec: Sendable {
    let length: Int
    let killwords: Bool
    let end: String
    let endCount: Int
    let leeway: Int
}
