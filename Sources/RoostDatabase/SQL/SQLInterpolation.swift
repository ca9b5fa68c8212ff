/// The interpolations available inside a ``SQL`` literal.
///
/// ```swift
/// let sql: SQL = """
///     SELECT \(identifiers: ["id", "title"]) FROM \(identifier: "posts")
///     WHERE author_id IN \(list: authorIDs) AND title <> \(title) \(raw: "ORDER BY id")
///     """
/// ```
public struct SQLInterpolation: StringInterpolationProtocol, Sendable {
    /// Literal segments are source-code text.
    public typealias StringLiteralType = StaticString

    var sql = SQL()

    /// Called by the compiler for each interpolated literal.
    public init(literalCapacity: Int, interpolationCount: Int) {}

    /// Appends a literal segment written in source code.
    public mutating func appendLiteral(_ literal: StaticString) {
        sql.append(.text(literal.description))
    }

    /// Binds a value: `WHERE id = \(id)` renders a placeholder and sends `id` separately.
    /// Optionals bind `NULL` for `nil`.
    public mutating func appendInterpolation(_ value: some DatabaseValueConvertible) {
        sql.append(.binding(value.databaseValue))
    }

    /// Binds an optional value: `NULL` for `nil`. (A separate overload so that interpolating an
    /// optional is not mistaken for a debugging description.)
    public mutating func appendInterpolation<Value: DatabaseValueConvertible>(_ value: Value?) {
        sql.append(.binding(value.databaseValue))
    }

    /// Embeds another fragment with its bindings.
    public mutating func appendInterpolation(_ fragment: SQL) {
        sql.append(fragment)
    }

    /// Quotes an identifier; several names give a qualified one: `"posts"."id"`.
    public mutating func appendInterpolation(identifier name: String, _ more: String...) {
        sql.append(.identifier([name] + more))
    }

    /// Quotes several identifiers separated by commas: `"id", "title"`.
    public mutating func appendInterpolation(identifiers names: [String]) {
        for (index, name) in names.enumerated() {
            if index > 0 { sql.append(.text(", ")) }
            sql.append(.identifier([name]))
        }
    }

    /// Binds each value in a parenthesised list: `(?, ?, ?)`. An empty collection renders
    /// `(NULL)`, so `x IN \(list: [])` matches no row instead of being a syntax error.
    public mutating func appendInterpolation<Values: Collection>(list values: Values)
    where Values.Element: DatabaseValueConvertible {
        guard !values.isEmpty else {
            sql.append(.text("(NULL)"))
            return
        }
        sql.append(.text("("))
        for (index, value) in values.enumerated() {
            if index > 0 { sql.append(.text(", ")) }
            sql.append(.binding(value.databaseValue))
        }
        sql.append(.text(")"))
    }

    /// Pastes text verbatim. **Danger:** this is the only way to put unquoted, unbound text in
    /// a statement, so it only takes a `StaticString` — text written in source code. Never
    /// try to work around that with user input; bind values and quote identifiers instead.
    public mutating func appendInterpolation(raw text: StaticString) {
        sql.append(.text(text.description))
    }
}
