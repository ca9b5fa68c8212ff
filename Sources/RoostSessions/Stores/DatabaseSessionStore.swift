#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif
public import RoostDatabase
import RoostORM

/// Keeps sessions in the `roost_session` table (``SessionRecord``) of a database: the cookie
/// holds only a random key, so sessions can be large, hold data the visitor must not see, and
/// be revoked server-side. Shared by every app instance using the database.
///
/// ```swift
/// try app.useDatabases(backends: [SQLiteBackend()])
/// try app.useSessions(store: DatabaseSessionStore(database: app.databases.default))
/// ```
///
/// The table must exist (``createTable()``). Expired rows stay until the `clearsessions`
/// command (registered by `useSessions`) deletes them; run it from cron.
public struct DatabaseSessionStore: SessionStore {
    /// The database the table lives in.
    public let database: any DatabaseExecutor

    /// Creates the store.
    public init(database: any DatabaseExecutor) {
        self.database = database
    }

    public func load(cookieValue: String) async throws -> SessionData? {
        // A key we could never have made is not looked up at all.
        guard SessionData.isWellFormedID(cookieValue) else { return nil }
        let now = Date()
        let query = SessionRecord.objects.filter { $0.id == cookieValue && $0.expireDate > now }
        guard let record = try await query.first(on: database) else { return nil }
        guard let session = try? JSONDecoder().decode(SessionData.self, from: Data(record.data.utf8)),
            session.id == record.id, !session.isExpired(at: now)
        else { return nil }
        return session
    }

    public func save(_ session: SessionData) async throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = String(decoding: try encoder.encode(session), as: UTF8.self)
        var record = SessionRecord(id: session.id, data: json, expireDate: session.expiresAt)
        try await record.save(on: database)
        return session.id
    }

    public func delete(id: String) async throws {
        _ = try await SessionRecord.objects.filter { $0.id == id }.delete(on: database)
    }

    /// Deletes expired sessions: the `clearsessions` command.
    /// - Returns: How many rows were deleted.
    @discardableResult
    public func clearExpired(at date: Date = Date()) async throws -> Int {
        try await SessionRecord.objects.filter { $0.expireDate <= date }.delete(on: database)
    }

    /// Creates the `roost_session` table and its index if they do not exist yet.
    public func createTable() async throws {
        let exists: Bool
        do {
            _ = try await SessionRecord.objects.limit(1).count(on: database)
            exists = true
        } catch let error as DatabaseError where error.code != .connectionFailed && error.code != .connectionLost {
            exists = false
        }
        if !exists { try await Self.createTables(on: database) }
    }

    private static func createTables(on executor: some DatabaseExecutor) async throws {
        try await SchemaEditor(database: executor).createTables(for: [SessionRecord.self])
    }
}
