/// A SQL statement or fragment whose values are always bound parameters and whose
/// identifiers are always quoted. It is built with string interpolation:
///
/// ```swift
/// let id: Int64 = 42
/// let pattern = "%swift%"
/// let query: SQL = "SELECT * FROM \(identifier: "posts") WHERE id = \(id) AND title LIKE \(pattern)"
/// // SQLite:     SELECT * FROM "posts" WHERE id = ? AND title LIKE ?     [42, '%swift%']
/// // PostgreSQL: SELECT * FROM "posts" WHERE id = $1 AND title LIKE $2   [42, '%swift%']
/// ```
///
/// - Every interpolated ``DatabaseValueConvertible`` (`\(id)`, `\(title)`, `\(optional)`) is
///   sent to the database separately from the SQL text, so it can never change the statement.
/// - `\(identifier: name)` quotes a table or column name (`"weird ""name"""`);
///   `\(identifier: "posts", "id")` gives `"posts"."id"`.
/// - `\(list: ids)` gives a parenthesised list of bound values, `(?, ?, ?)`; an empty
///   collection gives `(NULL)`, which matches nothing.
/// - `\(fragment)` embeds another `SQL` with its bindings.
/// - `\(raw: "...")` pastes text verbatim. It only accepts a `StaticString` — text written in
///   your source code — so no runtime string, and so no user input, can reach the SQL text.
///   There is deliberately no API that interpolates a `String` into SQL text.
///
/// Fragments compose:
///
/// ```swift
/// var where: [SQL] = ["published = \(true)"]
/// if let author { where.append("author_id = \(author)") }
/// let query: SQL = "SELECT id FROM posts WHERE \(where.joined(separator: " AND "))"
/// ```
///
/// A statement is rendered for one dialect by ``render(for:)``; ``Database`` does it for you.
public struct SQL: Sendable, Hashable {
    /// One piece of a statement.
    package enum Fragment: Sendable, Hashable {
        /// Trusted SQL text (from a `StaticString` or from Roost itself).
        case text(String)
        /// A value, rendered as a placeholder and bound.
        case binding(DatabaseValue)
        /// A (possibly qualified) identifier, quoted by the dialect.
        case identifier([String])
    }

    /// The pieces, in order. Adjacent text is merged. Empty for a prerendered statement.
    package private(set) var fragments: [Fragment]

    /// The statement already rendered for one dialect (named by ``SQLDialect/name``), when it
    /// was written by ``SQLTextWriter`` or taken from a statement cache: rendering it again
    /// only hands the text and values over.
    package private(set) var prerendered: Prerendered?

    /// A statement's text and values as one dialect renders them.
    package struct Prerendered: Sendable, Hashable {
        /// The ``SQLDialect/name`` the text was rendered for.
        let dialect: String
        let statement: RenderedSQL
    }

    /// An empty fragment.
    ///
    /// ```swift
    /// var sql = SQL()
    /// sql.append("SELECT 1")
    /// ```
    public init() {
        fragments = []
        prerendered = nil
    }

    /// Wraps an interpolated literal; reads better at call sites: `SQL("SELECT \(x)")`.
    ///
    /// ```swift
    /// let sql = SQL("SELECT * FROM \(identifier: "users") WHERE name = \(name)")
    /// ```
    public init(_ sql: SQL) {
        self = sql
    }

    package init(fragments: [Fragment]) {
        self.fragments = fragments
        prerendered = nil
    }

    /// A statement whose text is already rendered for `dialect`, with its values in
    /// placeholder order. It can only be run on a connection of that dialect and cannot be
    /// extended: the ORM makes these for the statements it runs at once.
    package static func prerendered(_ text: String, bindings: [DatabaseValue], dialect: any SQLDialect) -> SQL {
        var sql = SQL()
        sql.prerendered = Prerendered(dialect: dialect.name, statement: RenderedSQL(text: text, bindings: bindings))
        return sql
    }

