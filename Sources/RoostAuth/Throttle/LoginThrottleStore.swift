#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif

/// Where failed-login counters live. Roost ships ``DatabaseLoginThrottleStore`` (the
/// default: a table shared by every instance of the app) and ``MemoryLoginThrottleStore``
/// (one process: tests and tools). A Redis store implements the same three methods.
///
/// ```swift
/// struct RedisLoginThrottleStore: LoginThrottleStore {
///     let redis: RedisClient
///     func recordFailure(key: String, at date: Date, window: Duration) async throws -> LoginFailures {
///         let count = try await redis.incr("login:\(key)")
///         try await redis.expire("login:\(key)", after: window)     // the run ends after a quiet window
///         return LoginFailures(count: count, latest: date)
///     }
///     func failures(key: String, at date: Date, window: Duration) async throws -> LoginFailures { … }
///     func reset(key: String) async throws { try await redis.delete("login:\(key)") }
/// }
/// ```
///
/// A *run* of failures ends when no failure happens for `window`: a failure after a quiet
/// window starts a new run at 1.
public protocol LoginThrottleStore: Sendable {
    /// Counts one more failure under `key`.
    /// - Parameters:
    ///   - key: An opaque key (a digest of a username or an address).
    ///   - date: When the failure happened.
    ///   - window: The quiet time that ends a run.
    /// - Returns: The run, this failure included.
    func recordFailure(key: String, at date: Date, window: Duration) async throws -> LoginFailures

    /// The current run under `key`; a run whose last failure is older than `window` counts as none.
    func failures(key: String, at date: Date, window: Duration) async throws -> LoginFailures

    /// Ends the run under `key` (after a successful login).
    func reset(key: String) async throws

    /// Forgets every run whose last failure happened before `date`: `clearloginattempts`
    /// calls it so counters of long-gone attackers do not pile up.
    /// - Returns: How many runs were forgotten.
    func clearStale(before date: Date) async throws -> Int
}

extension LoginThrottleStore {
    /// Forgets nothing: for stores whose entries expire by themselves (a Redis key with a TTL).
    public func clearStale(before date: Date) async throws -> Int { 0 }
}

/// A run of failed logins.
public struct LoginFailures: Sendable, Equatable {
    /// How many failures in a row.
    public var count: Int
    /// When the last one happened; `nil` when there is no run.
    public var latest: Date?

    /// Creates a run.
    public init(count: Int, latest: Date?) {
        self.count = count
        self.latest = latest
    }

    /// No failures.
    public static let none = LoginFailures(count: 0, latest: nil)
}

extension Duration {
    /// The duration in seconds, as a `Double`.
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) * 1e-18
    }
}
