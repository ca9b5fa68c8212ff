#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import RoostDatabase

/// Values written into DDL (check constraints, column defaults), where statements cannot
/// take bound parameters. Numbers are printed, text is single-quoted with quotes doubled;
/// nothing else is accepted.
package enum SQLLiteral {
    package static func render(_ value: DatabaseValue, dialect: any SQLDialect) throws(QueryError) -> String {
        switch value {
        case .null: return "NULL"
        case .bool(let bool): return dialect.features.hasNativeBoolean ? (bool ? "TRUE" : "FALSE") : (bool ? "1" : "0")
        case .int(let int): return String(int)
        case .double(let double):
            guard double.isFinite else { throw QueryError("a non-finite number cannot be written into a schema") }
            return String(double)
        case .string(let text): return quote(text)
        case .decimal(let decimal): return decimal.description
        case .uuid(let uuid):
            return dialect.features.hasNativeUUID ? quote(uuid.uuidString.lowercased()) : quote(uuid.uuidString.lowercased().filter { $0 != "-" })
        case .date(let date): return quote(date.description)
        case .json(let json): return quote(json)
        default:
            throw QueryError("a \(value.kind) value cannot be written into a schema")
        }
    }

    package static func quote(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
    }

    /// Replaces bound values with literals, for DDL.
    package static func inline(_ sql: SQL, dialect: any SQLDialect) throws(QueryError) -> SQL {
        var fragments: [SQL.Fragment] = []
        for fragment in sql.fragments {
            if case .binding(let value) = fragment {
                fragments.append(.text(try render(value, dialect: dialect)))
            } else {
                fragments.append(fragment)
            }
        }
        return SQL(fragments: fragments)
    }
}

extension String {
    fileprivate func replacingOccurrences(of target: String, with replacement: String) -> String {
        var result = ""
        for character in self {
            if String(character) == target { result += replacement } else { result.append(character) }
        }
        return result
    }
}
