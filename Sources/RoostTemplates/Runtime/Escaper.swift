/// HTML escaping with markupsafe's exact replacements: `&amp; &lt; &gt; &#34; &#39;`.
///
/// Escaping counts the extra bytes first, then writes the result in one tight loop into
/// memory reserved up front.
enum Escaper {
    /// Extra bytes each character needs when escaped (0 for characters left alone).
    @inline(__always)
    static func extra(_ b: UInt8) -> Int {
        switch b {
        case 0x26, 0x22, 0x27: return 4  // &amp; &#34; &#39;
        case 0x3C, 0x3E: return 3  // &lt; &gt;
        default: return 0
        }
    }

    @inline(__always)
    static func hasZeroByte(_ v: UInt64) -> Bool {
        (v &- 0x0101_0101_0101_0101) & ~v & 0x8080_8080_8080_8080 != 0
    }

    /// Whether any of the 8 bytes in `w` is one of `& < > " '`.
    @inline(__always)
    static func hasSpecial(_ w: UInt64) -> Bool {
        hasZeroByte(w ^ 0x2626_2626_2626_2626) || hasZeroByte(w ^ 0x3C3C_3C3C_3C3C_3C3C)
            || hasZeroByte(w ^ 0x3E3E_3E3E_3E3E_3E3E) || hasZeroByte(w ^ 0x2222_2222_2222_2222)
            || hasZeroByte(w ^ 0x2727_2727_2727_2727)
    }

