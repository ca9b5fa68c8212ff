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
    /// (nothing written) when `s` is not ASCII. The mappings change letters only, so the
    /// characters escaping replaces are the same before and after.
    @inline(__always)
    mutating func writeMapped(_ s: String, _ map: ByteMap, escape: Bool) throws -> Bool {
        var s = s
        return try s.withUTF8 { src in
            let n = src.count
            guard let p = src.baseAddress, n > 0 else { return true }
            if !Self.isASCII(src) { return false }
            let escaping = escape && Self.hasSpecial(src)
            try storage.reserve(escaping ? n &* 5 : n)
            let out = storage.base + storage.count
            let written: Int
            switch map {
            case .upper: written = Self.mapBytes(p, n, out, escaping) { b, _ in ASCIICase.upper(b) }
            case .lower: written = Self.mapBytes(p, n, out, escaping) { b, _ in ASCIICase.lower(b) }
            case .capitalize: written = Self.mapBytes(p, n, out, escaping) { b, i in i == 0 ? ASCIICase.upper(b) : ASCIICase.lower(b) }
            case .title:
                var previous: UInt8 = 2  // neither delimiter (1) nor word (0)
                written = Self.mapBytes(p, n, out, escaping) { b, _ in
                    let delimiter = ASCIICase.titleDelimiter(b)
                    defer { previous = delimiter }
                    return previous != delimiter ? ASCIICase.upper(b) : ASCIICase.lower(b)
                }
            }
            storage.count &+= written
            return true
        }
    }

    /// Writes `transform` of each of the `n` bytes at `p` to `out`, escaping when `escaping`;
    /// returns the number of bytes written.
    @inline(__always)
    static func mapBytes(
        _ p: UnsafePointer<UInt8>, _ n: Int, _ out: UnsafeMutablePointer<UInt8>, _ escaping: Bool,
        _ transform: (UInt8, Int) -> UInt8
    ) -> Int {
        if !escaping {
            for i in 0..<n { out[i] = transform(p[i], i) }
            return n
        }
        var j = 0
        for i in 0..<n { j = Escaper.writeByte(transform(p[i], i), out, j) }
        return j
    }

    /// Whether the text holds a character that escaping replaces.
    @inline(__always)
    static func hasSpecial(_ src: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let p = src.baseAddress else { return false }
        let n = src.count
        var i = 0
        while i &+ 16 <= n {
            if Escaper.hasSpecial(UnsafeRawPointer(p + i).loadUnaligned(as: SIMD2<UInt64>.self)) { return true }
            i &+= 16
        }
        while i < n {
            if Escaper.isSpecial(p[i]) { return true }
            i &+= 1
        }
        return false
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
    mutating func writeTruncated(_ s: String, escape: Bool, _ spec: TruncateSpec, end endText: StaticText) throws {
        var s = s
        try s.withUTF8 { src in
            let scalars = Self.scalarCount(src)
            if scalars <= spec.length &+ spec.leeway {
                if escape { try writeEscaped(src) } else { try storage.append(src) }
                return
            }
            let keep = max(0, spec.length &- spec.endCount)
            // In ASCII text code points are bytes.
            var end = scalars == src.count ? keep : Self.byteOffset(src, scalars: keep)
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
            try write(text: endText)
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
