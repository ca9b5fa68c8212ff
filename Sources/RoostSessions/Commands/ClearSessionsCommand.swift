import Roost
#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif

/// `clearsessions`: deletes expired sessions from the session store, Django's command of the
/// same name. Registered by `useSessions`; a no-op for stores that keep nothing (signed
/// cookies).
///
/// ```sh
/// swift run MyApp clearsessions        # e.g. daily from cron
/// ```
struct ClearSessionsCommand: AppCommand {
    static let configuration = CommandConfiguration(
        commandName: "clearsessions",
        abstract: "Delete expired sessions from the session store."
    )

    func run(app: App) async throws {
        guard let store = try SessionsInstallation.store(of: app) else {
            app.console.write("Sessions are not configured (call app.useSessions).\n")
            return
        }
        switch store {
        case let database as DatabaseSessionStore:
            let removed = try await database.clearExpired()
            app.console.write("Deleted \(removed) expired session(s).\n")
        case let memory as MemorySessionStore:
            let removed = memory.removeExpired()
            app.console.write("Deleted \(removed) expired session(s).\n")
        case let clearable as any ClearableSessionStore:
            let removed = try await clearable.clearExpired(at: Date())
            app.console.write("Deleted \(removed) expired session(s).\n")
        default:
            app.console.write("The session store keeps nothing on the server; nothing to clear.\n")
        }
    }
}

/// A ``SessionStore`` that can delete its expired sessions; `clearsessions` calls it.
public protocol ClearableSessionStore: SessionStore {
    /// Deletes sessions that expired before `date`.
    /// - Returns: How many were deleted.
    func clearExpired(at date: Date) async throws -> Int
}
