public import Roost

/// The secret keys signatures are made and checked with: `SECRET_KEY` signs, and
/// `SECRET_KEY_FALLBACKS` are still accepted when checking, so a key can be rotated without
/// invalidating every session and signed link at once.
///
/// ```swift
/// let keys = try SigningKeys(settings: app.settings)        // SECRET_KEY + SECRET_KEY_FALLBACKS
/// let keys = SigningKeys(secret: "new", fallbacks: ["old"])   // explicit
/// ```
///
/// To rotate: move the current key to the front of `SECRET_KEY_FALLBACKS`, set a new
/// `SECRET_KEY`, and drop the old one from the fallbacks once what it signed has expired.
public struct SigningKeys: Sendable {
    /// The key new signatures are made with.
    public let secret: String
    /// Former keys, accepted when checking signatures.
    public let fallbacks: [String]

    /// Keys from explicit values.
    /// - Parameters:
    ///   - secret: The current key; use a long random string.
    ///   - fallbacks: Former keys still accepted.
    /// - Precondition: `secret` is not empty.
    public init(secret: String, fallbacks: [String] = []) {
        precondition(!secret.isEmpty, "a signing key cannot be empty")
        self.secret = secret
        self.fallbacks = fallbacks.filter { !$0.isEmpty }
    }

    /// Keys from the app's `SECRET_KEY` and `SECRET_KEY_FALLBACKS` settings.
    /// - Throws: ``SigningError/missingSecretKey`` when `SECRET_KEY` is not set.
    public init(settings: Settings) throws(SigningError) {
        guard let secret = settings.secretKey else { throw SigningError.missingSecretKey }
        self.init(secret: secret, fallbacks: settings.secretKeyFallbacks)
    }

    /// Every key, the current one first.
    public var all: [String] { [secret] + fallbacks }
}

/// Signing cannot be set up: the app has no secret key.
public struct SigningError: Error, Sendable, CustomStringConvertible {
    private enum Kind: Sendable { case missingSecretKey }
    private let kind: Kind

    /// `SECRET_KEY` is not set.
    public static var missingSecretKey: SigningError { SigningError(kind: .missingSecretKey) }

    public var description: String {
        switch kind {
        case .missingSecretKey:
            "SECRET_KEY is not set: signed cookies, sessions and tokens need it. Set it to a long random value, "
                + "e.g. SECRET_KEY=$(head -c 48 /dev/urandom | base64), and keep it secret."
        }
    }
}
