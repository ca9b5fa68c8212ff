extension DatabaseError {
    /// The kind of a ``DatabaseError``. New kinds may be added in minor versions, so a
    /// `switch` over codes is not possible: compare with `==` or match with `catch`.
    ///
    /// ```swift
    /// catch let error as DatabaseError where error.code == .foreignKeyViolation { … }
    /// catch DatabaseError.Code.tableNotFound { … }
    /// ```
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case uniqueViolation, foreignKeyViolation, notNullViolation, checkViolation
            case tableNotFound, columnNotFound, syntaxError, invalidValue
            case connectionFailed, connectionLost, acquireTimeout, queryCancelled
            case serializationFailure, lockTimeout, tooManyParameters, unsupportedType
            case poolShutDown, transactionClosed, misuse, other
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// A `UNIQUE` or primary-key constraint rejected a duplicate (SQLSTATE 23505).
        public static let uniqueViolation = Code(.uniqueViolation)
        /// A foreign key points at no row, or a referenced row is still referenced (23503).
        public static let foreignKeyViolation = Code(.foreignKeyViolation)
        /// `NULL` went into a `NOT NULL` column (23502).
        public static let notNullViolation = Code(.notNullViolation)
        /// A `CHECK` constraint failed (23514).
        public static let checkViolation = Code(.checkViolation)
        /// The statement names a table that does not exist (42P01, SQLite "no such table").
        public static let tableNotFound = Code(.tableNotFound)
        /// The statement names a column that does not exist (42703, SQLite "no such column").
        public static let columnNotFound = Code(.columnNotFound)
        /// The SQL is malformed (42601, SQLite "syntax error"), or holds several statements.
        public static let syntaxError = Code(.syntaxError)
        /// A bound value cannot be stored: NaN, a string with a NUL character, a value out of
        /// the column type's range or format (22xxx).
        public static let invalidValue = Code(.invalidValue)
        /// A new connection could not be opened (refused, bad password, unknown database, TLS).
        public static let connectionFailed = Code(.connectionFailed)
        /// An open connection broke (server restart, `pg_terminate_backend`, network loss).
        public static let connectionLost = Code(.connectionLost)
        /// No pooled connection became free within the acquire time-out.
        public static let acquireTimeout = Code(.acquireTimeout)
        /// The server cancelled the statement (57014: statement time-out or cancel request).
        public static let queryCancelled = Code(.queryCancelled)
        /// The transaction lost a serialization race or a deadlock (40001, 40P01); retry it.
        public static let serializationFailure = Code(.serializationFailure)
        /// A lock could not be taken in time (SQLite `SQLITE_BUSY` after the busy time-out, 55P03).
        public static let lockTimeout = Code(.lockTimeout)
        /// The statement binds more parameters than the database allows.
        public static let tooManyParameters = Code(.tooManyParameters)
        /// A result column has a type Roost does not decode (cast it in SQL, e.g. `::text`).
        public static let unsupportedType = Code(.unsupportedType)
        /// The pool was shut down.
        public static let poolShutDown = Code(.poolShutDown)
        /// A ``Transaction`` or pinned connection was used after its closure returned.
        public static let transactionClosed = Code(.transactionClosed)
        /// The API was used in a way that cannot work (e.g. a query on a connection that is
        /// streaming rows to the same task).
        public static let misuse = Code(.misuse)
        /// Anything else; see ``DatabaseError/driverCode`` and ``DatabaseError/message``.
        public static let other = Code(.other)

        /// The code's name, e.g. `uniqueViolation`.
        public var description: String { base.rawValue }

        /// `true` for the four integrity violations (Django's `IntegrityError`).
        public var isIntegrityViolation: Bool {
            switch base {
            case .uniqueViolation, .foreignKeyViolation, .notNullViolation, .checkViolation: true
            default: false
            }
        }

        /// Matches a ``DatabaseError`` with this code, for `catch DatabaseError.Code.x`.
        public static func ~= (code: Code, error: any Error) -> Bool {
            (error as? DatabaseError)?.code == code
        }
    }
}
