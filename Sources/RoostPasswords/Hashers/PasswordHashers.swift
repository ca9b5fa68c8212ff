/// The hashers an app accepts, the first one preferred: Django's `PASSWORD_HASHERS`.
///
/// New passwords are hashed with the preferred hasher; stored hashes are verified with the
/// hasher their prefix names. A hash made by another hasher, or by the preferred one with
/// older parameters, verifies and comes back with a fresh hash to store, so hashes are
/// upgraded transparently as users log in.
///
/// ```swift
/// let passwords = PasswordHashers.default              // PBKDF2-SHA256, then scrypt
/// user.password = try await passwords.hash("correct horse")
///
/// switch await passwords.check("correct horse", against: user.password) {
/// case .valid(let upgraded):
///     if let upgraded { user.password = upgraded; try await user.save(on: db) }
///     // logged in
/// case .invalid:
///     // wrong password
/// }
/// ```
///
/// The async methods run the deliberately slow key derivation on Swift's global executor,
/// never on a server event loop. The synchronous ``PasswordHasher`` methods suit command-line
/// tools.
///
/// ## Topics
/// ### Hashing and checking
/// - ``hash(_:)``
/// - ``check(_:against:)``
/// - ``needsRehash(_:)``
/// - ``hasher(for:)``
/// ### Unusable passwords and timing
/// - ``makeUnusable()``
/// - ``isUsable(_:)``
/// - ``simulateCheck(_:)``
public struct PasswordHashers: Sendable {
    /// The hashers, the preferred one first.
    public let hashers: [any PasswordHasher]

    /// PBKDF2-SHA256 with Django's iteration count, then scrypt: Django's defaults.
    public static var `default`: PasswordHashers {
        PasswordHashers([PBKDF2PasswordHasher(), ScryptPasswordHasher()])
    }

    /// Creates a policy.
    /// - Parameter hashers: The accepted hashers, the preferred one first.
    /// - Precondition: `hashers` is not empty.
    public init(_ hashers: [any PasswordHasher]) {
        precondition(!hashers.isEmpty, "PasswordHashers needs at least one hasher")
        self.hashers = hashers
    }

    /// The preferred hasher.
    public var preferred: any PasswordHasher { hashers[0] }

    /// The outcome of checking a password.
    public enum CheckResult: Sendable, Equatable {
        /// The password is right. `upgradedHash` is a new hash of it to store when the stored
        /// one came from another hasher or from older parameters; `nil` otherwise.
        case valid(upgradedHash: String?)
        /// The password is wrong, or the stored hash is unusable or unknown.
        case invalid

        /// Whether the password is right.
        public var isValid: Bool {
            if case .valid = self { return true }
            return false
        }
    }

    /// Hashes a new password with the preferred hasher and a fresh salt.
    /// - Parameter password: The password in clear.
    /// - Returns: The encoded hash to store.
    /// - Throws: ``PasswordHashingError`` if the algorithm fails.
    public func hash(_ password: String) async throws(PasswordHashingError) -> String {
        let hasher = preferred
        return try await Self.offLoop { () throws(PasswordHashingError) in try hasher.encode(password) }
    }

    /// Checks a password against a stored hash, in constant time for a given hash, and
    /// rehashes it with the preferred hasher when the stored hash is outdated.
    /// - Parameters:
    ///   - password: The password the user typed.
    ///   - encoded: The stored hash.
    /// - Returns: ``CheckResult/valid(upgradedHash:)`` or ``CheckResult/invalid``.
    public func check(_ password: String, against encoded: String) async -> CheckResult {
        guard isUsable(encoded), let hasher = hasher(for: encoded) else {
            // Spend the time a real check would, so unknown hashes are not told apart by timing.
            await simulateCheck(password)
            return .invalid
        }
        let preferred = self.preferred
        let preferredAlgorithm = preferred.algorithm
        return await Self.offLoop { () -> CheckResult in
            guard hasher.verify(password, against: encoded) else { return .invalid }
            let outdated = hasher.algorithm != preferredAlgorithm || preferred.needsRehash(encoded)
            guard outdated else { return .valid(upgradedHash: nil) }
            return .valid(upgradedHash: try? preferred.encode(password))
        }
    }

    /// Whether a stored hash should be replaced: made by a hasher other than the preferred
    /// one, or with other parameters, or unreadable.
    public func needsRehash(_ encoded: String) -> Bool {
        guard let hasher = hasher(for: encoded) else { return true }
        return hasher.algorithm != preferred.algorithm || hasher.needsRehash(encoded)
    }

    /// The hasher whose algorithm prefixes `encoded`, if it is one of ours.
    public func hasher(for encoded: String) -> (any PasswordHasher)? {
        guard let dollar = encoded.firstIndex(of: "$") else { return nil }
        let algorithm = encoded[..<dollar]
        return hashers.first { $0.algorithm == algorithm }
    }

    /// Hashes `password` with the preferred hasher and throws the result away: call it when
    /// a login names an unknown user, so that the response takes as long as for a known one
    /// (Django's `ModelBackend` does the same).
    public func simulateCheck(_ password: String) async {
        let hasher = preferred
        _ = await Self.offLoop { () -> String? in try? hasher.encode(password) }
    }

    /// The prefix of unusable passwords.
    static let unusablePrefix = "!"

    /// A value to store for users who must not log in with a password (Django's
    /// `set_unusable_password`): `!` and 40 random characters, which no password verifies.
    public static func makeUnusable() -> String {
        unusablePrefix + RandomText.make(count: 40)
    }

    /// Whether `encoded` can ever verify a password (it is not one of ``makeUnusable()``'s).
    public func isUsable(_ encoded: String) -> Bool {
        !encoded.hasPrefix(Self.unusablePrefix)
    }

    /// Runs CPU-heavy work on the global concurrent executor, away from the caller's task
    /// executor (a server's event loop).
    static func offLoop<Result: Sendable, Failure: Error>(
        _ work: @Sendable () throws(Failure) -> Result
    ) async throws(Failure) -> Result {
        try await withTaskExecutorPreference(globalConcurrentExecutor) { () async throws(Failure) -> Result in
            try work()
        }
    }
}
