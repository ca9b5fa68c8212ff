import Crypto
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Signs text with HMAC-SHA256 so that it can be handed to a client and trusted when it
/// comes back: Django's `django.core.signing.Signer`, with the same algorithm and format.
///
/// ```swift
/// let signer = Signer(keys: try SigningKeys(settings: app.settings), salt: "unsubscribe")
/// let token = signer.sign("ada@example.com")     // "ada@example.com:3fZ…"
/// let email = try signer.unsign(token)           // "ada@example.com"
/// try signer.unsign(token + "x")                 // throws SignatureError (.badSignature)
/// ```
///
/// The value is readable by anyone: signing proves it was not changed, it does not hide it.
/// The `salt` separates uses: a value signed for one purpose does not verify for another.
/// Checking compares in constant time and accepts signatures made with the fallback keys.
///
/// Values compatible with Django: the signature is the unpadded URL-safe base64 of
/// `HMAC-SHA256(key: SHA256(salt + "signer" + secret), message: value)`, appended after `:`.
/// With the same secret and salt, Django and Roost verify each other's signatures.
public struct Signer: Sendable {
    /// The salt used when none is given.
    public static let defaultSalt = "roost.signing"
    /// Separates the value from its signature (and timestamp).
    public static let separator: Character = ":"

    /// The keys.
    public let keys: SigningKeys
    /// The namespace of this signer's signatures.
    public let salt: String
    private let macKeys: [SymmetricKey]

    /// Creates a signer.
    /// - Parameters:
    ///   - keys: The secret keys.
    ///   - salt: A name for what the signatures are for (`"password-reset"`).
    public init(keys: SigningKeys, salt: String = Signer.defaultSalt) {
        self.keys = keys
        self.salt = salt
        self.macKeys = keys.all.map { secret in
            SymmetricKey(data: SHA256.hash(data: Array((salt + "signer" + secret).utf8)))
        }
    }

    /// Appends a signature to `value`.
    /// - Parameter value: Any text; it may contain `:`.
    /// - Returns: `value:signature`.
    public func sign(_ value: String) -> String {
        "\(value)\(Self.separator)\(signature(of: value))"
    }

    /// Checks a signed value and returns the value without its signature.
    /// - Parameter signedValue: Text made by ``sign(_:)`` with one of the keys.
    /// - Returns: The original value.
    /// - Throws: ``SignatureError`` with ``SignatureError/Code/malformed`` or
    ///   ``SignatureError/Code/badSignature``.
    public func unsign(_ signedValue: String) throws(SignatureError) -> String {
        guard let separator = signedValue.lastIndex(of: Self.separator) else {
            throw SignatureError(.malformed)
        }
        let value = signedValue[..<separator]
        let signature = signedValue[signedValue.index(after: separator)...]
        // Only the canonical encoding counts: base64 ignores the spare bits of its last
        // character, so without this check several texts would carry one signature.
        guard let mac = Base64URL.decode(signature), mac.count == SHA256.byteCount,
            Base64URL.encode(mac) == signature
        else { throw SignatureError(.badSignature) }
        let message = Array(value.utf8)
        // Every key is tried (no early exit), so timing does not tell which one matched.
        var matched = false
        for key in macKeys {
            if HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: message, using: key) { matched = true }
        }
        guard matched else { throw SignatureError(.badSignature) }
        return String(value)
    }

    /// The signature of `value` with the current key.
    public func signature(of value: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Array(value.utf8), using: macKeys[0])
        return Base64URL.encode(Array(mac))
    }

    /// Signs any `Encodable` value as compact JSON in URL-safe base64 (Django's
    /// `sign_object`, without compression).
    /// - Throws: The encoder's error when the value cannot be encoded.
    public func sign(object: some Encodable) throws -> String {
        sign(try Base64URL.encodeJSON(object))
    }

    /// Checks and decodes a value made by ``sign(object:)``.
    /// - Throws: ``SignatureError``; ``SignatureError/Code/malformed`` also when the payload
    ///   does not decode as `T`.
    public func unsign<T: Decodable>(object signedValue: String, as type: T.Type = T.self) throws(SignatureError) -> T {
        try Base64URL.decodeJSON(try unsign(signedValue), as: T.self)
    }
}
