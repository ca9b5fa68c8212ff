/// Refuses passwords too similar to the user's own attributes (user name, names, e-mail) or
/// to any word of them. Django's `UserAttributeSimilarityValidator`, with the same similarity
/// measure (difflib's `quick_ratio`) and threshold.
///
/// ```swift
/// let user = PasswordUserAttributes(["username": "adalovelace", "email": "ada@example.com"])
/// UserAttributeSimilarityValidator().validate("AdaLovelace1", user: user)?.message
/// // "The password is too similar to the username."
/// ```
public struct UserAttributeSimilarityValidator: PasswordValidator {
    /// Django's default attributes: `username`, `first_name`, `last_name`, `email`.
    public static let defaultAttributes = ["username", "first_name", "last_name", "email"]

    /// The attributes compared, by name; missing ones are skipped.
    public let attributeNames: [String]
    /// The similarity (0…1) from which a password is refused, 0.7 by default.
    public let maximumSimilarity: Double

    /// Creates the rule.
    /// - Parameters:
    ///   - attributeNames: The attributes to compare with.
    ///   - maximumSimilarity: The threshold; at least 0.1.
    /// - Precondition: `maximumSimilarity >= 0.1` (Django raises for less).
    public init(attributeNames: [String] = defaultAttributes, maximumSimilarity: Double = 0.7) {
        precondition(maximumSimilarity >= 0.1, "maximumSimilarity must be at least 0.1")
        self.attributeNames = attributeNames
        self.maximumSimilarity = maximumSimilarity
    }

    public func validate(_ password: String, user: PasswordUserAttributes?) -> PasswordValidationFailure? {
        guard let user else { return nil }
        let password = Array(password.lowercased().unicodeScalars)
        for name in attributeNames {
            guard let attribute = user[name], !attribute.value.isEmpty else { continue }
            let value = attribute.value.lowercased()
            for part in Self.words(of: value) + [Array(value.unicodeScalars)] {
                if isFarShorter(part, than: password) { continue }
                if Self.quickRatio(password, part) >= maximumSimilarity {
                    return PasswordValidationFailure(
                        code: .tooSimilar, message: "The password is too similar to the \(attribute.verboseName)."
                    )
                }
            }
        }
        return nil
    }

    public var helpText: String { "Your password can’t be too similar to your other personal information." }

    /// Django's shortcut: a value at most a tenth of the password's length, and short
    /// enough, can never reach the threshold, so the ratio is not computed.
    private func isFarShorter(_ value: [Unicode.Scalar], than password: [Unicode.Scalar]) -> Bool {
        password.count >= 10 * value.count && Double(value.count) < maximumSimilarity / 2 * Double(password.count)
    }

    /// The pieces of `value` between runs of non-word characters, as Python's
    /// `re.split(r"\W+", value)` gives them (empty pieces at the ends included).
    static func words(of value: String) -> [[Unicode.Scalar]] {
        var pieces: [[Unicode.Scalar]] = [[]]
        var inSeparator = false
        for scalar in value.unicodeScalars {
            if isWordScalar(scalar) {
                if inSeparator { pieces.append([]) }
                inSeparator = false
                pieces[pieces.count - 1].append(scalar)
            } else {
                inSeparator = true
            }
        }
        if inSeparator { pieces.append([]) }
        return pieces
    }

    /// Python's `\w`: letters, numbers and `_`.
    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "_" || scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }

    /// difflib's `SequenceMatcher(a:, b:).quick_ratio()`: twice the size of the multiset
    /// intersection over the total length (1 for two empty sequences).
    static func quickRatio(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Double {
        let total = a.count + b.count
        guard total > 0 else { return 1 }
        var available: [Unicode.Scalar: Int] = [:]
        for scalar in b { available[scalar, default: 0] += 1 }
        var matches = 0
        for scalar in a {
            if let count = available[scalar], count > 0 {
                available[scalar] = count - 1
                matches += 1
            }
        }
        return 2 * Double(matches) / Double(total)
    }
}
