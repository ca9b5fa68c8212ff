#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Refuses passwords on a list of common ones, compared lowercased and trimmed. Django's
/// `CommonPasswordValidator`, with Django's list of 20,000 common passwords built in.
///
/// ```swift
/// CommonPasswordValidator().validate("Password1", user: nil)?.code     // .tooCommon
/// let custom = try CommonPasswordValidator(contentsOfFile: "/etc/app/banned.txt")
/// ```
public struct CommonPasswordValidator: PasswordValidator {
    /// The refused passwords, lowercased.
    public let passwords: Set<String>

    /// The rule with Django's list (shipped with Roost; see `scripts/generate-common-passwords.py`).
    public init() {
        self.passwords = CommonPasswordList.passwords
    }

    /// The rule with a list of your own.
    /// - Parameter passwords: The refused passwords; they are lowercased and trimmed.
    public init(passwords: some Sequence<String>) {
        self.passwords = Set(passwords.map { $0.lowercased().trimmingPythonWhitespace() })
    }

    /// The rule with a list read from a text file, one password per line.
    /// - Throws: The file system's error when the file cannot be read.
    public init(contentsOfFile path: String) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        self.init(passwords: String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline).map(String.init))
    }

    public func validate(_ password: String, user: PasswordUserAttributes?) -> PasswordValidationFailure? {
        guard passwords.contains(password.lowercased().trimmingPythonWhitespace()) else { return nil }
        return PasswordValidationFailure(code: .tooCommon, message: "This password is too common.")
    }

    public var helpText: String { "Your password can’t be a commonly used password." }
}

extension String {
    /// Python's `str.strip()`: drops leading and trailing whitespace.
    func trimmingPythonWhitespace() -> String {
        var scalars = Substring(self).unicodeScalars
        while let first = scalars.first, first.properties.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.properties.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}
