/// Random text from `[a-zA-Z0-9]`, drawn from the system's secure generator. Package API:
/// RoostAuth draws its tokens and file names from it too.
package enum RandomText {
    /// Django's `RANDOM_STRING_CHARS`.
    static let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".utf8)
    /// ⌈128 / log2(62)⌉: the shortest salt with 128 bits of entropy.
    static let saltLength = 22

    package static func make(count: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count)
        for _ in 0..<count {
            bytes.append(alphabet[Int.random(in: 0..<alphabet.count, using: &generator)])
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Whether a salt of `salt`'s length carries fewer than 128 bits of entropy
    /// (Django's `must_update_salt`).
    static func isShortSalt(_ salt: Substring) -> Bool {
        Double(salt.count) * log2Alphabet < 128
    }

    private static let log2Alphabet = 5.954196310386876  // log2(62)
}

/// Comparison whose time depends only on the lengths, never on where the bytes differ.
enum ConstantTime {
    static func equals(_ lhs: some Collection<UInt8>, _ rhs: some Collection<UInt8>) -> Bool {
        var difference: UInt8 = lhs.count == rhs.count ? 0 : 1
        if lhs.count == rhs.count {
            for (left, right) in zip(lhs, rhs) { difference |= left ^ right }
        } else {
            // Still walk the input so a wrong length costs about what a wrong byte does.
            for byte in lhs { difference |= byte & 0 }
        }
        return difference == 0
    }
}
