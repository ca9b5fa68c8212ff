import RoostDatabase
import SQLiteNIO

/// Maps sqlite-nio errors (which carry SQLite's extended result codes) to ``DatabaseError``.
///
/// SQLite's constraint messages name tables and columns but never values
/// (`UNIQUE constraint failed: users.email`), so the message is kept as is. Only named
/// `CHECK` constraints are reported by name; unique and not-null violations give
/// `table.column` pairs; foreign-key violations give no detail at all.
enum SQLiteErrors {
    static func map(_ error: any Error, sql: String?) -> DatabaseError {
        if let error = error as? DatabaseError { return sql.map { error.with(sql: $0) } ?? error }
        guard let error = error as? SQLiteError else {
            return DatabaseError(.other, "\(error)", sql: sql, underlying: SendableDescription(error))
        }
        let message = error.message
        switch error.reason {
        case .constraintUniqueFailed, .constraintPrimaryKeyFailed:
            let (table, columns) = tableAndColumns(after: "constraint failed: ", in: message)
            return DatabaseError(.uniqueViolation, message, sql: sql, table: table, columns: columns,
                                 driverCode: error.reason == .constraintUniqueFailed ? "SQLITE_CONSTRAINT_UNIQUE" : "SQLITE_CONSTRAINT_PRIMARYKEY")
        case .constraintNotNullFailed:
            let (table, columns) = tableAndColumns(after: "constraint failed: ", in: message)
            return DatabaseError(.notNullViolation, message, sql: sql, table: table, columns: columns,
                                 driverCode: "SQLITE_CONSTRAINT_NOTNULL")
        case .constraintForeignKeyFailed:
            return DatabaseError(.foreignKeyViolation, message, sql: sql, driverCode: "SQLITE_CONSTRAINT_FOREIGNKEY")
        case .constraintCheckFailed:
            let name = text(after: "CHECK constraint failed: ", in: message)
            return DatabaseError(.checkViolation, message, sql: sql, constraint: name, driverCode: "SQLITE_CONSTRAINT_CHECK")
        case .constraintStrictDataTypeFailed, .mismatch, .tooBig:
            return DatabaseError(.invalidValue, message, sql: sql, driverCode: "SQLITE_\(error.reason)")
        case .busy, .busyTimeout, .busyInRecovery, .busyInSnapshot, .locked, .lockedBySharedCache, .lockedVirtualTable:
            return DatabaseError(.lockTimeout, message + " (raise busy_timeout or shorten write transactions)",
                                 sql: sql, driverCode: "SQLITE_BUSY")
        case .interrupt:
            return DatabaseError(.queryCancelled, message, sql: sql, driverCode: "SQLITE_INTERRUPT")
        case .range, .misuse:
            return DatabaseError(.misuse, message, sql: sql, driverCode: "SQLITE_\(error.reason)")
        case .error:
            return mapGenericError(message, sql: sql)
        default:
            return DatabaseError(.other, message, sql: sql, driverCode: "SQLITE_\(error.reason)")
        }
    }

    /// `SQLITE_ERROR` covers missing tables and columns and syntax errors; the message tells.
    private static func mapGenericError(_ message: String, sql: String?) -> DatabaseError {
        if let table = text(after: "no such table: ", in: message) {
            return DatabaseError(.tableNotFound, message, sql: sql, table: table, driverCode: "SQLITE_ERROR")
        }
        if let column = text(after: "no such column: ", in: message) {
            return DatabaseError(.columnNotFound, message, sql: sql, columns: [column], driverCode: "SQLITE_ERROR")
        }
        if message.contains("syntax error") || message.contains("incomplete input") || message.contains("unrecognized token") {
            return DatabaseError(.syntaxError, message, sql: sql, driverCode: "SQLITE_ERROR")
        }
        return DatabaseError(.other, message, sql: sql, driverCode: "SQLITE_ERROR")
    }

    /// Splits `"users.email, users.name"` into `("users", ["email", "name"])`.
    private static func tableAndColumns(after marker: String, in message: String) -> (String?, [String]) {
        guard let list = text(after: marker, in: message) else { return (nil, []) }
        var table: String?
        var columns: [String] = []
        for item in list.split(separator: ",") {
            let name = trimmed(item)
            let parts = name.split(separator: ".", maxSplits: 1)
            if parts.count == 2 {
                table = table ?? String(parts[0])
                columns.append(String(parts[1]))
            } else {
                columns.append(String(name))
            }
        }
        return (table, columns)
    }

    private static func trimmed(_ text: Substring) -> Substring {
        var text = text
        while text.first == " " { text.removeFirst() }
        while text.last == " " { text.removeLast() }
        return text
    }

    private static func text(after marker: String, in message: String) -> String? {
        guard let range = message.firstRange(of: marker) else { return nil }
        let rest = message[range.upperBound...]
        return rest.isEmpty ? nil : String(rest)
    }
}

/// Keeps only the description of a non-`Sendable` underlying error.
struct SendableDescription: Error, Sendable, CustomStringConvertible {
    let description: String

    init(_ error: any Error) {
        description = String(describing: error)
    }
}
