import RoostDatabase

/// Makes migration runs exclusive across processes and machines.
///
/// - PostgreSQL: a session advisory lock held on one connection for the whole run; each
///   migration then runs in its own transaction on that connection.
/// - SQLite: `foreign_keys` is turned off on the run's connection (so rebuilding a table
///   cannot cascade), and the whole run is one `BEGIN IMMEDIATE` transaction holding the
///   database's write lock; each migration is a savepoint in it. When a migration fails, its
///   savepoint is rolled back and the migrations before it are still committed.
///
/// In both cases the applied migrations are read after the lock is taken, so a process
/// that waited finds the other one's work done.
enum MigrationLock {
    /// An arbitrary constant naming Roost's migration lock among PostgreSQL advisory locks.
    static let advisoryKey: Int64 = 0x526F_6F73_744D_6967

    /// The run's connection or transaction; ``step(_:)`` gives each migration its own
    /// transaction (or savepoint).
    struct Run: Sendable {
        let executor: any DatabaseExecutor

        nonisolated(nonsending) func step(_ body: nonisolated(nonsending) (any DatabaseExecutor) async throws -> Void) async throws {
            try await executor.transaction { transaction in try await body(transaction) }
        }
    }

    static nonisolated(nonsending) func withLock<Result>(
        on database: Database, _ body: nonisolated(nonsending) (Run) async throws -> Result
    ) async throws -> Result {
        try await database.withConnection { connection in
            if connection.dialect.name == "sqlite" {
                return try await sqliteRun(on: connection, body)
            }
            _ = try await connection.query("SELECT pg_advisory_lock(\(advisoryKey))")
            do {
                let result = try await body(Run(executor: connection))
                _ = try await connection.query("SELECT pg_advisory_unlock(\(advisoryKey))")
                return result
            } catch {
                _ = try? await connection.query("SELECT pg_advisory_unlock(\(advisoryKey))")
                throw error
            }
        }
    }

    private static nonisolated(nonsending) func sqliteRun<Result>(
        on connection: PinnedConnection, _ body: nonisolated(nonsending) (Run) async throws -> Result
    ) async throws -> Result {
        try await connection.execute("PRAGMA foreign_keys = OFF")
        var failure: (any Error)?
        let result: Result?
        do {
            result = try await connection.transaction { transaction -> Result? in
                do {
                    return try await body(Run(executor: transaction))
                } catch {
                    // Commit the migrations that succeeded; the failed one rolled back to its
                    // savepoint already.
                    failure = error
                    return nil
                }
            }
        } catch {
            _ = try? await connection.execute("PRAGMA foreign_keys = ON")
            throw error
        }
        try await connection.execute("PRAGMA foreign_keys = ON")
        if let failure { throw failure }
        guard let result else { throw MigrationError(.unsupported, "the migration run returned no result") }
        return result
    }
}
