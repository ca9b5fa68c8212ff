import Crypto
import _CryptoExtras
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// PBKDF2 with HMAC-SHA256, in Django's encoded format: Roost's default hasher.
///
/// Hashes look exactly like Django's `PBKDF2PasswordHasher` makes them, so users moved over
/// from a Django database log in with their old passwords:
///
/// ```text
/// pbkdf2_sha256$1000000$<22-character salt>$<base64 of the 32-byte derived key>
/// ```
///
/// ```swift
/// let hasher = PBKDF2PasswordHasher()                  // Django 5.2's 1,000,000 iterations
/// let encoded = try hasher.encode("correct horse")
/// hasher.verify("correct horse", against: encoded)     // true
/// hasher.needsRehash("pbkdf2_sha256$260000$…")         // true: fewer iterations than now
/// ```
public struct PBKDF2PasswordHasher: PasswordHasher {
    /// Django 5.2's default iteration count (`PBKDF2PasswordHasher.iterations`).
    public static let defaultIterations = 1_000_000

    /// `pbkdf2_sha256`.
    public var algorithm: String { "pbkdf2_sha256" }
    /// The iteration count new hashes use; hashes with another count need a rehash.
    public let iterations: Int

    /// Creates the hasher.
    /// - Parameter iterations: The iteration count for new hashes; Django's current default
    ///   unless given. Lower it only in tests.
    /// - Precondition: `iterations` is positive.
    public init(iterations: Int = PBKDF2PasswordHasher.defaultIterations) {
        precondition(iterations > 0, "PBKDF2 needs at least one iteration")
        self.iterations = iterations
    }

    public func encode(_ password: String, salt: String) throws(PasswordHashingError) -> String {
        try encode(password, salt: salt, iterations: iterations)
    }

    /// Hashes with an explicit iteration count (to reproduce or test a stored hash).
    /// - Throws: ``PasswordHashingError`` for an empty salt, one containing `$`, or a
    ///   non-positive iteration count.
    public func encode(_ password: String, salt: String, iterations: Int) throws(PasswordHashingError) -> String {
        guard !salt.isEmpty, !salt.contains("$") else {
            throw PasswordHashingError(.invalidSalt, "a salt must be non-empty and contain no '$'")
        }
        guard iterations > 0 else {
            throw PasswordHashingError(.invalidParameters, "PBKDF2 needs at least one iteration, not \(iterations)")
        }
        let key = try derive(password, salt: Substring(salt), iterations: iterations)
        return "\(algorithm)$\(iterations)$\(salt)$\(Data(key).base64EncodedString())"
    }

    public func verify(_ password: String, against encoded: String) -> Bool {
        guard let parts = Parts(encoded, algorithm: algorithm),
            let expected = Data(base64Encoded: String(parts.hash)),
            let actual = try? derive(password, salt: parts.salt, iterations: parts.iterations)
        else { return false }
        return ConstantTime.equals(actual, expected)
    }

    public func needsRehash(_ encoded: String) -> Bool {
        guard let parts = Parts(encoded, algorithm: algorithm) else { return true }
        return parts.iterations != iterations || RandomText.isShortSalt(parts.salt)
    }

    private func derive(_ password: String, salt: Substring, iterations: Int) throws(PasswordHashingError) -> [UInt8] {
        do {
            // swift-crypto's checked variant refuses fewer than 210,000 rounds; stored hashes
            // from older Django versions (or test settings) may have fewer and must verify.
            let key = try KDF.Insecure.PBKDF2.deriveKey(
                from: Array(password.utf8), salt: Array(salt.utf8), using: .sha256,
                outputByteCount: SHA256.byteCount, unsafeUncheckedRounds: iterations
            )
            return key.withUnsafeBytes { Array($0) }
        } catch {
            throw PasswordHashingError(.algorithmFailed, "PBKDF2 failed", cause: error)
        }
    }

    /// The fields of `pbkdf2_sha256$<iterations>$<salt>$<hash>`.
    private struct Parts {
        let iterations: Int
        let salt: Substring
        let hash: Substring

        init?(_ encoded: String, algorithm: String) {
            let fields = encoded.split(separator: "$", maxSplits: 3, omittingEmptySubsequences: false)
            // A cap on iterations keeps a corrupted row from pinning a CPU for hours.
            guard fields.count == 4, fields[0] == algorithm, let iterations = Int(fields[1]),
                iterations > 0, iterations <= 1_000_000_000, !fields[2].isEmpty
            else { return nil }
            self.iterations = iterations
            self.salt = fields[2]
            self.hash = fields[3]
        }
    }
}
