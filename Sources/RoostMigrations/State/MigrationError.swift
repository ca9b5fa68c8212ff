/// Why migrations could not be planned, written or applied. The message says what is wrong
/// and how to fix it; ``code`` tells kinds apart.
///
/// ```swift
/// do {
///     try await executor.migrate()
/// } catch let error as MigrationError where error.code == .conflict {
///     print(error)   // "Conflicting migrations in app 'blog': 0002_a, 0002_b. Run `makemigrations --merge`."
/// }
/// ```
public struct MigrationError: Error, Sendable, CustomStringConvertible {
    /// The kind of a ``MigrationError``. New kinds may be added: compare with `==`.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case invalidOperation, conflict, missingDependency, cycle, inconsistentHistory
            case editedMigration, irreversible, operationFailed, lossyChange, unsupported
            case unknownMigration, outdatedBinary, needsDefault, duplicateMigration
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// An operation does not fit the state it is applied to (a field that does not exist…).
        public static let invalidOperation = Code(.invalidOperation)
        /// An app has more than one leaf migration: two branches need a merge migration.
        public static let conflict = Code(.conflict)
        /// A migration depends on one that is not registered.
        public static let missingDependency = Code(.missingDependency)
        /// Migrations depend on each other in a circle.
        public static let cycle = Code(.cycle)
        /// The database records a migration as applied while one it depends on is not.
        public static let inconsistentHistory = Code(.inconsistentHistory)
        /// A migration's operations changed after it was applied.
        public static let editedMigration = Code(.editedMigration)
        /// A migration to unapply holds an operation that has no reverse.
        public static let irreversible = Code(.irreversible)
        /// An operation failed against the database; the migration was rolled back.
        public static let operationFailed = Code(.operationFailed)
        /// A change would lose data and was not explicitly allowed.
        public static let lossyChange = Code(.lossyChange)
        /// The change cannot be made on this database (or at all).
        public static let unsupported = Code(.unsupported)
        /// No migration has the given name.
        public static let unknownMigration = Code(.unknownMigration)
        /// Migration files on disk are not compiled into the running binary.
        public static let outdatedBinary = Code(.outdatedBinary)
        /// A non-nullable field needs a value for existing rows.
        public static let needsDefault = Code(.needsDefault)
        /// Two registered migrations have the same app and name.
        public static let duplicateMigration = Code(.duplicateMigration)

        public var description: String { base.rawValue }

        /// Matches a ``MigrationError`` with this code, for `catch MigrationError.Code.x`.
        public static func ~= (code: Code, error: any Error) -> Bool {
            (error as? MigrationError)?.code == code
        }
    }

    /// The kind of problem.
    public let code: Code
    /// What went wrong and what to do about it.
    public let message: String
    /// The error that caused this one (a database error, for ``Code/operationFailed``).
    public let underlying: (any Error & Sendable)?

    /// Creates an error.
    public init(_ code: Code, _ message: String, underlying: (any Error & Sendable)? = nil) {
        self.code = code
        self.message = message
        self.underlying = underlying
    }

    public var description: String { message }
}
