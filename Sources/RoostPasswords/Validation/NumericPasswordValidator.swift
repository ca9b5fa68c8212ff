/// Refuses passwords made only of digits (any script's decimal digits, as Python's
/// `str.isdigit`). Django's `NumericPasswordValidator`.
///
/// ```swift
/// NumericPasswordValidator().validate("20240101", user: nil)?.code   // .entirelyNumeric
/// ```
public struct NumericPasswordValidator: PasswordValidator {
    /// Creates the rule.
    public init() {}

    public func validate(_ password: String, user: PasswordUserAttributes?) -> PasswordValidationFailure? {
        guard !password.isEmpty, password.unicodeScalars.allSatisfy(Self.isDigit) else { return nil }
        return PasswordValidationFailure(code: .entirelyNumeric, message: "This password is entirely numeric.")
    }

    public var helpText: String { "Your password can’t be entirely numeric." }

    /// Python's `isdigit`: numeric type Decimal or Digit (so `²` counts, `½` does not).
    static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.numericType {
        case .decimal?, .digit?: true
        default: false
        }
    }
}
