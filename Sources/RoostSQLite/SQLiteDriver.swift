import Logging
import NIOCore
import NIOPosix
import RoostDatabase
import SQLiteNIO

/// Opens SQLite connections configured the way a web app wants them: WAL journal mode (file
/// databases), `foreign_keys = ON`, a busy time-out, and the `regexp` function.
///
/// Each connection runs its SQLite calls on a thread of its own, because they block:
/// - a streaming statement keeps its thread while the consumer is slow, and no other
///   connection ever waits for it;
/// - the pool hands out the most recently used connection first, so a lightly loaded app
///   keeps running statements on the same warm thread. With one shared pool of threads, each
///   statement woke whichever thread had slept longest: 0.5 µs more per 15 µs lookup.
final class SQLiteDriver: DatabaseDriver {
    enum Storage: Sendable {
        case memory
        case file(path: String)
    }

    let storage: Storage
    let busyTimeout: Duration
    private let eventLoop: any EventLoop

    init(storage: Storage, busyTimeout: Duration, eventLoopGroup: any EventLoopGroup) {
        self.storage = storage
        self.busyTimeout = busyTimeout
        self.eventLoop = eventLoopGroup.any()
    }

    var dialect: any SQLDialect { SQLiteDialect() }

    /// A memory database lives inside one connection, so the pool gets exactly one.
    var connectionLimit: Int? {
        if case .memory = storage { return 1 }
        return nil
    }

    func connect(logger: Logger) async throws -> any DatabaseConnection {
        let thread = NIOThreadPool(numberOfThreads: 1)
        thread.start()
        let raw: SQLiteConnection
        do {
            switch storage {
            case .memory:
                raw = try await SQLiteConnection.open(storage: .memory, threadPool: thread, logger: logger, on: eventLoop)
            case .file(let path):
                raw = try await SQLiteConnection.open(storage: .file(path: path), threadPool: thread, logger: logger, on: eventLoop)
            }
        } catch {
            try? await thread.shutdownGracefully()
            throw DatabaseError(.connectionFailed, "could not open the SQLite database \(location): \(error)",
                                underlying: SendableDescription(error))
        }
        let connection = SQLiteDatabaseConnection(raw: raw, thread: thread)
        do {
            try await configure(raw, logger: logger)
        } catch {
            await connection.close()
            throw DatabaseError(.connectionFailed, "could not configure the SQLite database \(location): \(error)",
                                underlying: SendableDescription(error))
        }
        return connection
    }

    /// Each connection stops its own thread when it closes, and the pool closes them all.
    func shutdown() async {}

    private var location: String {
        switch storage {
        case .memory: ":memory:"
        case .file(let path): path
        }
    }

    /// Per-connection settings. `busy_timeout` also replaces sqlite-nio's default busy
    /// handler, which would otherwise retry forever.
    private func configure(_ raw: SQLiteConnection, logger: Logger) async throws {
        let milliseconds = busyTimeout.components.seconds * 1000 + busyTimeout.components.attoseconds / 1_000_000_000_000_000
        try await raw.query("PRAGMA busy_timeout = \(milliseconds)", []) { _ in }
        try await raw.query("PRAGMA foreign_keys = ON", []) { _ in }
        if case .file = storage {
            let journal = try await switchToWAL(raw)
            if journal?.lowercased() != "wal" {
                logger.warning("SQLite did not switch to WAL journal mode", metadata: ["journal_mode": "\(journal ?? "?")"])
            }
        }
        try await raw.install(customFunction: SQLiteRegexFunction().makeFunction())
    }

    /// Sets WAL journal mode and returns the mode in force (a no-op for a file already in
    /// WAL, which is stored in the file). The switch itself needs the file to itself, and
    /// SQLite answers "busy" at once, without its busy handler, while another connection opens
    /// the same new file; that is retried for up to the busy time-out.
    private func switchToWAL(_ raw: SQLiteConnection) async throws -> String? {
        let deadline = ContinuousClock.now + busyTimeout
        while true {
            let mode = SQLiteRowCollector()
            do {
                _ = try await SQLiteRowReader(reusingStorage: false) { mode.append($0) }.run("PRAGMA journal_mode = WAL", [], on: raw)
                return try? mode.rows.first?.decode(String.self, at: 0)
            } catch let error as DatabaseError where error.code == .lockTimeout && ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(20))
            }
        }
    }
}
