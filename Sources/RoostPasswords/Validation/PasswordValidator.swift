/// A rule a new password must satisfy: Django's `AUTH_PASSWORD_VALIDATORS`.
///
/// ```swift
/// struct NoSeasonYear: PasswordValidator {
///     var helpText: String { "Your password can’t be a season and a year." }
///     func validate(_ password: String, user: PasswordUserAttributes?) -> PasswordValidationFailure? {
///         password.lowercased().hasPrefix("summer") ? PasswordValidationFailure(code: .init("season_year"), message: "…") : nil
///     }
/// }
/// try PasswordValidators([MinimumLengthValidator(), NoSeasonYear()]).validate(password)
/// ```
public protocol PasswordValidator: Sendable {
    /// Checks one password.
    /// - Parameters:
    ///   - password: The proposed password.
    ///   - user: What is known of the user (name, e-mail), for rules that compare with it.
    /// - Returns: Why the password is refused, or `nil` when it passes.
    func validate(_ password: String, user: PasswordUserAttributes?) -> PasswordValidationFailure?

    /// One sentence telling users what the rule expects, for forms.
    var helpText: String { get }
}

/// Facts about a user that password rules compare with, by attribute name.
///
/// ```swift
/// let user = PasswordUserAttributes(["username": "ada", "email": "ada@example.com"])
/// ```
public struct PasswordUserAttributes: Sendable {
    /// One attribute: its name, its human name for messages and its value.
    public struct Attribute: Sendable {
        /// The attribute's name (`username`, `email`).
        public var name: String
        /// The name shown in messages (`e-mail address`); the name by default.
        public var verboseName: String
        /// The value.
        public var value: String

        /// Creates an attribute.
        public init(name: String, verboseName: String? = nil, value: String) {
            self.name = name
            self.verboseName = verboseName ?? name.replacingUnderscores()
            self.value = value
        }
    }

    /// The attributes, in order.
    public var attributes: [Attribute]

    /// Attributes from explicit values.
    public init(_ attributes: [Attribute]) {
        self.attributes = attributes
    }

    /// Attributes from name–value pairs; human names replace `_` with spaces.
    public init(_ values: KeyValuePairs<String, String>) {
        self.attributes = values.map { Attribute(name: $0.key, value: $0.value) }
    }

    /// The attribute named `name`, if known.
    public subscript(name: String) -> Attribute? {
        attributes.first { $0.name == name }
    }
}

extension String {
    func replacingUnderscores() -> String {
        String(map { $0 == "_" ? " " : $0 })
    }
}

/// Why a password was refused by one rule.
public struct PasswordValidationFailure: Sendable, Equatable, CustomStringConvertible {
    /// A stable identifier of the rule that failed (Django's error codes).
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// The identifier text, as Django spells it (`password_too_short`).
        public let rawValue: String

        /// A code of your own rule.
        public init(_ rawValue: String) {
            self.rawValue = rawValue
        }

        /// Shorter than the minimum length.
        public static var tooShort: Code { Code("password_too_short") }
        /// Too similar to one of the user's attributes.
        public static var tooSimilar: Code { Code("password_too_similar") }
        /// On the list of common passwords.
        public static var tooCommon: Code { Code("password_too_common") }
        /// Made only of digits.
        public static var entirelyNumeric: Code { Code("password_entirely_numeric") }

        public var description: String { rawValue }
    }

    /// Which rule failed.
    public var code: Code
    /// The message for the user.
    public var message: String

    /// Creates a failure.
    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}

/// A password refused by one or more rules; every failure is listed, as Django's
/// `validate_password` reports them all at once.
public struct PasswordValidationError: Error, Sendable, CustomStringConvertible {
    /// Each rule that failed, in the order the rules ran.
    public let failures: [PasswordValidationFailure]

    /// Creates the error.
    public init(failures: [PasswordValidationFailure]) {
        self.failures = failures
    }

    /// The failures' messages, one per line.
    public var description: String { failures.map(\.message).joined(separator: "\n") }
}
