/// How long one session lives, overriding the app's ``SessionConfiguration`` for it alone:
/// "remember me" on a login form, or a session that ends with the browser.
///
/// ```swift
/// req.session.expiry = form.rememberMe ? .after(.seconds(30 * 86_400)) : .browserSession
/// ```
public enum SessionExpiry: Sendable, Equatable, Codable {
    /// The cookie has no `Max-Age`, so the browser forgets it when it closes; the server
    /// still forgets the session after the configured maximum age.
    case browserSession
    /// The session (and its cookie) lasts this long after it was last saved.
    case after(Duration)

    private enum CodingKeys: String, CodingKey { case seconds = "s" }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let seconds = try container.decodeIfPresent(Int64.self, forKey: .seconds) {
            self = .after(.seconds(seconds))
        } else {
            self = .browserSession
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        if case .after(let duration) = self {
            try container.encode(duration.components.seconds, forKey: .seconds)
        }
    }
}
