/// A statement rendered for one dialect: SQL text with placeholders, and the values to bind
/// to them in order. Drivers receive this; only ``SQL/render(for:)`` creates it, so its text
/// always comes from a ``SQL`` value.
///
/// ```swift
/// let rendered = SQL("SELECT \(1) + \(2)").render(for: db.dialect)
/// rendered.text       // "SELECT $1 + $2" on PostgreSQL, "SELECT ? + ?" on SQLite
/// rendered.bindings   // [.int(1), .int(2)]
/// ```
public struct RenderedSQL: Sendable, Hashable, CustomStringConvertible {
    /// The SQL text with dialect placeholders.
    public let text: String
    /// The values for the placeholders, in order.
    public let bindings: [DatabaseValue]

    package init(text: String, bindings: [DatabaseValue]) {
        self.text = text
        self.bindings = bindings
    }

    /// The SQL text only (never the bound values), so it is safe to log.
    public var description: String { text }
}

/// How bound parameters are written in SQL text.
public enum PlaceholderStyle: Sendable, Hashable {
    /// `?` for every parameter (SQLite).
    case questionMark
    /// `$1`, `$2`, … (PostgreSQL).
    case dollarNumbered
}

extension PlaceholderStyle {
    /// Appends the placeholder of the `number`th bound value (counting from 1) to `text`.
    func appendPlaceholder(_ number: Int, to text: inout String) {
        switch self {
        case .questionMark:
            text += "?"
        case .dollarNumbered:
            text += "$"
            text += String(number)
        }
    }
}

/// Identifier quoting shared by the dialects.
public enum SQLQuoting {
    /// ANSI quoting: wraps in double quotes and doubles any embedded double quote, so that
    /// `my "table"` becomes `"my ""table"""`.
    ///
    /// ```swift
    /// SQLQuoting.doubleQuoted("user")   // "\"user\""
    /// ```
    @Sendable public static func doubleQuoted(_ name: String) -> String {
        if !name.utf8.contains(UInt8(ascii: "\"")) { return "\"" + name + "\"" }
        var result = "\""
        result.reserveCapacity(name.utf8.count + 2)
        for character in name.unicodeScalars {
            if character == "\"" { result.append("\"") }
            result.unicodeScalars.append(character)
        }
        result.append("\"")
        return result
    }
}

extension SQL {
    /// Renders the statement for `dialect`: placeholders in its style, identifiers quoted
    /// its way, bindings in order.
    ///
    /// ```swift
    /// let rendered = SQL("SELECT \(identifier: "a") FROM t WHERE b = \(1)").render(for: dialect)
    /// ```
    public func render(for dialect: any SQLDialect) -> RenderedSQL {
        if let prerendered {
            precondition(prerendered.dialect == dialect.name,
                         "a statement rendered for \(prerendered.dialect) cannot run on \(dialect.name)")
            return prerendered.statement
        }
        return render(placeholderStyle: dialect.placeholderStyle, quote: dialect.quoteIdentifier)
    }

    func render(placeholderStyle: PlaceholderStyle, quote: (String) -> String) -> RenderedSQL {
        if let prerendered { return prerendered.statement }
        var text = ""
        text.reserveCapacity(fragments.count * 12)
        var bindings: [DatabaseValue] = []
        bindings.reserveCapacity(fragments.count / 2)
        for fragment in fragments {
            switch fragment {
            case .text(let piece):
                text += piece
            case .binding(let value):
                bindings.append(value)
                placeholderStyle.appendPlaceholder(bindings.count, to: &text)
            case .identifier(let names):
                for (index, name) in names.enumerated() {
                    if index > 0 { text += "." }
                    text += quote(name)
                }
            }
        }
        return RenderedSQL(text: text, bindings: bindings)
    }
}
