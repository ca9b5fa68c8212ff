/// CSRF secrets and the masked tokens that carry them, the way Django makes them.
///
/// The secret (32 characters from `[a-zA-Z0-9]`) lives in the CSRF cookie or the session.
/// Pages get a *masked* token: 32 random characters followed by the secret shifted by them
/// (each character's index added modulo 62). Every render gives a different token for the
/// same secret, so compression side channels (BREACH) cannot recover it; unmasking
/// subtracts the mask again.
public enum CSRFToken {
    /// The characters secrets and tokens are made of.
    static let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".utf8)
    /// The length of a secret.
    public static let secretLength = 32
    /// The length of a masked token.
    public static let tokenLength = 64

    /// A new random secret.
    public static func makeSecret() -> String {
        String(decoding: randomIndices(secretLength).map { alphabet[$0] }, as: UTF8.self)
    }

    /// A masked token for `secret`, different on every call.
    /// - Precondition: `secret` is a well-formed secret.
    public static func mask(_ secret: String) -> String {
        let secretIndices = indices(of: secret)
        precondition(secretIndices?.count == secretLength, "not a CSRF secret")
        let mask = randomIndices(secretLength)
        var bytes = mask.map { alphabet[$0] }
        for (secretIndex, maskIndex) in zip(secretIndices ?? [], mask) {
            bytes.append(alphabet[(secretIndex + maskIndex) % alphabet.count])
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The secret a masked token carries, or `nil` when the token is malformed.
    public static func unmask(_ token: String) -> String? {
        guard let all = indices(of: token), all.count == tokenLength else { return nil }
        let mask = all[..<secretLength]
        let cipher = all[secretLength...]
        let secret = zip(cipher, mask).map { alphabet[($0 - $1 + alphabet.count) % alphabet.count] }
        return String(decoding: secret, as: UTF8.self)
    }

    /// Whether `text` is a well-formed secret.
    public static func isSecret(_ text: String) -> Bool {
        text.utf8.count == secretLength && indices(of: text) != nil
    }

    /// The secret behind a token as a client submits it: masked (64 characters) or, as
    /// Django also accepts, the bare secret (32). `nil` for anything else.
    static func secret(fromSubmitted token: String) -> String? {
        switch token.utf8.count {
        case tokenLength: unmask(token)
        case secretLength: isSecret(token) ? token : nil
        default: nil
        }
    }

    /// Compares two secrets in constant time.
    static func equals(_ lhs: String, _ rhs: String) -> Bool {
        let left = Array(lhs.utf8)
        let right = Array(rhs.utf8)
        guard left.count == right.count else { return false }
        var difference: UInt8 = 0
        for (a, b) in zip(left, right) { difference |= a ^ b }
        return difference == 0
    }

    private static func indices(of text: String) -> [Int]? {
        var result: [Int] = []
        result.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            let index: Int
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"): index = Int(byte - UInt8(ascii: "a"))
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): index = Int(byte - UInt8(ascii: "A")) + 26
            case UInt8(ascii: "0")...UInt8(ascii: "9"): index = Int(byte - UInt8(ascii: "0")) + 52
            default: return nil
            }
            result.append(index)
        }
        return result
    }

    private static func randomIndices(_ count: Int) -> [Int] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in Int.random(in: 0..<alphabet.count, using: &generator) }
    }
}
