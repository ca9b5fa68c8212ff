/// Refuses passwords shorter than a minimum, counted in Unicode scalars as Python counts
/// characters. Django's `MinimumLengthValidator`.
///
/// ```swift
/// MinimumLengthValidator(minimumLength: 12).validate("short", user: nil)?.message
/// // "This password is too short. It must contain at least 12 characters."
/// ```
public struct MinimumLengthValidator: PasswordValidator {
    /// The fewest characters accepted, 8 by default.
    public let minimumLength: Int

    /// Creates the rule.
    public init(minimumLength: Int = 8) {
        self.minimumLength = minimumLength
    }

    public func validate(_ password: String, user: PasswordUserAttributes?) -> PasswordValidationFailure? {
        guard password.unicodeScalars.count < minimumLength else { return nil }
        return PasswordValidationFailure(
            code: .tooShort,
            message: "This password is too short. It must contain at least \(minimumLength) \(characters)."
        )
    }

    public var helpText: String { "Your password must contain at least \(minimumLength) \(characters)." }

    private var characters: String { minimumLength == 1 ? "character" : "characters" }
}
