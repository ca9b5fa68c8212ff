import RoostDatabase

/// Turns expression and predicate trees into SQL for one dialect, adding joins to the plan
/// as relation paths appear. Every value becomes a bound parameter; operators and function
/// names come from closed enums, never from strings a caller passed.
struct ExpressionCompiler {
    let dialect: any SQLDialect
    var plan: JoinPlan
    /// Whether a correlated subquery refers to the outer row (its columns must stay
    /// qualified, or they would name the subquery's own table).
    private(set) var hasCorrelatedSubquery = false

    init(dialect: any SQLDialect, plan: JoinPlan) {
        self.dialect = dialect
        self.plan = plan
    }

    mutating func compile(_ expression: SQLExpression) throws(QueryError) -> SQL {
        switch expression {
        case .column(let path, let column):
            let alias = try plan.alias(for: path)
            return "\(identifier: alias, column)"
        case .value(let value):
            return "\(value)"
        case .arithmetic(let lhs, let op, let rhs):
            let left = try compile(lhs)
            let right = try compile(rhs)
            let symbol: SQL =
                switch op {
                case .add: " + "
                case .subtract: " - "
                case .multiply: " * "
                case .divide: " / "
                case .concatenate: " || "
                }
            return "(\(left)\(symbol)\(right))"
        case .lower(let inner):
            return "LOWER(\(try compile(inner)))"
        case .upper(let inner):
            return "UPPER(\(try compile(inner)))"
        case .length(let inner):
            return "LENGTH(\(try compile(inner)))"
        case .coalesce(let items):
            var parts: [SQL] = []
            for item in items { parts.append(try compile(item)) }
            return "COALESCE(\(parts.joined(separator: ", ")))"
        case .datePart(let part, let inner):
            return dialect.extract(part, from: try compile(inner))
        case .aggregate(let function, let inner, let distinct):
            let name: SQL =
                switch function {
                case .count: "COUNT"
                case .sum: "SUM"
                case .average: "AVG"
                case .minimum: "MIN"
                case .maximum: "MAX"
                }
            guard let inner else { return "\(name)(*)" }
            let argument = try compile(inner)
            return distinct ? "\(name)(DISTINCT \(argument))" : "\(name)(\(argument))"
        case .countReferencing(let table, let column, let outer):
            hasCorrelatedSubquery = true
            return "(SELECT COUNT(*) FROM \(identifier: table) AS \(identifier: "r") WHERE \(identifier: "r", column) = \(try compile(outer)))"
        case .conditional(let predicate, let then, let otherwise):
            return "CASE WHEN \(try compile(predicate)) THEN \(try compile(then)) ELSE \(try compile(otherwise)) END"
        }
    }

    mutating func compile(_ predicate: Predicate) throws(QueryError) -> SQL {
        switch predicate {
        case .comparison(let lhs, let op, let rhs):
            let left = try compile(lhs)
            let right = try compile(rhs)
            let symbol: SQL =
                switch op {
                case .equal: " = "
                case .notEqual: " <> "
                case .less: " < "
                case .lessOrEqual: " <= "
                case .greater: " > "
                case .greaterOrEqual: " >= "
                }
            return "\(left)\(symbol)\(right)"
        case .isNull(let expression):
            return "\(try compile(expression)) IS NULL"
        case .isNotNull(let expression):
            return "\(try compile(expression)) IS NOT NULL"
        case .inList(let expression, let values):
            guard !values.isEmpty else { return "1 = 0" }
            return "\(try compile(expression)) IN \(list: values)"
        case .text(let expression, let match, let text, let caseInsensitive):
            return try compileText(expression, match, text, caseInsensitive: caseInsensitive)
        case .regex(let expression, let pattern, let caseInsensitive):
            return dialect.regexMatch(try compile(expression), pattern: "\(pattern)", caseInsensitive: caseInsensitive)
        case .inSubquery(let expression, let table, let select, let whereColumn, let value):
            return "\(try compile(expression)) IN (SELECT \(identifier: select) FROM \(identifier: table) WHERE \(identifier: whereColumn) = \(value))"
        case .between(let expression, let low, let high):
            return "\(try compile(expression)) BETWEEN \(low) AND \(high)"
        case .and(let items):
            guard !items.isEmpty else { return "1 = 1" }
            var parts: [SQL] = []
            for item in items { parts.append(try compileOperand(item)) }
            return parts.joined(separator: " AND ")
        case .or(let items):
            guard !items.isEmpty else { return "1 = 0" }
            var parts: [SQL] = []
            for item in items { parts.append(try compileOperand(item)) }
            return parts.joined(separator: " OR ")
        case .not(let inner):
            return "NOT (\(try compile(inner)))"
        case .constant(let value):
            return value ? "1 = 1" : "1 = 0"
        }
    }

    /// An operand of `AND` or `OR`, in parentheses only where it holds an `AND`, `OR` or
    /// `BETWEEN … AND …` of its own. A single comparison binds tighter than both, and every
    /// token less is less for SQLite to parse on each query.
    private mutating func compileOperand(_ predicate: Predicate) throws(QueryError) -> SQL {
        switch predicate {
        case .and, .or, .between: "(\(try compile(predicate)))"
        default: try compile(predicate)
        }
    }

    /// Text lookups. Case-insensitive ones use `ILIKE` where the database has it and
    /// `LOWER(…) LIKE LOWER(…)` elsewhere; case-sensitive ones use `LIKE` on PostgreSQL and
    /// `GLOB` on SQLite, whose `LIKE` ignores ASCII case.
    private mutating func compileText(
        _ expression: SQLExpression, _ match: Predicate.TextMatch, _ text: String, caseInsensitive: Bool
    ) throws(QueryError) -> SQL {
        let column = try compile(expression)
        if case .exact = match {
            return caseInsensitive ? "LOWER(\(column)) = LOWER(\(text))" : "\(column) = \(text)"
        }
        if !caseInsensitive && !dialect.features.supportsILike {
            let pattern: String =
                switch match {
                case .contains: "*" + Self.globEscape(text) + "*"
                case .startsWith: Self.globEscape(text) + "*"
                case .endsWith: "*" + Self.globEscape(text)
                case .exact: text
                }
            return "\(column) GLOB \(pattern)"
        }
        let pattern: String =
            switch match {
            case .contains: LikePattern.contains(text)
            case .startsWith: LikePattern.startsWith(text)
            case .endsWith: LikePattern.endsWith(text)
            case .exact: text
            }
        if caseInsensitive {
            if dialect.features.supportsILike { return "\(column) ILIKE \(pattern) ESCAPE '\\'" }
            return "LOWER(\(column)) LIKE LOWER(\(pattern)) ESCAPE '\\'"
        }
        return "\(column) LIKE \(pattern) ESCAPE '\\'"
    }

    /// Escapes `*`, `?` and `[` for `GLOB` by enclosing each in brackets.
    static func globEscape(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "*": result += "[*]"
            case "?": result += "[?]"
            case "[": result += "[[]"
            default: result.append(character)
            }
        }
        return result
    }
}
