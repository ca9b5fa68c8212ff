#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif

/// A signed value that cannot be trusted: its signature does not match any key, it is not
/// in the signed format, or it is older than allowed.
///
/// Treat every case as "the value is absent": never tell the client which one it was.
///
/// ```swift
/// do {
///     let userID = try signer.unsign(token, maxAge: .seconds(3600))
/// } catch where error.code == .expired {
///     // ask for a new link
/// } catch {
///     // forged or garbled: ignore
/// }
/// ```
public struct SignatureError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Why a value was refused, stable across versions.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Kind: Hashable, Sendable { case badSignature, malformed, expired }
        private let kind: Kind

        /// No key produces this signature: the value or its signature was changed.
        public static var badSignature: Code { Code(kind: .badSignature) }
        /// The text is not in the signed format (no separator, bad timestamp, bad payload).
        public static var malformed: Code { Code(kind: .malformed) }
        /// The signature is valid but older than the maximum age.
        public static var expired: Code { Code(kind: .expired) }

        public var description: String {
            switch kind {
            case .badSignature: "bad signature"
            case .malformed: "malformed signed value"
            case .expired: "signature expired"
            }
        }
    }

    /// Why the value was refused.
    public let code: Code
    /// For ``Code/expired``: when the value was signed.
    public let signedAt: Date?

    init(_ code: Code, signedAt: Date? = nil) {
        self.code = code
        self.signedAt = signedAt
    }

    public var description: String { code.description }
}
