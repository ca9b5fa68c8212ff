/// What a visitor offers to prove who they are, handed to every backend in turn: a
/// username and password from a login form, or anything a custom backend needs (a one-time
/// code, an identity from an OAuth provider). Django's keyword arguments to `authenticate`.
///
/// ```swift
/// let credentials = Credentials(username: "ada", password: "correct horse")
/// let otp = Credentials(username: "ada", password: "…", fields: ["otp": "123456"])
/// ```
public struct Credentials: Sendable {
    /// The login name, if given.
    public var username: String?
    /// The password, if given.
    public var password: String?
    /// Anything else a backend understands, by name.
    public var fields: [String: String]

    /// Creates credentials.
    /// - Parameters:
    ///   - username: The login name.
    ///   - password: The password.
    ///   - fields: Other values for custom backends.
    public init(username: String? = nil, password: String? = nil, fields: [String: String] = [:]) {
        self.username = username
        self.password = password
        self.fields = fields
    }
}

extension Credentials: CustomStringConvertible, CustomDebugStringConvertible {
    /// Describes the credentials without the password or other values, so they can be logged.
    public var description: String {
        let name = username.map { "\"\($0)\"" } ?? "nil"
        return "Credentials(username: \(name), password: \(password == nil ? "nil" : "<hidden>"), fields: \(fields.keys.sorted()))"
    }

    /// The same as ``description``: no secrets.
    public var debugDescription: String { description }
}
