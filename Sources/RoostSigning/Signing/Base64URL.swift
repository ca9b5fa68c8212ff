#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Unpadded URL-safe base64 (RFC 4648 §5), as Django's `b64_encode` writes it. Package API:
/// RoostAuth's password-reset links encode user ids with it too.
package enum Base64URL {
    package static func encode(_ bytes: some Sequence<UInt8>) -> String {
        var text = Data(bytes).base64EncodedString()
        while text.last == "=" { text.removeLast() }
        return String(text.map { $0 == "+" ? "-" : $0 == "/" ? "_" : $0 })
    }

    package static func decode(_ text: Substring) -> [UInt8]? {
        var standard = ""
        standard.reserveCapacity(text.utf8.count + 3)
        for character in text {
            switch character {
            case "-": standard.append("+")
            case "_": standard.append("/")
            case "+", "/", "=": return nil
            default: standard.append(character)
            }
        }
        while standard.utf8.count % 4 != 0 { standard.append("=") }
        return Data(base64Encoded: standard).map(Array.init)
    }

    static func encodeJSON(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encode(try encoder.encode(value))
    }

    static func decodeJSON<T: Decodable>(_ text: String, as type: T.Type) throws(SignatureError) -> T {
        guard let bytes = decode(Substring(text)), let value = try? JSONDecoder().decode(T.self, from: Data(bytes)) else {
            throw SignatureError(.malformed)
        }
        return value
    }
}

/// Base 62 with Django's alphabet (`0-9A-Za-z`), for timestamps.
enum Base62 {
    private static let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".utf8)

    static func encode(_ value: UInt64) -> String {
        guard value > 0 else { return "0" }
        var value = value
        var digits: [UInt8] = []
        while value > 0 {
            digits.append(alphabet[Int(value % 62)])
            value /= 62
        }
        return String(decoding: digits.reversed(), as: UTF8.self)
    }

    static func decode(_ text: Substring) -> UInt64? {
        guard !text.isEmpty, text.utf8.count <= 11 else { return nil }
        var value: UInt64 = 0
        for byte in text.utf8 {
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): digit = byte - UInt8(ascii: "A") + 10
            case UInt8(ascii: "a")...UInt8(ascii: "z"): digit = byte - UInt8(ascii: "a") + 36
            default: return nil
            }
            let (product, overflow) = value.multipliedReportingOverflow(by: 62)
            guard !overflow else { return nil }
            value = product + UInt64(digit)
        }
        return value
    }
}
