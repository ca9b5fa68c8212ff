#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif
import Synchronization

/// Keeps sessions in this process's memory: for tests and single-process tools. Sessions
/// vanish when the process stops and are not shared between instances.
///
/// ```swift
/// let store = MemorySessionStore()
/// try app.useSessions(store: store)
/// // later, in a test:
/// #expect(await store.count == 1)
/// ```
public final class MemorySessionStore: SessionStore {
    private let sessions = Mutex<[String: SessionData]>([:])

    /// An empty store.
    public init() {}

    public func load(cookieValue: String) async throws -> SessionData? {
        guard SessionData.isWellFormedID(cookieValue) else { return nil }
        return sessions.withLock { sessions in
            guard let session = sessions[cookieValue] else { return nil }
            if session.isExpired() {
                sessions[cookieValue] = nil
                return nil
            }
            return session
        }
    }

    public func save(_ session: SessionData) async throws -> String {
        sessions.withLock { $0[session.id] = session }
        return session.id
    }

    public func delete(id: String) async throws {
        _ = sessions.withLock { $0.removeValue(forKey: id) }
    }

    /// How many sessions are stored, expired ones included.
    public var count: Int { sessions.withLock { $0.count } }

    /// Whether a session with this identifier is stored.
    public func contains(id: String) -> Bool { sessions.withLock { $0[id] != nil } }

    /// Removes expired sessions.
    /// - Returns: How many were removed.
    @discardableResult
    public func removeExpired(at date: Date = Date()) -> Int {
        sessions.withLock { sessions in
            let before = sessions.count
            sessions = sessions.filter { !$0.value.isExpired(at: date) }
            return before - sessions.count
        }
    }
}
