import Crypto

/// Small cryptographic helpers of RoostAuth.
enum AuthCrypto {
    private static let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".utf8)

    /// `count` characters from `[a-zA-Z0-9]`, from the system's secure generator.
    static func randomText(count: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count)
        for _ in 0..<count { bytes.append(alphabet[Int.random(in: 0..<alphabet.count, using: &generator)]) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The lower-case hex SHA-256 digest of `text`.
    static func sha256Hex(_ text: String) -> String {
        var hex = ""
        hex.reserveCapacity(64)
        for byte in SHA256.hash(data: Array(text.utf8)) {
            hex += byte < 16 ? "0" + String(byte, radix: 16) : String(byte, radix: 16)
        }
        return hex
    }

    /// Unpadded URL-safe base64 of `text`'s UTF-8 (Django's `urlsafe_base64_encode`).
    static func base64URL(_ text: String) -> String {
        let table = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
        let bytes = Array(text.utf8)
        var output: [UInt8] = []
        var index = 0
        while index < bytes.count {
            let chunk = bytes[index..<min(index + 3, bytes.count)]
            var value = 0
            for (offset, byte) in chunk.enumerated() { value |= Int(byte) << (16 - 8 * offset) }
            for position in 0...chunk.count { output.append(table[(value >> (18 - 6 * position)) & 63]) }
            index += 3
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Decodes ``base64URL(_:)``; `nil` for anything malformed or not UTF-8.
    static func decodeBase64URL(_ text: Substring) -> String? {
        guard !text.isEmpty, text.utf8.count <= 200 else { return nil }
        var value = 0
        var bits = 0
        var bytes: [UInt8] = []
        for character in text.utf8 {
            let digit: Int
            switch character {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): digit = Int(character - UInt8(ascii: "A"))
            case UInt8(ascii: "a")...UInt8(ascii: "z"): digit = Int(character - UInt8(ascii: "a")) + 26
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = Int(character - UInt8(ascii: "0")) + 52
            case UInt8(ascii: "-"): digit = 62
            case UInt8(ascii: "_"): digit = 63
            default: return nil
            }
            value = (value << 6) | digit
            bits += 6
            if bits >= 8 {
                bits -= 8
                bytes.append(UInt8((value >> bits) & 0xFF))
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }
}
