/// Writes a statement's text for one dialect as it goes — placeholders numbered, identifiers
/// quoted — and collects its values, for the statements the ORM generates in bulk.
///
/// A ``SQL`` built from fragments keeps one enum per piece and renders them afterwards: for a
/// 10,000-row insert that is 80,000 fragments written, copied and walked again. The writer
/// produces the rendered text and the values directly, as a prerendered ``SQL``. Values are
/// still never part of the text: ``bind(_:)`` writes a placeholder.
///
/// ```swift
/// var writer = SQLTextWriter(dialect: dialect)
/// writer.write("SELECT 1 FROM ")
/// writer.writeIdentifier("posts")
/// writer.write(" WHERE id = ")
/// writer.bind(.int(42))
/// let sql = writer.sql   // SQLite: SELECT 1 FROM "posts" WHERE id = ?   [42]
/// ```
package struct SQLTextWriter {
    private let dialect: any SQLDialect
    private let placeholderStyle: PlaceholderStyle
    private var text = ""
    private var bindings: [DatabaseValue] = []
    /// The last `(?, ?, …)` written: every row of a multi-row `VALUES` has the same.
    private var questionMarkGroup = (count: -1, text: "")

    /// Creates a writer; the capacities are hints that save regrowing.
    package init(dialect: any SQLDialect, textCapacity: Int = 0, bindingCapacity: Int = 0) {
        self.dialect = dialect
        placeholderStyle = dialect.placeholderStyle
        text.reserveCapacity(textCapacity)
        bindings.reserveCapacity(bindingCapacity)
    }

    /// Appends trusted SQL text, written by Roost itself.
    package mutating func write(_ piece: String) {
        text += piece
    }

    /// Appends a quoted identifier.
    package mutating func writeIdentifier(_ name: String) {
        text += dialect.quoteIdentifier(name)
    }

    /// Appends quoted identifiers separated by commas, each after `prefix` (a table alias
    /// with its dot, or nothing): a select list.
    package mutating func writeIdentifiers(_ names: some Sequence<String>, prefix: String = "") {
        var first = true
        for name in names {
            if !first { text += ", " }
            first = false
            text += prefix
            writeIdentifier(name)
        }
    }

    /// Appends a placeholder and records the value it stands for.
    package mutating func bind(_ value: DatabaseValue) {
        bindings.append(value)
        placeholderStyle.appendPlaceholder(bindings.count, to: &text)
    }

    /// Appends a parenthesised list of `count` placeholders, `(?, ?, ?)`, and records the
    /// values `value(0)`, `value(1)`, … they stand for: an `IN` list. No values give
    /// `(NULL)`, as `\(list:)` does, so `x IN` an empty list matches nothing instead of being
    /// a syntax error.
    package mutating func bindList(count: Int, _ value: (Int) -> DatabaseValue) {
        guard count > 0 else {
            text += "(NULL)"
            return
        }
        let first = bindings.count
        bindings.reserveCapacity(first + count)
        for index in 0..<count { bindings.append(value(index)) }
        writePlaceholderGroup(count: count, numberedAfter: first)
    }

    /// Appends the rows of a multi-row `VALUES`, `(?, ?), (?, ?), …`, for `values` laid out
    /// row after row, `width` values a row. Written first, the values become the bindings
    /// as they are, without a copy.
    package mutating func bindRows(_ values: consuming [DatabaseValue], width: Int) {
        precondition(width > 0 && values.count.isMultiple(of: width), "bindRows: values must fill whole rows")
        let rows = values.count / width
        let first = bindings.count
        if bindings.isEmpty { bindings = values } else { bindings.append(contentsOf: values) }
        for row in 0..<rows {
            if row > 0 { text += ", " }
            writePlaceholderGroup(count: width, numberedAfter: first + row * width)
        }
    }

    /// Appends `(?, ?, …)` or `($n, $n+1, …)` for `count` values bound after the first
    /// `numberedAfter` ones.
    private mutating func writePlaceholderGroup(count: Int, numberedAfter first: Int) {
        switch placeholderStyle {
        case .questionMark:
            if questionMarkGroup.count != count {
                questionMarkGroup = (count: count, text: "(" + Array(repeating: "?", count: count).joined(separator: ", ") + ")")
            }
            text += questionMarkGroup.text
        case .dollarNumbered:
            text += "("
            for number in first + 1...first + count {
                if number > first + 1 { text += ", " }
                placeholderStyle.appendPlaceholder(number, to: &text)
            }
            text += ")"
        }
    }

    /// The statement written so far.
    package var sql: SQL {
        .prerendered(text, bindings: bindings, dialect: dialect)
    }
}
