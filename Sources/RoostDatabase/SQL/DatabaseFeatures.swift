/// Capability flags of a database backend, like Django's `DatabaseFeatures`: the ORM reads
/// them to choose between SQL forms.
///
/// ```swift
/// if db.dialect.features.supportsReturning {
///     // INSERT … RETURNING id
/// } else {
///     // INSERT, then ExecuteResult.lastInsertID
/// }
/// ```
public struct DatabaseFeatures: Sendable, Hashable {
    /// `INSERT/UPDATE/DELETE … RETURNING` is available.
    public var supportsReturning: Bool
    /// DDL (`CREATE TABLE`, `ALTER TABLE`) can be rolled back inside a transaction.
    public var supportsTransactionalDDL: Bool
    /// `ILIKE` exists (PostgreSQL); elsewhere `LIKE` is already ASCII-case-insensitive.
    public var supportsILike: Bool
    /// `SAVEPOINT` / `ROLLBACK TO SAVEPOINT` / `RELEASE SAVEPOINT` work.
    public var supportsSavepoints: Bool
    /// A native boolean type exists (otherwise `0`/`1`).
    public var hasNativeBoolean: Bool
    /// A native UUID type exists (otherwise text).
    public var hasNativeUUID: Bool
    /// A native JSON type exists (otherwise text).
    public var hasNativeJSON: Bool
    /// A native exact decimal type exists (otherwise text).
    public var hasNativeDecimal: Bool
    /// Timestamps carry a time zone (otherwise they are stored as UTC text).
    public var supportsTimeZones: Bool
    /// `SELECT … FOR UPDATE` locks rows.
    public var supportsSelectForUpdate: Bool
    /// `SELECT DISTINCT ON (…)` is available.
    public var supportsDistinctOn: Bool
    /// `ORDER BY … NULLS FIRST/LAST` is available.
    public var supportsNullsOrdering: Bool
    /// `INSERT … ON CONFLICT … DO UPDATE/NOTHING` is available.
    public var supportsUpsert: Bool
    /// Indexes with a `WHERE` clause are available.
    public var supportsPartialIndexes: Bool
    /// `ALTER TABLE … ALTER COLUMN … TYPE` is available (SQLite must rebuild the table).
    public var supportsAlterColumnType: Bool
    /// ``ExecuteResult/lastInsertID`` is filled after an `INSERT` (otherwise use `RETURNING`).
    public var hasLastInsertID: Bool
    /// The most parameters one statement may bind; bulk inserts split their batches by it.
    public var maximumBindParameters: Int
    /// The longest identifier the database keeps (PostgreSQL truncates to 63 bytes), or `nil`.
    public var maximumIdentifierLength: Int?
    /// Bound values in the branches of a `CASE` must be cast to the column's type (PostgreSQL
    /// types each branch, and a `text` parameter does not match a `jsonb` column). Used by
    /// bulk updates, which set each row's value through `CASE pk WHEN … THEN … END`.
    public var requiresCastedCaseInUpdates: Bool

    /// Creates a set of flags; every flag defaults to the conservative answer.
    ///
    /// ```swift
    /// let features = DatabaseFeatures(supportsReturning: true, maximumBindParameters: 999)
    /// ```
    public init(
        supportsReturning: Bool = false,
        supportsTransactionalDDL: Bool = false,
        supportsILike: Bool = false,
        supportsSavepoints: Bool = true,
        hasNativeBoolean: Bool = false,
        hasNativeUUID: Bool = false,
        hasNativeJSON: Bool = false,
        hasNativeDecimal: Bool = false,
        supportsTimeZones: Bool = false,
        supportsSelectForUpdate: Bool = false,
        supportsDistinctOn: Bool = false,
        supportsNullsOrdering: Bool = false,
        supportsUpsert: Bool = false,
        supportsPartialIndexes: Bool = false,
        supportsAlterColumnType: Bool = false,
        hasLastInsertID: Bool = false,
        maximumBindParameters: Int = 999,
        maximumIdentifierLength: Int? = nil,
        requiresCastedCaseInUpdates: Bool = false
    ) {
        self.supportsReturning = supportsReturning
        self.supportsTransactionalDDL = supportsTransactionalDDL
        self.supportsILike = supportsILike
        self.supportsSavepoints = supportsSavepoints
        self.hasNativeBoolean = hasNativeBoolean
        self.hasNativeUUID = hasNativeUUID
        self.hasNativeJSON = hasNativeJSON
        self.hasNativeDecimal = hasNativeDecimal
        self.supportsTimeZones = supportsTimeZones
        self.supportsSelectForUpdate = supportsSelectForUpdate
        self.supportsDistinctOn = supportsDistinctOn
        self.supportsNullsOrdering = supportsNullsOrdering
        self.supportsUpsert = supportsUpsert
        self.supportsPartialIndexes = supportsPartialIndexes
        self.supportsAlterColumnType = supportsAlterColumnType
        self.hasLastInsertID = hasLastInsertID
        self.maximumBindParameters = maximumBindParameters
        self.maximumIdentifierLength = maximumIdentifierLength
        self.requiresCastedCaseInUpdates = requiresCastedCaseInUpdates
    }
}
