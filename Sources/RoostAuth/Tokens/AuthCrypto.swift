import Crypto
import RoostPasswords
import RoostSigning

/// Small cryptographic helpers of RoostAuth, over RoostPasswords' random text and
/// RoostSigning's base64.
enum AuthCrypto {
    /// `count` characters from `[a-zA-Z0-9]`, from the system's secure generator.
    static func randomText(count: Int) -> String {
        RandomText.make(count: count)
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
        Base64URL.encode(text.utf8)
    }

    /// Decodes ``base64URL(_:)``; `nil` for anything malformed, longer than 200 characters
    /// (no user id is) or not UTF-8.
    static func decodeBase64URL(_ text: Substring) -> String? {
        guard !text.isEmpty, text.utf8.count <= 200, let bytes = Base64URL.decode(text) else { return nil }
        return String(validating: bytes, as: UTF8.self)
    }
}
