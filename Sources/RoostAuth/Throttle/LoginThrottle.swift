#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
public import Roost

/// How many failed logins are allowed before further attempts are refused, per username
/// and per client address: brute-force protection on by default.
///
/// With the defaults, ten wrong passwords in a row for one username — or ten failures from
/// one address — lock further attempts out for 15 minutes after the last failure; the
/// eleventh is refused with `429 Too Many Requests` and `Retry-After` *before* any password
/// is checked, so a correct guess is refused too and the hasher's CPU is not spent. A
/// successful login ends the username's run (not the address's, so one valid account cannot
/// be used to reset an attacker's counter). Unknown usernames are counted like known ones,
/// so the throttle does not reveal which accounts exist.
///
/// ```swift
/// try app.useAuth { auth in
///     auth.throttle.usernameLimit = 5
///     auth.throttle.addressLimit = 50              // many users behind one office NAT
///     auth.throttle.window = .seconds(30 * 60)
/// }
/// ```
///
/// Settings: `LOGIN_THROTTLE_USERNAME_LIMIT`, `LOGIN_THROTTLE_ADDRESS_LIMIT` (0 turns a
/// limit off), `LOGIN_THROTTLE_WINDOW` (seconds).
public struct LoginThrottle: Sendable {
    /// Failures in a row allowed per username; `0` disables the limit. 10 by default.
    public var usernameLimit = 10
    /// Failures in a row allowed per client address; `0` disables the limit. 10 by default.
    public var addressLimit = 10
    /// How long a run of failures lasts after its last failure, and how long a lock-out
    /// lasts: 15 minutes by default.
    public var window: Duration = .seconds(900)

    /// The defaults.
    public init() {}

    /// The defaults, overridden by the app's settings.
    /// - Throws: `SettingsError` for a value that does not parse or is negative.
    public init(settings: Settings) throws(SettingsError) {
        usernameLimit = try Self.count(settings, "LOGIN_THROTTLE_USERNAME_LIMIT", default: usernameLimit)
        addressLimit = try Self.count(settings, "LOGIN_THROTTLE_ADDRESS_LIMIT", default: addressLimit)
        let seconds = try settings.value(for: SettingKey("LOGIN_THROTTLE_WINDOW", default: 900))
        guard seconds > 0 else {
            throw SettingsError(key: "LOGIN_THROTTLE_WINDOW", value: "\(seconds)", reason: "a positive number of seconds")
        }
        window = .seconds(seconds)
    }

    private static func count(_ settings: Settings, _ key: String, default value: Int) throws(SettingsError) -> Int {
        let count = try settings.value(for: SettingKey(key, default: value))
        guard count >= 0 else { throw SettingsError(key: key, value: "\(count)", reason: "zero (off) or a positive count") }
        return count
    }

    /// The store key for a username.
    static func key(username: String) -> String {
        "u:" + digest(username)
    }

    /// The store key for a client address.
    static func key(address: String) -> String {
        "a:" + digest(address)
    }

    private static func digest(_ text: String) -> String {
        AuthCrypto.sha256Hex(text)
    }
}

/// Applies a ``LoginThrottle`` with a store.
struct LoginThrottler: Sendable {
    let policy: LoginThrottle
    let store: any LoginThrottleStore

    /// How long the caller must wait before trying again, or `nil` when it may try now.
    func lockout(username: String, address: String?, now: Date = Date()) async throws -> Duration? {
        var wait: Double = 0
        if policy.usernameLimit > 0 {
            let run = try await store.failures(key: LoginThrottle.key(username: username), at: now, window: policy.window)
            wait = max(wait, remaining(run, limit: policy.usernameLimit, now: now))
        }
        if policy.addressLimit > 0, let address {
            let run = try await store.failures(key: LoginThrottle.key(address: address), at: now, window: policy.window)
            wait = max(wait, remaining(run, limit: policy.addressLimit, now: now))
        }
        return wait > 0 ? .seconds(Int64(wait.rounded(.up))) : nil
    }

    private func remaining(_ run: LoginFailures, limit: Int, now: Date) -> Double {
        guard run.count >= limit, let latest = run.latest else { return 0 }
        return max(0, policy.window.seconds - now.timeIntervalSince(latest))
    }

    func recordFailure(username: String, address: String?, now: Date = Date()) async throws {
        if policy.usernameLimit > 0 {
            _ = try await store.recordFailure(key: LoginThrottle.key(username: username), at: now, window: policy.window)
        }
        if policy.addressLimit > 0, let address {
            _ = try await store.recordFailure(key: LoginThrottle.key(address: address), at: now, window: policy.window)
        }
    }

    func recordSuccess(username: String) async throws {
        if policy.usernameLimit > 0 { try await store.reset(key: LoginThrottle.key(username: username)) }
    }
}

/// A login refused because too many attempts failed: `429 Too Many Requests` with
/// `Retry-After`. The login page shows it as a form error; JSON logins get it as is.
public struct LoginThrottled: HTTPResponseError, Sendable, CustomStringConvertible {
    /// How long to wait before trying again.
    public let retryAfter: Duration

    /// Creates the error.
    public init(retryAfter: Duration) {
        self.retryAfter = retryAfter
    }

    /// `429 Too Many Requests`.
    public var status: HTTPResponse.Status { .tooManyRequests }

    /// `Retry-After` in whole seconds.
    public var headerFields: HTTPFields { [.retryAfter: "\(max(1, retryAfter.components.seconds))"] }

    /// The visitor-facing ``message``.
    public var publicReason: String? { message }

    /// The message shown to the visitor.
    public var message: String {
        let minutes = max(1, Int((retryAfter.seconds / 60).rounded(.up)))
        return "Too many failed login attempts. Try again in \(minutes) minute\(minutes == 1 ? "" : "s")."
    }

    /// The wait, for logs.
    public var description: String { "login throttled for \(retryAfter)" }
}
