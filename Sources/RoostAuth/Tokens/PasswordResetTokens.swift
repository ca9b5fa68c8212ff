#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif
public import RoostSigning

/// Makes and checks the tokens of password-reset links: Django's
/// `PasswordResetTokenGenerator`, built on ``RoostSigning/TimestampSigner``.
///
/// A token is `<timestamp>-<signature>`; the signature covers the user's primary key,
/// password hash, last login time and e-mail address, which never appear in the link. The
/// link therefore stops working as soon as it is used (the password changes), when the user
/// logs in, when the e-mail address changes, and after the timeout.
///
/// ```swift
/// let tokens = PasswordResetTokens<User>(keys: try SigningKeys(settings: app.settings))
/// let token = tokens.makeToken(for: ada)
/// tokens.checkToken(token, for: ada)          // true, until ada's password or last login changes
/// ```
public struct PasswordResetTokens<U: AuthUser>: Sendable {
    private let signer: TimestampSigner
    /// How long a token works.
    public let timeout: Duration

    /// Creates the generator.
    /// - Parameters:
    ///   - keys: The app's secret keys; tokens signed with a fallback key still verify.
    ///   - timeout: How long tokens work, three days by default (Django's
    ///     `PASSWORD_RESET_TIMEOUT`).
    public init(keys: SigningKeys, timeout: Duration = .seconds(259_200)) {
        self.signer = TimestampSigner(keys: keys, salt: "roost.auth.password-reset")
        self.timeout = timeout
    }

    /// A token for `user`, valid from `date` for ``timeout``.
    public func makeToken(for user: U, at date: Date = Date()) -> String {
        let state = Self.state(of: user)
        // The signer's output is `state:timestamp:signature`; the link carries only the tail.
        let signed = signer.sign(state, at: date)
        let tail = signed.dropFirst(state.count + 1)
        return tail.replacingFirst(":", with: "-")
    }

    /// Whether `token` was made for `user` in its current state and has not expired.
    public func checkToken(_ token: String, for user: U, now: Date = Date()) -> Bool {
        guard token.utf8.count <= 100, let dash = token.firstIndex(of: "-") else { return false }
        let timestamp = token[..<dash]
        let signature = token[token.index(after: dash)...]
        guard !timestamp.isEmpty, !signature.isEmpty, !timestamp.contains(":"), !signature.contains(":") else { return false }
        let signed = "\(Self.state(of: user)):\(timestamp):\(signature)"
        do {
            let (_, signedAt) = try signer.unsignWithDate(signed)
            // A token from the future (a clock moved back) is refused as well as an old one.
            let age = now.timeIntervalSince(signedAt)
            return age >= -60 && age <= timeout.seconds
        } catch {
            return false
        }
    }

    /// What the signature covers: whatever changes when the link must stop working.
    private static func state(of user: U) -> String {
        let lastLogin = user.lastLogin.map { String(Int64($0.timeIntervalSince1970.rounded(.down))) } ?? ""
        return "\(user.authIdentifier)|\(user.password)|\(lastLogin)|\(user.email)"
    }
}

extension Substring {
    fileprivate func replacingFirst(_ target: Character, with replacement: Character) -> String {
        guard let index = firstIndex(of: target) else { return String(self) }
        var text = String(self[..<index])
        text.append(replacement)
        text += self[self.index(after: index)...]
        return text
    }
}
