#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
public import RoostDatabase

/// Applies and unapplies migrations on a database. Each migration runs in a transaction
/// and is recorded in the same transaction, so a failure leaves the database as it was
/// before that migration; runs take a lock (a PostgreSQL advisory lock, SQLite's write
/// lock), so two processes migrating at once never both apply a migration.
///
/// ```swift
/// let executor = MigrationExecutor(database: db, loader: try MigrationLoader(apps: apps))
/// let steps = try await executor.migrate(to: .latest) { event in print(event) }
/// ```
public struct MigrationExecutor: Sendable {
    /// The database migrated.
    public let database: Database
    /// The registered migrations.
    public let loader: MigrationLoader
    /// The table applied migrations are recorded in.
    public let recorder: MigrationRecorder

    /// An executor for `database`.
    public init(database: Database, loader: MigrationLoader, recorder: MigrationRecorder = MigrationRecorder()) {
        self.database = database
        self.loader = loader
        self.recorder = recorder
    }

    /// Options of a run.
    public struct Options: Sendable {
        /// Record the migrations as applied (or unapplied) without running them.
        public var fake = false
        /// Store the current checksums of applied migrations that were edited, instead of
        /// stopping (after you reviewed the edits).
        public var acceptEdited = false

        /// Default options: run the operations, stop on edited migrations.
        public init(fake: Bool = false, acceptEdited: Bool = false) {
            self.fake = fake
            self.acceptEdited = acceptEdited
        }
    }

    /// What happens during a run, for progress output.
    public enum Event: Sendable, CustomStringConvertible {
        /// Nothing to do.
        case upToDate
        /// A step starts.
        case started(MigrationStep)
        /// A step finished, after `seconds`.
        case finished(MigrationStep, seconds: Double, faked: Bool)
        /// The checksum of an edited migration was stored.
        case checksumUpdated(MigrationKey)

        public var description: String {
            switch self {
            case .upToDate: "No migrations to apply."
            case .started(let step): (step.backwards ? "Unapplying " : "Applying ") + step.key.description + "..."
            case .finished(_, let seconds, let faked):
                faked ? " FAKED" : " OK (\(Double((seconds * 100).rounded()) / 100)s)"
            case .checksumUpdated(let key): "Stored the new checksum of \(key)."
            }
        }
    }

    /// Takes the database to `target`.
    ///
    /// - Parameters:
    ///   - target: Where to go; every app's latest migration by default.
    ///   - options: Faking, accepting edited migrations.
    ///   - progress: Called as steps start and finish.
    /// - Returns: The steps taken.
    /// - Throws: ``MigrationError``: conflicting leaves, an inconsistent or edited history,
    ///   an irreversible step, or a failed operation (naming it; that migration was rolled
    ///   back).
    @discardableResult
    public func migrate(
        to target: MigrationTarget = .latest,
        options: Options = Options(),
        progress: @escaping @Sendable (Event) -> Void = { _ in }
    ) async throws -> [MigrationStep] {
        let conflicts = loader.graph.conflicts
        if !conflicts.isEmpty { throw MigrationGraph.conflictError(conflicts) }
        return try await MigrationLock.withLock(on: database) { run in
            try await recorder.ensureTable(on: run.executor)
            let applied = try await recorder.applied(on: run.executor)
            try checkHistory(applied)
            let edited = editedMigrations(applied)
            if !edited.isEmpty {
                guard options.acceptEdited else { throw editedError(edited) }
                for key in edited {
                    guard let migration = loader.graph.nodes[key] else { continue }
                    try await recorder.updateChecksum(of: migration, on: run.executor)
                    progress(.checksumUpdated(key))
                }
            }
            let plan = try loader.graph.plan(to: target, applied: Set(applied.keys))
            if plan.isEmpty { progress(.upToDate) }
            for step in plan {
                if step.backwards, !options.fake, let migration = loader.graph.nodes[step.key], !migration.isReversible {
                    let operation = migration.operations.first { !$0.isReversible }
                    throw MigrationError(
                        .irreversible,
                        "\(step.key) cannot be unapplied: its operation \"\(operation?.summary ?? "?")\" has no reverse"
                    )
                }
            }
            for step in plan {
                progress(.started(step))
                let start = ContinuousClock.now
                try await run.step { executor in
                    try await perform(step, on: executor, fake: options.fake)
                }
                let elapsed = ContinuousClock.now - start
                let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
                progress(.finished(step, seconds: seconds, faked: options.fake))
            }
            return plan
        }
    }

    /// Runs one step's operations and records it, inside its transaction.
    private func perform(_ step: MigrationStep, on executor: any DatabaseExecutor, fake: Bool) async throws {
        guard let migration = loader.graph.nodes[step.key] else { return }
        // Another process may have got there first while this one waited for the lock.
        let recorded = try await recorder.applied(on: executor)[step.key] != nil
        if recorded != step.backwards { return }
        if !fake {
            let states = try loader.operationStates(of: step.key)
            let editor = MigrationSchemaEditor(executor: executor, app: step.key.app)
            do {
                try await migration.runOperations(on: editor, states: states, backwards: step.backwards)
            } catch {
                throw failure(step, operation: error.operation, index: error.index, of: migration.operations.count, error.error)
            }
            if executor.dialect.name == "sqlite" {
                let violations = try await MigrationSchemaEditor.foreignKeyViolations(on: executor)
                if !violations.isEmpty {
                    throw MigrationError(
                        .operationFailed,
                        "\(step.backwards ? "Unapplying" : "Applying") \(step.key) broke foreign keys: \(violations.joined(separator: "; ")). It was rolled back: the database is as it was before it."
                    )
                }
            }
        }
        if step.backwards {
            try await recorder.unrecord(step.key, on: executor)
        } else {
            try await recorder.record(migration, on: executor)
        }
    }

    private func failure(_ step: MigrationStep, operation: any MigrationOperation, index: Int, of count: Int, _ error: any Error) -> MigrationError {
        let verb = step.backwards ? "Unapplying" : "Applying"
        let cause = (error as? MigrationError)?.message ?? "\(error)"
        return MigrationError(
            .operationFailed,
            "\(verb) \(step.key) failed at operation \(index + 1) of \(count) (\(operation.summary)): \(cause)\nThe migration was rolled back: the database is as it was before it.",
            underlying: error
        )
    }

    /// Checks that every applied migration's dependencies are applied too.
    func checkHistory(_ applied: [MigrationKey: AppliedMigration]) throws(MigrationError) {
        for key in applied.keys.sorted() where loader.graph.nodes[key] != nil {
            for dependency in loader.graph.dependencies(of: key) where applied[dependency] == nil {
                throw MigrationError(
                    .inconsistentHistory,
                    "\(key) is applied but the migration it depends on, \(dependency), is not: the migrations table does not match the migrations' history"
                )
            }
        }
    }

    /// Applied migrations whose operations changed since they were applied.
    public func editedMigrations(_ applied: [MigrationKey: AppliedMigration]) -> [MigrationKey] {
        applied.values.filter { record in
            guard let migration = loader.graph.nodes[record.key] else { return false }
            return migration.checksum != record.checksum
        }.map(\.key).sorted()
    }

    private func editedError(_ keys: [MigrationKey]) -> MigrationError {
        MigrationError(
            .editedMigration,
            "These migrations were edited after they were applied to this database: "
                + keys.map(\.description).joined(separator: ", ")
                + ". The database was migrated with their old operations, so it may not match them. Undo the edits and put the change in a new migration (`makemigrations`); or, if the database already matches, run `migrate --accept-edited` to store the new checksums."
        )
    }
}
