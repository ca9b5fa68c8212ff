import PostgresNIO
import RoostDatabase

/// Maps postgres-nio errors to ``DatabaseError`` by SQLSTATE.
///
/// Only the server's primary message (and hint) is kept: the `DETAIL` field echoes row
/// values (`Key (email)=(ann@example.com) already exists.`), so it is read for column names
/// and then dropped.
enum PostgresErrors {
    static func map(_ error: any Error, sql: String?) -> DatabaseError {
        if let error = error as? DatabaseError { return sql.map { error.with(sql: $0) } ?? error }
        guard let error = error as? PSQLError else {
            return DatabaseError(.other, String(describing: error), sql: sql, underlying: Described(error))
        }
        if error.code == .server, let info = error.serverInfo {
            return server(info, sql: sql)
        }
        let message = clientMessage(error)
        switch error.code {
        case .queryCancelled:
            return DatabaseError(.queryCancelled, message, sql: sql)
        case .tooManyParameters:
            return DatabaseError(.tooManyParameters, "a statement may bind at most 65,535 values", sql: sql)
        case .sslUnsupported:
            return DatabaseError(.connectionFailed, "the server does not support TLS, which sslmode=require/verify-full "
                + "demands; enable ssl on the server or use sslmode=prefer or disable", sql: sql, driverCode: "sslUnsupported")
        case .failedToAddSSLHandler, .receivedUnencryptedDataAfterSSLRequest,
             .unsupportedAuthMechanism, .authMechanismRequiresPassword, .saslError:
            return DatabaseError(.connectionFailed, message, sql: sql, underlying: Described(error))
        case .connectionError, .serverClosedConnection, .clientClosedConnection, .uncleanShutdown:
            return DatabaseError(.connectionLost, message, sql: sql, underlying: Described(error))
        default:
            return DatabaseError(.other, message, sql: sql, underlying: Described(error))
        }
    }

    /// A server `ErrorResponse`.
    private static func server(_ info: PSQLError.ServerInfo, sql: String?) -> DatabaseError {
        let state = info[.sqlState] ?? ""
        var message = info[.message] ?? "PostgreSQL error \(state)"
        if let hint = info[.hint] { message += " (hint: \(hint))" }
        let constraint = info[.constraintName]
        let table = info[.tableName]
        let detailColumns = keyColumns(info[.detail])
        let column = info[.columnName].map { [$0] } ?? []
        func error(_ code: DatabaseError.Code, columns: [String] = [], table: String? = table) -> DatabaseError {
            DatabaseError(code, message, sql: sql, constraint: constraint, table: table, columns: columns, driverCode: state)
        }
        switch state {
        case "23505": return error(.uniqueViolation, columns: detailColumns)
        case "23503": return error(.foreignKeyViolation, columns: detailColumns)
        case "23502": return error(.notNullViolation, columns: column)
        case "23514": return error(.checkViolation, columns: column)
        case "42P01": return error(.tableNotFound, table: table ?? quoted(in: message))
        case "42703": return error(.columnNotFound, columns: quoted(in: message).map { [$0] } ?? [])
        case "42601": return error(.syntaxError)
        case "57014": return error(.queryCancelled)
        case "40001", "40P01": return error(.serializationFailure)
        case "55P03": return error(.lockTimeout)
        case "54000" where message.contains("bind"): return error(.tooManyParameters)
        case "57P01", "57P02", "57P03": return error(.connectionLost)
        case "28000", "28P01", "3D000", "53300": return error(.connectionFailed)
        default:
            if state.hasPrefix("08") { return error(.connectionLost) }
            if state.hasPrefix("22") { return error(.invalidValue, columns: column) }
            return error(.other, columns: column)
        }
    }

    /// The column list of `Key (a, b)=(…) …` in a `DETAIL` message.
    private static func keyColumns(_ detail: String?) -> [String] {
        guard let detail, let start = detail.firstRange(of: "Key (")?.upperBound,
              let end = detail[start...].firstRange(of: ")=")?.lowerBound else { return [] }
        return detail[start..<end].split(separator: ",").map { part in
            var name = part.drop { $0 == " " }
            if name.first == "\"", name.last == "\"", name.count >= 2 { name = name.dropFirst().dropLast() }
            return String(name)
        }
    }

    /// The first `"quoted"` name in a message such as `relation "posts" does not exist`.
    private static func quoted(in message: String) -> String? {
        guard let open = message.firstIndex(of: "\"") else { return nil }
        let rest = message[message.index(after: open)...]
        guard let close = rest.firstIndex(of: "\"") else { return nil }
        return String(rest[..<close])
    }

    /// A message for client-side errors (no server info): the code, and the underlying
    /// socket or TLS error, which never holds bound values.
    private static func clientMessage(_ error: PSQLError) -> String {
        var message = "PostgreSQL connection error: \(error.code)"
        if let underlying = error.underlying { message += " (\(underlying))" }
        return message
    }
}

/// Keeps only the description of a non-`Sendable` underlying error.
struct Described: Error, Sendable, CustomStringConvertible {
    let description: String

    init(_ error: any Error) {
        if let error = error as? PSQLError {
            description = "PSQLError(\(error.code))"
        } else {
            description = String(describing: error)
        }
    }
}
