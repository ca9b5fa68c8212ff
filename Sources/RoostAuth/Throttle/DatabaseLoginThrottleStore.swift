#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif
public import RoostDatabase
import RoostORM

/// Keeps failed-login counters in the `roost_login_attempt` table (``LoginAttempt``), so
/// every instance of the app counts the same failures: the default store.
///
/// ```swift
/// try app.useAuth { $0.throttleStore = DatabaseLoginThrottleStore(database: app.databases.default) }
/// ```
///
/// Each failure is one atomic upsert (`INSERT … ON CONFLICT DO UPDATE`), so concurrent
/// failures on several instances are all counted. The table is created by
/// `AuthInstallation.createTables(on:)`; rows of finished runs are harmless and are reused.
public struct DatabaseLoginThrottleStore: LoginThrottleStore {
    /// The database the table lives in.
    public let database: any DatabaseExecutor

    /// Creates the store.
    public init(database: any DatabaseExecutor) {
        self.database = database
    }

    /// Counts a failure with one upsert, starting a new run after a quiet `window`.
    public func recordFailure(key: String, at date: Date, window: Duration) async throws -> LoginFailures {
        let now = Int64(date.timeIntervalSince1970)
        let staleBefore = now - Int64(window.seconds.rounded(.up))
        let table = LoginAttempt.schema.table
        _ = try await database.execute(
            """
            INSERT INTO \(identifier: table) (\(identifier: "key"), \(identifier: "failures"), \(identifier: "last_failure")) \
            VALUES (\(key), 1, \(now)) ON CONFLICT (\(identifier: "key")) DO UPDATE SET \
            \(identifier: "failures") = CASE WHEN \(identifier: table, "last_failure") < \(staleBefore) THEN 1 \
            ELSE \(identifier: table, "failures") + 1 END, \(identifier: "last_failure") = \(now)
            """
        )
        return try await failures(key: key, at: date, window: window)
    }

    /// The current run from the table, or none when it ended.
    public func failures(key: String, at date: Date, window: Duration) async throws -> LoginFailures {
        guard let row = try await LoginAttempt.objects.filter({ $0.id == key }).first(on: database) else { return .none }
        let latest = Date(timeIntervalSince1970: Double(row.lastFailure))
        guard date.timeIntervalSince(latest) <= window.seconds else { return .none }
        return LoginFailures(count: row.failures, latest: latest)
    }

    /// Deletes the row.
    public func reset(key: String) async throws {
        _ = try await LoginAttempt.objects.filter { $0.id == key }.delete(on: database)
    }

    /// Deletes the rows whose last failure is older than `date`.
    public func clearStale(before date: Date) async throws -> Int {
        let cutoff = Int64(date.timeIntervalSince1970)
        return try await LoginAttempt.objects.filter { $0.lastFailure < cutoff }.delete(on: database)
    }
}
