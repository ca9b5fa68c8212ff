import _CryptoExtras
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// scrypt, in Django's encoded format: a memory-hard alternative to PBKDF2.
///
/// Hashes look exactly like Django's `ScryptPasswordHasher` makes them:
///
/// ```text
/// scrypt$16384$<salt>$8$5$<base64 of the 64-byte derived key>
///        N (work factor)  r (block size), p (parallelism)
/// ```
///
/// ```swift
/// let hashers = PasswordHashers([ScryptPasswordHasher(), PBKDF2PasswordHasher()])  // prefer scrypt
/// ```
///
/// Each hash needs about `128 × N × r` bytes of memory (16 MiB with the defaults).
public struct ScryptPasswordHasher: PasswordHasher {
    /// `scrypt`.
    public var algorithm: String { "scrypt" }
    /// N, the CPU/memory cost: a power of two, Django's 2¹⁴ by default.
    public let workFactor: Int
    /// r, the block size, 8 by default.
    public let blockSize: Int
    /// p, the parallelism, 5 by default.
    public let parallelism: Int

    /// The length of the derived key, as Django's `dklen=64`.
    static let keyLength = 64

    /// Creates the hasher.
    /// - Parameters:
    ///   - workFactor: N, a power of two greater than 1.
    ///   - blockSize: r, positive.
    ///   - parallelism: p, positive.
    /// - Precondition: the parameters are valid.
    public init(workFactor: Int = 1 << 14, blockSize: Int = 8, parallelism: Int = 5) {
        precondition(workFactor > 1 && workFactor & (workFactor - 1) == 0, "scrypt's work factor must be a power of two")
        precondition(blockSize > 0 && parallelism > 0, "scrypt's block size and parallelism must be positive")
        self.workFactor = workFactor
        self.blockSize = blockSize
        self.parallelism = parallelism
    }

    public func encode(_ password: String, salt: String) throws(PasswordHashingError) -> String {
        guard !salt.isEmpty, !salt.contains("$") else {
            throw PasswordHashingError(.invalidSalt, "a salt must be non-empty and contain no '$'")
        }
        let parameters = Parameters(workFactor: workFactor, blockSize: blockSize, parallelism: parallelism)
        let key = try derive(password, salt: Substring(salt), parameters)
        return "\(algorithm)$\(workFactor)$\(salt)$\(blockSize)$\(parallelism)$\(Data(key).base64EncodedString())"
    }

    public func verify(_ password: String, against encoded: String) -> Bool {
        guard let parts = Parts(encoded, algorithm: algorithm),
            let expected = Data(base64Encoded: String(parts.hash)),
            let actual = try? derive(password, salt: parts.salt, parts.parameters)
        else { return false }
        return ConstantTime.equals(actual, expected)
    }

    public func needsRehash(_ encoded: String) -> Bool {
        guard let parts = Parts(encoded, algorithm: algorithm) else { return true }
        return parts.parameters != Parameters(workFactor: workFactor, blockSize: blockSize, parallelism: parallelism)
    }

    private func derive(_ password: String, salt: Substring, _ parameters: Parameters) throws(PasswordHashingError) -> [UInt8] {
        do {
            let key = try KDF.Scrypt.deriveKey(
                from: Array(password.utf8), salt: Array(salt.utf8), outputByteCount: Self.keyLength,
                rounds: parameters.workFactor, blockSize: parameters.blockSize, parallelism: parameters.parallelism
            )
            return key.withUnsafeBytes { Array($0) }
        } catch {
            throw PasswordHashingError(.algorithmFailed, "scrypt failed", cause: error)
        }
    }

    struct Parameters: Equatable {
        let workFactor: Int
        let blockSize: Int
        let parallelism: Int
    }

    /// The fields of `scrypt$<N>$<salt>$<r>$<p>$<hash>`.
    private struct Parts {
        let parameters: Parameters
        let salt: Substring
        let hash: Substring

        init?(_ encoded: String, algorithm: String) {
            let fields = encoded.split(separator: "$", maxSplits: 5, omittingEmptySubsequences: false)
            guard fields.count == 6, fields[0] == algorithm,
                let n = Int(fields[1]), let r = Int(fields[3]), let p = Int(fields[4]),
                n > 1, n & (n - 1) == 0, r > 0, p > 0, !fields[2].isEmpty,
                // Bounds so that a corrupted row cannot ask for gigabytes of memory.
                n <= 1 << 20, r <= 64, p <= 64
            else { return nil }
            self.parameters = Parameters(workFactor: n, blockSize: r, parallelism: p)
            self.salt = fields[2]
            self.hash = fields[5]
        }
    }
}
