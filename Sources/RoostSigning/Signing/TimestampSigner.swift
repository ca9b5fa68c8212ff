#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif

/// A ``Signer`` that also signs the time, so values can expire: Django's `TimestampSigner`,
/// with the same format (`value:timestamp:signature`, the timestamp in base 62 seconds).
///
/// ```swift
/// let signer = TimestampSigner(keys: keys, salt: "email-confirmation")
/// let token = signer.sign("42")
/// let userID = try signer.unsign(token, maxAge: .seconds(24 * 3600))  // throws .expired after a day
/// ```
public struct TimestampSigner: Sendable {
    /// The underlying signer (its salt and keys).
    public let signer: Signer

    /// Creates a signer.
    /// - Parameters:
    ///   - keys: The secret keys.
    ///   - salt: A name for what the signatures are for.
    public init(keys: SigningKeys, salt: String = Signer.defaultSalt) {
        self.signer = Signer(keys: keys, salt: salt)
    }

    /// Signs `value` with the time.
    /// - Parameters:
    ///   - value: Any text.
    ///   - date: The time to record; now by default.
    /// - Returns: `value:timestamp:signature`.
    public func sign(_ value: String, at date: Date = Date()) -> String {
        signer.sign("\(value)\(Signer.separator)\(Base62.encode(UInt64(max(0, date.timeIntervalSince1970))))")
    }

    /// Checks a signed value and its age.
    /// - Parameters:
    ///   - signedValue: Text made by ``sign(_:at:)``.
    ///   - maxAge: The oldest accepted signature; `nil` accepts any age.
    ///   - now: The current time (tests pass their own).
    /// - Returns: The original value.
    /// - Throws: ``SignatureError``: ``SignatureError/Code/badSignature``,
    ///   ``SignatureError/Code/malformed``, or ``SignatureError/Code/expired`` when older
    ///   than `maxAge`.
    public func unsign(_ signedValue: String, maxAge: Duration? = nil, now: Date = Date()) throws(SignatureError) -> String {
        let (value, signedAt) = try unsignWithDate(signedValue)
        if let maxAge {
            let age = now.timeIntervalSince(signedAt)
            if age > Double(maxAge.components.seconds) + Double(maxAge.components.attoseconds) * 1e-18 {
                throw SignatureError(.expired, signedAt: signedAt)
            }
        }
        return value
    }

    /// Checks a signed value and returns it with the time it was signed, whatever its age.
    /// - Throws: ``SignatureError`` for a bad signature or format.
    public func unsignWithDate(_ signedValue: String) throws(SignatureError) -> (value: String, signedAt: Date) {
        let valueAndTime = try signer.unsign(signedValue)
        guard let separator = valueAndTime.lastIndex(of: Signer.separator),
            let seconds = Base62.decode(valueAndTime[valueAndTime.index(after: separator)...])
        else { throw SignatureError(.malformed) }
        return (String(valueAndTime[..<separator]), Date(timeIntervalSince1970: Double(seconds)))
    }

    /// Signs any `Encodable` value, with the time (Django's `signing.dumps`, uncompressed).
    /// - Throws: The encoder's error when the value cannot be encoded.
    public func sign(object: some Encodable, at date: Date = Date()) throws -> String {
        sign(try Base64URL.encodeJSON(object), at: date)
    }

    /// Checks, ages and decodes a value made by ``sign(object:at:)`` (Django's `signing.loads`).
    /// - Throws: ``SignatureError``; ``SignatureError/Code/malformed`` also when the payload
    ///   does not decode as `T`.
    public func unsign<T: Decodable>(
        object signedValue: String, as type: T.Type = T.self, maxAge: Duration? = nil, now: Date = Date()
    ) throws(SignatureError) -> T {
        try Base64URL.decodeJSON(try unsign(signedValue, maxAge: maxAge, now: now), as: T.self)
    }
}
