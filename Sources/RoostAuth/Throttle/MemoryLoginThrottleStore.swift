#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif
import Synchronization

/// Keeps failed-login counters in this process's memory: for tests and single-process
/// tools. Counters are not shared between instances; use ``DatabaseLoginThrottleStore``
/// (the default) when the app runs more than one.
///
/// ```swift
/// try app.useAuth { $0.throttleStore = MemoryLoginThrottleStore() }
/// ```
public final class MemoryLoginThrottleStore: LoginThrottleStore {
    private let runs = Mutex<[String: LoginFailures]>([:])

    /// An empty store.
    public init() {}

    /// Counts a failure, starting a new run after a quiet `window`.
    public func recordFailure(key: String, at date: Date, window: Duration) async throws -> LoginFailures {
        runs.withLock { runs in
            var run = runs[key] ?? .none
            if let latest = run.latest, date.timeIntervalSince(latest) > window.seconds { run = .none }
            run.count += 1
            run.latest = date
            runs[key] = run
            return run
        }
    }

    /// The current run, or none when it ended.
    public func failures(key: String, at date: Date, window: Duration) async throws -> LoginFailures {
        runs.withLock { runs in
            guard let run = runs[key], let latest = run.latest, date.timeIntervalSince(latest) <= window.seconds else { return .none }
            return run
        }
    }

    /// Forgets the run.
    public func reset(key: String) async throws {
        _ = runs.withLock { $0.removeValue(forKey: key) }
    }

    /// Forgets the runs whose last failure is older than `date`.
    public func clearStale(before date: Date) async throws -> Int {
        runs.withLock { runs in
            let stale = runs.filter { ($0.value.latest ?? .distantPast) < date }.map(\.key)
            for key in stale { runs.removeValue(forKey: key) }
            return stale.count
        }
    }
}
