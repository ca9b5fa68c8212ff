import RoostORM

/// Reads and rewrites the columns a check constraint's condition mentions, so that renaming
/// a column keeps the constraint's state in step with the database (which renames it too).
enum PredicateColumns {
    /// The columns of the table itself that `predicate` reads.
    static func columns(in predicate: Predicate) -> Set<String> {
        var found: Set<String> = []
        visit(predicate) { column in found.insert(column) }
        return found
    }

    /// `predicate` with the table's column `old` called `new`.
    static func rename(_ predicate: Predicate, from old: String, to new: String) -> Predicate {
        map(predicate) { $0 == old ? new : $0 }
    }

    private static func visit(_ predicate: Predicate, _ body: (String) -> Void) {
        _ = map(predicate) { column in
            body(column)
            return column
        }
    }

    static func map(_ predicate: Predicate, _ transform: (String) -> String) -> Predicate {
        switch predicate {
        case .comparison(let lhs, let op, let rhs):
            return .comparison(map(lhs, transform), op, map(rhs, transform))
        case .isNull(let expression):
            return .isNull(map(expression, transform))
        case .isNotNull(let expression):
            return .isNotNull(map(expression, transform))
        case .inList(let expression, let values):
            return .inList(map(expression, transform), values)
        case .text(let expression, let match, let text, let caseInsensitive):
            return .text(map(expression, transform), match, text, caseInsensitive: caseInsensitive)
        case .regex(let expression, let pattern, let caseInsensitive):
            return .regex(map(expression, transform), pattern, caseInsensitive: caseInsensitive)
        case .between(let expression, let low, let high):
            return .between(map(expression, transform), low, high)
        case .inSubquery(let expression, let table, let select, let whereColumn, let value):
            return .inSubquery(map(expression, transform), table: table, select: select, whereColumn: whereColumn, equals: value)
        case .and(let items):
            return .and(items.map { map($0, transform) })
        case .or(let items):
            return .or(items.map { map($0, transform) })
        case .not(let inner):
            return .not(map(inner, transform))
        case .constant(let value):
            return .constant(value)
        }
    }

    static func map(_ expression: SQLExpression, _ transform: (String) -> String) -> SQLExpression {
        switch expression {
        case .column(let path, let column):
            return .column(path, path.steps.isEmpty ? transform(column) : column)
        case .value:
            return expression
        case .arithmetic(let lhs, let op, let rhs):
            return .arithmetic(map(lhs, transform), op, map(rhs, transform))
        case .lower(let inner):
            return .lower(map(inner, transform))
        case .upper(let inner):
            return .upper(map(inner, transform))
        case .length(let inner):
            return .length(map(inner, transform))
        case .coalesce(let items):
            return .coalesce(items.map { map($0, transform) })
        case .datePart(let part, let inner):
            return .datePart(part, map(inner, transform))
        case .aggregate(let function, let inner, let distinct):
            return .aggregate(function, inner.map { map($0, transform) }, distinct: distinct)
        case .countReferencing(let table, let column, let outer):
            return .countReferencing(table: table, column: column, outer: map(outer, transform))
        case .conditional(let predicate, let then, let otherwise):
            return .conditional(map(predicate, transform), then: map(then, transform), otherwise: map(otherwise, transform))
        }
    }
}
