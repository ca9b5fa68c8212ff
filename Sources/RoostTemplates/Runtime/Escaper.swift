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
    static func extraBytes(_ src: UnsafeBufferPointer<UInt8>) -> Int {
        var n = 0
        for b in src where b <= 0x3E { n &+= extra(b) }
        return n
    }

    /// Writes the escaped form of `src` at `dst`, which has room for it.
    @inline(__always)
    static func write(_ src: UnsafeBufferPointer<UInt8>, to dst: UnsafeMutablePointer<UInt8>) {
        var j = 0
        for b in src {
            switch b {
            case 0x26:
                dst[j] = 0x26; dst[j + 1] = 0x61; dst[j + 2] = 0x6D; dst[j + 3] = 0x70; dst[j + 4] = 0x3B
                j += 5
            case 0x3C:
                dst[j] = 0x26; dst[j + 1] = 0x6C; dst[j + 2] = 0x74; dst[j + 3] = 0x3B
                j += 4
            case 0x3E:
                dst[j] = 0x26; dst[j + 1] = 0x67; dst[j + 2] = 0x74; dst[j + 3] = 0x3B
                j += 4
            case 0x22:
                dst[j] = 0x26; dst[j + 1] = 0x23; dst[j + 2] = 0x33; dst[j + 3] = 0x34; dst[j + 4] = 0x3B
                j += 5
            case 0x27:
                dst[j] = 0x26; dst[j + 1] = 0x23; dst[j + 2] = 0x33; dst[j + 3] = 0x39; dst[j + 4] = 0x3B
                j += 5
            default:
                dst[j] = b
                j += 1
            }
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