    /// How many bytes escaping `src` adds, scanning eight bytes at a time.
    @inline(__always)
    static func extraBytes(_ src: UnsafeBufferPointer<UInt8>) -> Int {
        guard let p = src.baseAddress else { return 0 }
        let count = src.count
        var n = 0
        var i = 0
        while i &+ 8 <= count {
            let w = UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self)
            if hasSpecial(w) {
                for k in 0..<8 { n &+= extra(p[i &+ k]) }
            }
            i &+= 8
        }
        while i < count {
            n &+= extra(p[i])
            i &+= 1
        }
        return n
    }

    /// Writes the escaped form of `src` at `dst`, which has room for it: runs without special
    /// characters are copied in bulk.
    @inline(__always)
    static func write(_ src: UnsafeBufferPointer<UInt8>, to dst: UnsafeMutablePointer<UInt8>) {
        guard let p = src.baseAddress else { return }
        let count = src.count
        var j = 0
        var runStart = 0
        var i = 0
        while i < count {
            let b = p[i]
            if b > 0x3E || extra(b) == 0 {
                i &+= 1
                continue
            }
            if i > runStart {
                (dst + j).update(from: p + runStart, count: i - runStart)
                j &+= i - runStart
            }
            let d = dst + j
            switch b {
            case 0x26:
                d[0] = 0x26; d[1] = 0x61; d[2] = 0x6D; d[3] = 0x70; d[4] = 0x3B
                j &+= 5
            case 0x3C:
                d[0] = 0x26; d[1] = 0x6C; d[2] = 0x74; d[3] = 0x3B
                j &+= 4
            case 0x3E:
                d[0] = 0x26; d[1] = 0x67; d[2] = 0x74; d[3] = 0x3B
                j &+= 4
            case 0x22:
                d[0] = 0x26; d[1] = 0x23; d[2] = 0x33; d[3] = 0x34; d[4] = 0x3B
                j &+= 5
            default:
                d[0] = 0x26; d[1] = 0x23; d[2] = 0x33; d[3] = 0x39; d[4] = 0x3B
                j &+= 5
            }
            i &+= 1
            runStart = i
        }
        if count > runStart { (dst + j).update(from: p + runStart, count: count - runStart) }
    }

    /// Bit `b` is set for each byte `b` below 64 that escaping replaces.
    static let specialBits: UInt64 = 1 << 0x22 | 1 << 0x26 | 1 << 0x27 | 1 << 0x3C | 1 << 0x3E

    @inline(__always)
    static func isSpecial(_ b: UInt8) -> Bool {
        b < 64 && (specialBits >> UInt64(b)) & 1 != 0
    }

    @inline(__always)
    static func zeroBytes(_ v: SIMD2<UInt64>) -> SIMD2<UInt64> {
        (v &- SIMD2(repeating: 0x0101_0101_0101_0101)) & ~v
    }

    /// Whether any of the 16 bytes in `v` is one of `& < > " '` (two 64-bit lanes, which the
    /// compiler keeps in one SSE register).
    @inline(__always)
    static func hasSpecial(_ v: SIMD2<UInt64>) -> Bool {
        let m = (zeroBytes(v ^ SIMD2(repeating: 0x2626_2626_2626_2626)) | zeroBytes(v ^ SIMD2(repeating: 0x3C3C_3C3C_3C3C_3C3C))
            | zeroBytes(v ^ SIMD2(repeating: 0x3E3E_3E3E_3E3E_3E3E)) | zeroBytes(v ^ SIMD2(repeating: 0x2222_2222_2222_2222))
            | zeroBytes(v ^ SIMD2(repeating: 0x2727_2727_2727_2727))) & SIMD2(repeating: 0x8080_8080_8080_8080)
        return m[0] | m[1] != 0
    }

    /// The room ``writeSinglePass(_:to:)`` needs for `count` source bytes.
    @inline(__always)
    static func singlePassCapacity(_ count: Int) -> Int { count &* 5 &+ 16 }

    /// Writes `src` escaped at `dst`, which has room for `singlePassCapacity(src.count)` bytes,
    /// in one pass: each 16-byte block is stored as it is, and rewritten byte by byte only if
    /// it holds a special character. Returns the number of bytes written.
    @inline(__always)
    static func writeSinglePass(_ src: UnsafeBufferPointer<UInt8>, to dst: UnsafeMutablePointer<UInt8>) -> Int {
        guard let p = src.baseAddress else { return 0 }
        let count = src.count
        var i = 0
        var j = 0
        while i &+ 16 <= count {
            let block = UnsafeRawPointer(p + i).loadUnaligned(as: SIMD2<UInt64>.self)
            UnsafeMutableRawPointer(dst + j).storeBytes(of: block, as: SIMD2<UInt64>.self)
            if !hasSpecial(block) {
                i &+= 16
                j &+= 16
                continue
            }
            let end = i &+ 16
            while i < end {
                j = writeByte(p[i], dst, j)
                i &+= 1
            }
        }
        while i < count {
            j = writeByte(p[i], dst, j)
            i &+= 1
        }
        return j
    }

    /// Writes one byte, escaped, at `dst + j`; returns the next position.
    @inline(__always)
    static func writeByte(_ b: UInt8, _ dst: UnsafeMutablePointer<UInt8>, _ j: Int) -> Int {
        if !isSpecial(b) {
            dst[j] = b
            return j &+ 1
        }
        let d = dst + j
        switch b {
        case 0x26:
            d[0] = 0x26; d[1] = 0x61; d[2] = 0x6D; d[3] = 0x70; d[4] = 0x3B
            return j &+ 5
        case 0x3C:
            d[0] = 0x26; d[1] = 0x6C; d[2] = 0x74; d[3] = 0x3B
            return j &+ 4
        case 0x3E:
            d[0] = 0x26; d[1] = 0x67; d[2] = 0x74; d[3] = 0x3B
            return j &+ 4
        case 0x22:
            d[0] = 0x26; d[1] = 0x23; d[2] = 0x33; d[3] = 0x34; d[4] = 0x3B
            return j &+ 5
        default:
            d[0] = 0x26; d[1] = 0x23; d[2] = 0x33; d[3] = 0x39; d[4] = 0x3B
            return j &+ 5
        }
    }

    /// Appends `s` to `out`, escaped.
    @inline(__always)
    static func appendEscaped(_ s: String, to out: inout [UInt8]) {
        var s = s
        s.withUTF8 { buf in appendEscaped(buf, to: &out) }
    }

    static func appendEscaped(_ src: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        let extra = extraBytes(src)
        if extra == 0 {
            out.append(contentsOf: src)
            return
        }
        let start = out.count
        out.append(contentsOf: repeatElement(0, count: src.count + extra))
        out.withUnsafeMutableBufferPointer { dst in write(src, to: dst.baseAddress! + start) }
    }

    /// `s` escaped, as a new string.
    static func escape(_ s: String) -> String {
        var s = s
        return s.withUTF8 { src -> String in
            let extra = extraBytes(src)
            if extra == 0 { return String(decoding: src, as: UTF8.self) }
            return String(unsafeUninitializedCapacity: src.count + extra) { dst in
                write(src, to: dst.baseAddress!)
                return src.count + extra
            }
        }
    }
}

extension Array where Element == UInt8 {
    /// Appends the UTF-8 bytes of `s` with a single copy.
    @inline(__always)
    mutating func appendUTF8(_ s: String) {
        var s = s
        s.withUTF8 { append(contentsOf: $0) }
    }
}
