/// HTML escaping with markupsafe's exact replacements: `&amp; &lt; &gt; &#34; &#39;`.
enum Escaper {
    @inline(__always)
    static func needsEscape(_ b: UInt8) -> Bool {
        b == 0x26 || b == 0x3C || b == 0x3E || b == 0x22 || b == 0x27
    }

    /// Appends `s` to `out`, escaped.
    static func appendEscaped(_ s: String, to out: inout [UInt8]) {
        var s = s
        s.withUTF8 { buf in appendEscaped(buf, to: &out) }
    }

    static func appendEscaped(_ buf: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        var start = 0
        let n = buf.count
        var i = 0
        while i < n {
            let b = buf[i]
            if needsEscape(b) {
                if i > start { out.append(contentsOf: UnsafeBufferPointer(rebasing: buf[start..<i])) }
                switch b {
                case 0x26: out.append(contentsOf: [0x26, 0x61, 0x6D, 0x70, 0x3B])  // &amp;
                case 0x3C: out.append(contentsOf: [0x26, 0x6C, 0x74, 0x3B])  // &lt;
                case 0x3E: out.append(contentsOf: [0x26, 0x67, 0x74, 0x3B])  // &gt;
                case 0x22: out.append(contentsOf: [0x26, 0x23, 0x33, 0x34, 0x3B])  // &#34;
                default: out.append(contentsOf: [0x26, 0x23, 0x33, 0x39, 0x3B])  // &#39;
                }
                start = i + 1
            }
            i += 1
        }
        if n > start { out.append(contentsOf: UnsafeBufferPointer(rebasing: buf[start..<n])) }
    }

    /// `s` escaped, as a new string.
    static func escape(_ s: String) -> String {
        var needs = false
        for b in s.utf8 where needsEscape(b) {
            needs = true
            break
        }
        if !needs { return s }
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count + 16)
        appendEscaped(s, to: &out)
        return String(decoding: out, as: UTF8.self)
    }
}
