/// An error reported by a database or by Roost's database layer: an integrity violation, a
/// missing table, a lost connection, a pool time-out, …
///
/// It carries the SQL text (with placeholders) but never the bound values, and the driver's
/// message without the parts that echo stored data (PostgreSQL's `DETAIL`), so it can be
/// logged safely — GRDB's rule.
///
/// ```swift
/// do {
///     try await db.execute("INSERT INTO users (email) VALUES (\(email))")
/// } catch let error as DatabaseError where error.code == .uniqueViolation {
///     print(error.constraint, error.columns)   // "users_email_key", ["email"]
/// }
///
/// // or, with a pattern:
/// do { … } catch DatabaseError.Code.uniqueViolation { … }
/// ```
public struct DatabaseError: Error, Sendable {
    /// The kind of error.
    public let code: Code
    /// The driver's message (or Roost's), without bound values.
    public let message: String
    /// The SQL text that failed, with placeholders, when a statement was involved.
    public let sql: String?
    /// The violated constraint's name, when the driver reports it (PostgreSQL always does;
    /// SQLite only for named `CHECK` constraints).
    public let constraint: String?
    /// The table involved, when the driver reports it.
    public let table: String?
    /// The columns involved, when the driver reports them (e.g. both columns of a composite
    /// unique constraint).
    public let columns: [String]
    /// The driver's own code: a PostgreSQL SQLSTATE (`"23505"`) or an SQLite result code name
    /// (`"SQLITE_CONSTRAINT_UNIQUE"`).
    public let driverCode: String?
    /// The underlying error for connection-level failures (a socket or TLS error), if any.
    /// Server errors are not kept here because their descriptions may include bound values.
    public let underlying: (any Error & Sendable)?

    /// Creates an error; drivers map their native errors with it.
    ///
    /// ```swift
    /// throw DatabaseError(.connectionLost, "server closed the connection", sql: rendered.text)
    /// ```
    public init(
        _ code: Code,
        _ message: String,
        sql: String? = nil,
        constraint: String? = nil,
        table: String? = nil,
        columns: [String] = [],
        driverCode: String? = nil,
        underlying: (any Error & Sendable)? = nil
    ) {
        self.code = code
        self.message = message
        self.sql = sql
        self.constraint = constraint
        self.table = table
        self.columns = columns
        self.driverCode = driverCode
        self.underlying = underlying
    }

    /// The first of ``columns``, for single-column constraints.
    public var column: String? { columns.first }

    /// A copy with `sql` set, used when an error is raised below the statement level.
    public func with(sql: String) -> DatabaseError {
        DatabaseError(
            code, message, sql: sql, constraint: constraint, table: table, columns: columns,
            driverCode: driverCode, underlying: underlying)
    }

    /// `true` for errors after which the connection cannot be used again.
    public var isConnectionError: Bool {
        code == .connectionLost || code == .connectionFailed
    }
}

extension DatabaseError: CustomStringConvertible {
    /// `uniqueViolation: <message> (constraint: …, table: …, columns: …, code: …) in: <SQL>`.
    public var description: String {
        var text = "\(code): \(message)"
        var details: [String] = []
        if let constraint { details.append("constraint: \(constraint)") }
        if let table { details.append("table: \(table)") }
        if !columns.isEmpty { details.append("columns: \(columns.joined(separator: ", "))") }
        if let driverCode { details.append("code: \(driverCode)") }
        if !details.isEmpty { text += " (\(details.joined(separator: "; ")))" }
        if let sql { text += " in: \(sql)" }
        return text
    }
}
