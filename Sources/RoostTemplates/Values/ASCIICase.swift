/// ASCII fast paths for case conversions (most template text is ASCII); other text falls
/// back to the full Unicode mappings.
enum ASCIICase {
    /// Maps every byte of an ASCII string in one pass; `nil` (unchanged work) for non-ASCII.
    static func map(_ s: String, _ transform: (UInt8, Int) -> UInt8) -> String? {
        var s = s
        return s.withUTF8 { buf -> String? in
            var ascii = true
            let result = String(unsafeUninitializedCapacity: buf.count) { out in
                for i in 0..<buf.count {
                    let b = buf[i]
                    if b >= 0x80 {
                        ascii = false
                        return 0
                    }
                    out[i] = transform(b, i)
                }
                return buf.count
            }
            return ascii ? result : nil
        }
    }

    @inline(__always) static func upper(_ b: UInt8) -> UInt8 { b >= 0x61 && b <= 0x7A ? b - 32 : b }
    @inline(__always) static func lower(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b + 32 : b }

    static func uppercased(_ s: String) -> String? { map(s) { b, _ in upper(b) } }

    static func lowercased(_ s: String) -> String? { map(s) { b, _ in lower(b) } }

    static func capitalized(_ s: String) -> String? { map(s) { b, i in i == 0 ? upper(b) : lower(b) } }

    /// 1 for a byte after which `title` starts a new word (`-`, whitespace, `(`, `{`, `[`,
    /// `<`), else 0.
    @inline(__always)
    static func titleDelimiter(_ b: UInt8) -> UInt8 {
        // letters and digits are never delimiters: test them first
        b >= 0x30 ? (b == 0x3C || b == 0x5B || b == 0x7B ? 1 : 0)
            : (b == 0x2D || b == 0x28 || b == 0x20 || (b >= 0x09 && b <= 0x0D) || (b >= 0x1C && b <= 0x1F) ? 1 : 0)
    }

    /// Jinja's `title` for ASCII text: a new word starts after `-`, whitespace, `(`, `{`, `[`, `<`.
    static func jinjaTitle(_ s: String) -> String? {
        var s = s
        return s.withUTF8 { buf -> String? in
            var ascii = true
            let result = String(unsafeUninitializedCapacity: buf.count) { out in
                var previous: UInt8 = 2  // neither delimiter (1) nor word (0)
                for i in 0..<buf.count {
                    let b = buf[i]
                    if b >= 0x80 {
                        ascii = false
                        return 0
                    }
                    let delimiter = titleDelimiter(b)
                    out[i] = previous != delimiter ? upper(b) : lower(b)
                    previous = delimiter
                }
                return buf.count
            }
            return ascii ? result : nil
        }
    }
}
