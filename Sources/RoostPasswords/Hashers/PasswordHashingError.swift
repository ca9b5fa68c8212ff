/// A password that cannot be hashed with the given parameters.
///
/// Verification never throws (an unreadable hash simply does not match); only encoding a new
/// hash can fail, for a programmer-supplied salt or parameters the algorithm refuses.
public struct PasswordHashingError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, stable across versions.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Kind: Hashable, Sendable {
            case invalidSalt, invalidParameters, algorithmFailed
        }

        private let kind: Kind

        /// The salt is empty or contains `$`.
        public static var invalidSalt: Code { Code(kind: .invalidSalt) }
        /// An iteration count, work factor or other parameter the algorithm refuses.
        public static var invalidParameters: Code { Code(kind: .invalidParameters) }
        /// The cryptographic library reported a failure.
        public static var algorithmFailed: Code { Code(kind: .algorithmFailed) }

        public var description: String {
            switch kind {
            case .invalidSalt: "invalid salt"
            case .invalidParameters: "invalid parameters"
            case .algorithmFailed: "algorithm failed"
            }
        }
    }

    /// The kind of failure.
    public let code: Code
    /// A description for logs.
    public let message: String
    /// The underlying error, if any.
    public let cause: (any Error & Sendable)?

    /// Creates an error.
    /// - Parameters:
    ///   - code: The kind of failure.
    ///   - message: A description for logs.
    ///   - cause: The underlying error.
    public init(_ code: Code, _ message: String, cause: (any Error & Sendable)? = nil) {
        self.code = code
        self.message = message
        self.cause = cause
    }

    public var description: String {
        "cannot hash password (\(code)): \(message)" + (cause.map { " (\($0))" } ?? "")
    }
}