    /// SQL text that Roost itself produced (savepoint names, PRAGMAs). Not public: user code
    /// must go through interpolation so that values are bound.
    package static func trusted(_ text: String) -> SQL {
        SQL(fragments: [.text(text)])
    }

    /// A quoted identifier; several names give a qualified one.
    ///
    /// ```swift
    /// SQL.identifier("posts", "id")   // "posts"."id"
    /// ```
    public static func identifier(_ name: String, _ more: String...) -> SQL {
        SQL(fragments: [.identifier([name] + more)])
    }

    /// A single bound value.
    ///
    /// ```swift
    /// let fragment = SQL.value(42)   // ?   with binding 42
    /// ```
    public static func value(_ value: some DatabaseValueConvertible) -> SQL {
        SQL(fragments: [.binding(value.databaseValue)])
    }

    /// `true` when the fragment has no text, values or identifiers.
    public var isEmpty: Bool { fragments.isEmpty && prerendered == nil }

    /// The values that will be bound, in order.
    ///
    /// ```swift
    /// SQL("a = \(1) AND b = \("x")").bindings   // [.int(1), .string("x")]
    /// ```
    public var bindings: [DatabaseValue] {
        if let prerendered { return prerendered.statement.bindings }
        return fragments.compactMap { if case .binding(let value) = $0 { value } else { nil } }
    }

    /// Appends another fragment (its text, identifiers and bindings).
    ///
    /// ```swift
    /// var sql: SQL = "SELECT * FROM t"
    /// sql.append(" WHERE id = \(id)")
    /// ```
    public mutating func append(_ other: SQL) {
        precondition(other.prerendered == nil, "a prerendered statement cannot be embedded")
        for fragment in other.fragments { append(fragment) }
    }

    package mutating func append(_ fragment: Fragment) {
        precondition(prerendered == nil, "a prerendered statement cannot be extended")
        if case .text(let new) = fragment, case .text(let old)? = fragments.last {
            fragments[fragments.count - 1] = .text(old + new)
        } else {
            fragments.append(fragment)
        }
    }

    /// Concatenates two fragments.
    ///
    /// ```swift
    /// let sql = SQL("SELECT 1") + SQL(" UNION SELECT 2")
    /// ```
    public static func + (lhs: SQL, rhs: SQL) -> SQL {
        var result = lhs
        result.append(rhs)
        return result
    }

    /// Appends `rhs` to `lhs`.
    public static func += (lhs: inout SQL, rhs: SQL) {
        lhs.append(rhs)
    }
}

extension SQL: ExpressibleByStringInterpolation {
    /// Literal text only comes from source code.
    public typealias StringLiteralType = StaticString

    /// Creates a fragment from literal text written in source code.
    ///
    /// ```swift
    /// let sql: SQL = "SELECT 1"
    /// ```
    public init(stringLiteral value: StaticString) {
        fragments = []
        append(.text(value.description))
    }

    /// Creates a fragment from an interpolated literal; see ``SQLInterpolation``.
    public init(stringInterpolation: SQLInterpolation) {
        self = stringInterpolation.sql
    }
}

extension SQL: CustomStringConvertible {
    /// The statement with `?` placeholders and ANSI-quoted identifiers, without values:
    /// safe to log.
    public var description: String {
        render(placeholderStyle: .questionMark, quote: SQLQuoting.doubleQuoted).text
    }
}

extension Sequence where Element == SQL {
    /// Joins fragments with a separator, e.g. `conditions.joined(separator: " AND ")`.
    ///
    /// ```swift
    /// let columns: [SQL] = ["\(identifier: "a")", "\(identifier: "b")"]
    /// let list = columns.joined(separator: ", ")   // "a", "b"
    /// ```
    public func joined(separator: SQL = SQL()) -> SQL {
        var result = SQL()
        var first = true
        for fragment in self {
            if !first { result.append(separator) }
            result.append(fragment)
            first = false
        }
        return result
    }
}
