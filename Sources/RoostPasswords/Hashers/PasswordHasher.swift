/// One password hashing algorithm and its encoded form, Django's `BasePasswordHasher`.
///
/// Encoded hashes start with the algorithm's name and a `$` (`pbkdf2_sha256$1000000$…`),
/// so ``PasswordHashers`` can tell which hasher made a stored hash and upgrade it later.
/// Roost ships ``PBKDF2PasswordHasher`` (the default) and ``ScryptPasswordHasher``; conform
/// your own type to add another (Argon2 from a C library, for instance):
///
/// ```swift
/// struct LegacySHA1Hasher: PasswordHasher {
///     let algorithm = "sha1"
///     func encode(_ password: String, salt: String) throws -> String { … }
///     func verify(_ password: String, against encoded: String) -> Bool { … }
///     func needsRehash(_ encoded: String) -> Bool { true }   // always upgrade
/// }
/// let hashers = PasswordHashers([PBKDF2PasswordHasher(), LegacySHA1Hasher()])
/// ```
///
/// The methods are synchronous and deliberately slow; ``PasswordHashers`` runs them off the
/// server's event loops.
public protocol PasswordHasher: Sendable {
    /// The name at the start of the hashes this hasher encodes, such as `pbkdf2_sha256`.
    var algorithm: String { get }

    /// Hashes `password` with `salt` and the hasher's current parameters.
    /// - Parameters:
    ///   - password: The password in clear.
    ///   - salt: The salt; it must not contain `$`.
    /// - Returns: The encoded hash, starting with ``algorithm`` and `$`.
    /// - Throws: ``PasswordHashingError`` when the salt is unusable or the algorithm fails.
    func encode(_ password: String, salt: String) throws(PasswordHashingError) -> String

    /// Whether `password` hashes to `encoded`, compared in constant time.
    /// - Parameters:
    ///   - password: The password in clear.
    ///   - encoded: A hash this hasher encoded (with any parameters).
    /// - Returns: `false` for a wrong password and for a hash this hasher cannot read.
    func verify(_ password: String, against encoded: String) -> Bool

    /// Whether `encoded` was made with parameters other than the hasher's current ones (an
    /// older iteration count, a shorter salt), so it should be hashed again at the next
    /// successful login.
    /// - Parameter encoded: A hash this hasher encoded.
    /// - Returns: `true` when the hash should be upgraded.
    func needsRehash(_ encoded: String) -> Bool

    /// A new random salt of the hasher's preferred length.
    func makeSalt() -> String
}

extension PasswordHasher {
    /// A salt of 22 characters from `[a-zA-Z0-9]`: at least 128 bits of entropy, as Django's
    /// `BasePasswordHasher.salt()` makes.
    public func makeSalt() -> String {
        RandomText.make(count: RandomText.saltLength)
    }

    /// Hashes `password` with a new random salt.
    /// - Parameter password: The password in clear.
    /// - Returns: The encoded hash.
    /// - Throws: ``PasswordHashingError`` when the algorithm fails.
    public func encode(_ password: String) throws(PasswordHashingError) -> String {
        try encode(password, salt: makeSalt())
    }
}
