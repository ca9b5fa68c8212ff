/// A list of password rules run together: Django's `validate_password` over
/// `AUTH_PASSWORD_VALIDATORS`.
///
/// ```swift
/// let validators = PasswordValidators.default
/// do {
///     try validators.validate(form.password, user: PasswordUserAttributes(["username": form.username]))
/// } catch {
///     errors["password"] = error.failures.map(\.message)
/// }
/// ```
public struct PasswordValidators: Sendable {
    /// The rules, in the order they run.
    public var validators: [any PasswordValidator]

    /// The four rules Django's project template turns on: similarity to the user's
    /// attributes, at least 8 characters, not a common password, not entirely numeric.
    public static var `default`: PasswordValidators {
        PasswordValidators([
            UserAttributeSimilarityValidator(), MinimumLengthValidator(), CommonPasswordValidator(),
            NumericPasswordValidator(),
        ])
    }

    /// Creates a list of rules.
    public init(_ validators: [any PasswordValidator]) {
        self.validators = validators
    }

    /// Runs every rule.
    /// - Parameters:
    ///   - password: The proposed password.
    ///   - user: What is known of the user, for the similarity rule.
    /// - Throws: ``PasswordValidationError`` listing every rule that failed.
    public func validate(_ password: String, user: PasswordUserAttributes? = nil) throws(PasswordValidationError) {
        let failures = validators.compactMap { $0.validate(password, user: user) }
        if !failures.isEmpty { throw PasswordValidationError(failures: failures) }
    }

    /// The rules' help texts, for a form's help text.
    public var helpTexts: [String] { validators.map(\.helpText) }
}
