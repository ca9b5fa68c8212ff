/// Whitespace options that change how template text is split into tokens.
struct LexerOptions: Sendable {
    var trimBlocks = false
    var lstripBlocks = false
    var keepTrailingNewline = false
}

/// Byte-level character classes used by the lexer (ASCII fast paths, Unicode fallbacks).
enum ByteClass {
    @inline(__always)
    static func isSpace(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0B || b == 0x0C
    }

    @inline(__always)
    static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    @inline(__always)
    static func isNameStart(_ b: UInt8) -> Bool {
        (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || b == 0x5F || b >= 0x80
    }

    @inline(__always)
    static func isNameContinue(_ b: UInt8) -> Bool { isNameStart(b) || isDigit(b) }
}

extension Unicode.Scalar {
    /// Python's `str.isspace()` for one character.
    var isPythonSpace: Bool {
        switch value {
        case 0x09...0x0D, 0x1C...0x20, 0x85, 0xA0: return true
        case 0..<0x80: return false
        default: return properties.isWhitespace
        }
    }
}
