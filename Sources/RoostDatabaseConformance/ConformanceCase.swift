/// One behaviour every backend must show. Run them all with Swift Testing's parameterized
/// tests, so that each appears (and fails) on its own:
///
/// ```swift
/// @Test(arguments: ConformanceCase.allCases)
/// func conformance(_ testCase: ConformanceCase) async throws {
///     try await testCase.run(with: harness)
/// }
/// ```
///
/// Each case opens its own database through the harness, uses uniquely named tables, drops
/// them, and shuts the database down.
public enum ConformanceCase: String, CaseIterable, Sendable {
    /// Insert (with `RETURNING` and the last insert id), select, update, delete.
    case crud
    /// `rowsAffected` and `lastInsertID` of `execute`.
    case executeResults
    /// Every value type survives a round trip: extremes, Unicode, emoji, NUL in bytes, empty values.
    case valueRoundTrips
    /// NaN and text containing NUL are rejected with `invalidValue`, identically on every backend.
    case unstorableValuesRejected
    /// NULL reads back as `nil`; NULL into a non-optional and wrong types throw naming the column.
    case nullAndDecodingErrors
    /// A unique violation reports its code, table/columns (and constraint name where reported).
    case uniqueViolation
    /// A foreign-key violation reports its code (and constraint name where reported).
    case foreignKeyViolation
    /// A not-null violation reports its code and column.
    case notNullViolation
    /// A check violation reports its code and constraint name.
    case checkViolation
    /// Error descriptions hold the SQL text but never the bound values.
    case errorsOmitBoundValues
    /// A missing table gives `tableNotFound`; malformed SQL gives `syntaxError`.
    case missingTableAndSyntaxErrors
    /// Text holding two statements is rejected, not half-run.
    case multipleStatementsRejected
    /// `transaction` commits when its closure returns.
    case transactionCommits
    /// `transaction` rolls back when its closure throws and rethrows the error.
    case transactionRollsBackOnThrow
    /// A failed nested transaction (savepoint) keeps the outer transaction's work.
    case nestedSavepointRollbackKeepsOuterWork
    /// `onCommit` callbacks run after the outermost commit, and are dropped on rollback.
    case onCommitRunsOnlyAfterCommit
    /// A constraint violation inside a transaction leaves nothing half-written and the pool healthy.
    case integrityErrorInsideTransactionRollsBack
    /// A transaction whose task is cancelled (its client went away) still rolls back on its
    /// connection, which stays in the pool.
    case cancelledTransactionRollsBack
    /// `Database` calls inside `transaction` run on the transaction's connection.
    case databaseCallsJoinTheTransaction
    /// Using a transaction handle after its closure, or querying inside its own stream, is an error.
    case transactionMisuseIsReported
    /// Child tasks sharing one transaction take turns on its connection.
    case concurrentStatementsInOneTransaction
    /// Classic injection payloads through every binding path leave the database unharmed.
    case injectionPayloadsAreInert
    /// Identifiers with quotes and SQL in them are quoted, never executed.
    case hostileIdentifiersAreQuoted
    /// 200 concurrent tasks on a pool of 5 all succeed, never exceeding 5 connections.
    case poolUnderConcurrency
    /// A caller waiting longer than the acquire time-out gets `acquireTimeout`; the pool then works.
    case acquireTimeout
    /// A connection killed from outside gives `connectionLost`, and the pool replaces it.
    case connectionLossRecovers
    /// 100,000 rows stream through in bounded memory.
    case streamsManyRowsInBoundedMemory
    /// A stream stopped early leaves its connection usable.
    case streamStoppedEarlyLeavesConnectionUsable
    /// `query(_:reading:)` hands over every row in order; rows the reader keeps stay intact.
    case rowsReadInOrder
    /// A reader that throws stops the rows and fails only its statement; statement errors
    /// stay typed.
    case readerErrorsStopTheRows
    /// The dialect's `extract`, `regexMatch`, `limitOffset` and `LikePattern` work.
    case dialectOperations

    /// Runs the case against a backend.
    ///
    /// - Parameter harness: Opens databases and breaks connections for the backend.
    /// - Throws: Unexpected errors; failed expectations are recorded as test issues.
    public func run(with harness: ConformanceHarness) async throws {
        switch self {
        case .crud: try await CRUDCases.crud(harness)
        case .executeResults: try await CRUDCases.executeResults(harness)
        case .valueRoundTrips: try await ValueCases.roundTrips(harness)
        case .unstorableValuesRejected: try await ValueCases.unstorableValues(harness)
        case .nullAndDecodingErrors: try await ValueCases.nullAndDecodingErrors(harness)
        case .uniqueViolation: try await IntegrityCases.unique(harness)
        case .foreignKeyViolation: try await IntegrityCases.foreignKey(harness)
        case .notNullViolation: try await IntegrityCases.notNull(harness)
        case .checkViolation: try await IntegrityCases.check(harness)
        case .errorsOmitBoundValues: try await IntegrityCases.errorsOmitValues(harness)
        case .missingTableAndSyntaxErrors: try await IntegrityCases.missingTableAndSyntax(harness)
        case .multipleStatementsRejected: try await IntegrityCases.multipleStatements(harness)
        case .transactionCommits: try await TransactionCases.commits(harness)
        case .transactionRollsBackOnThrow: try await TransactionCases.rollsBack(harness)
        case .nestedSavepointRollbackKeepsOuterWork: try await TransactionCases.savepoints(harness)
        case .onCommitRunsOnlyAfterCommit: try await TransactionCases.onCommit(harness)
        case .integrityErrorInsideTransactionRollsBack: try await TransactionCases.integrityErrorRollsBack(harness)
        case .cancelledTransactionRollsBack: try await TransactionCases.cancelledRollsBack(harness)
        case .databaseCallsJoinTheTransaction: try await TransactionCases.ambientJoin(harness)
        case .transactionMisuseIsReported: try await TransactionCases.misuse(harness)
        case .concurrentStatementsInOneTransaction: try await TransactionCases.concurrentChildren(harness)
        case .injectionPayloadsAreInert: try await InjectionCases.payloads(harness)
        case .hostileIdentifiersAreQuoted: try await InjectionCases.identifiers(harness)
        case .poolUnderConcurrency: try await PoolCases.concurrency(harness)
        case .acquireTimeout: try await PoolCases.acquireTimeout(harness)
        case .connectionLossRecovers: try await PoolCases.connectionLoss(harness)
        case .streamsManyRowsInBoundedMemory: try await StreamingCases.manyRows(harness)
        case .streamStoppedEarlyLeavesConnectionUsable: try await StreamingCases.earlyStop(harness)
        case .rowsReadInOrder: try await ReadingCases.rowsInOrder(harness)
        case .readerErrorsStopTheRows: try await ReadingCases.readerErrors(harness)
        case .dialectOperations: try await DialectCases.operations(harness)
        }
    }
}
