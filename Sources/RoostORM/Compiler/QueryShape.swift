import RoostDatabase

/// Queries with their values taken out. Queries of one shape — the same filters, ordering,
/// slice and joins, whatever values they compare with — compile to the same SQL text, so the
/// text is compiled once per shape (see ``SelectStatementCache``) and each query only puts its
/// own values into the bindings. ``ShapeWalk`` collects a query's values; this proves the
/// compiler binds them in that order.
enum QueryShape {
    /// `query` with each value replaced by its position among the values (`.int(0)`, `.int(1)`,
    /// …): compiled, its bindings must come out as 0, 1, 2, … — proof that the compiler binds
    /// the values of this shape in the order ``ShapeWalk`` collects them, whatever they are.
    static func marked(_ query: Query) -> Query? {
        var values = ShapeValues()
        guard let (predicate, ordering) = strip(query, into: &values) else { return nil }
        var marked = query
        marked.filters = predicate.map { [$0] } ?? []
        marked.ordering = ordering
        return marked
    }

    private static func strip(_ query: Query, into values: inout ShapeValues) -> (Predicate?, [OrderTerm])? {
        var predicate: Predicate?
        if let original = query.predicate {
            guard let stripped = strip(original, into: &values) else { return nil }
            predicate = stripped
        }
        var ordering: [OrderTerm] = []
        ordering.reserveCapacity(query.ordering.count)
        for term in query.ordering {
            guard let expression = term.expression else {
                ordering.append(term)
                continue
            }
            guard let stripped = strip(expression, into: &values) else { return nil }
            ordering.append(OrderTerm(expression: stripped, descending: term.descending, nulls: term.nulls))
        }
        return (predicate, ordering)
    }

    /// `predicate` with every value replaced (see ``ShapeValues``), its values numbered in the
    /// order ``ExpressionCompiler/compile(_:)-(Predicate)`` binds them.
    private static func strip(_ predicate: Predicate, into values: inout ShapeValues) -> Predicate? {
        switch predicate {
        case .comparison(let lhs, let op, let rhs):
            guard let left = strip(lhs, into: &values), let right = strip(rhs, into: &values) else { return nil }
            return .comparison(left, op, right)
        case .isNull(let expression):
            return strip(expression, into: &values).map { .isNull($0) }
        case .isNotNull(let expression):
            return strip(expression, into: &values).map { .isNotNull($0) }
        case .inList(let expression, let list):
            // An empty list compiles to `1 = 0`, without the expression.
            guard !list.isEmpty else { return predicate }
            guard let stripped = strip(expression, into: &values) else { return nil }
            return .inList(stripped, list.map { _ in values.mark() })
        case .between(let expression, _, _):
            guard let stripped = strip(expression, into: &values) else { return nil }
            let first = values.mark()
            return .between(stripped, first, values.mark())
        case .inSubquery(let expression, let table, let select, let whereColumn, _):
            guard let stripped = strip(expression, into: &values) else { return nil }
            return .inSubquery(stripped, table: table, select: select, whereColumn: whereColumn, equals: values.mark())
        case .and(let items):
            return strip(items, into: &values).map { .and($0) }
        case .or(let items):
            return strip(items, into: &values).map { .or($0) }
        case .not(let inner):
            return strip(inner, into: &values).map { .not($0) }
        case .constant:
            return predicate
        case .text, .regex:
            return nil
        }
    }

    /// The operands of `and`/`or`, stripped in order; `nil` if one cannot be.
    private static func strip(_ items: [Predicate], into values: inout ShapeValues) -> [Predicate]? {
        var stripped: [Predicate] = []
        stripped.reserveCapacity(items.count)
        for item in items {
            guard let part = strip(item, into: &values) else { return nil }
            stripped.append(part)
        }
        return stripped
    }

    /// `expression` with every value replaced (see ``ShapeValues``), its values numbered in the order
    /// ``ExpressionCompiler/compile(_:)-(SQLExpression)`` binds them; `nil` when it holds a
    /// condition that cannot be stripped.
    private static func strip(_ expression: SQLExpression, into values: inout ShapeValues) -> SQLExpression? {
        switch expression {
        case .column:
            return expression
        case .value:
            return .value(values.mark())
        case .arithmetic(let lhs, let op, let rhs):
            guard let left = strip(lhs, into: &values), let right = strip(rhs, into: &values) else { return nil }
            return .arithmetic(left, op, right)
        case .lower(let inner):
            return strip(inner, into: &values).map { .lower($0) }
        case .upper(let inner):
            return strip(inner, into: &values).map { .upper($0) }
        case .length(let inner):
            return strip(inner, into: &values).map { .length($0) }
        case .coalesce(let items):
            var stripped: [SQLExpression] = []
            for item in items {
                guard let part = strip(item, into: &values) else { return nil }
                stripped.append(part)
            }
            return .coalesce(stripped)
        case .datePart(let part, let inner):
            return strip(inner, into: &values).map { .datePart(part, $0) }
        case .aggregate(let function, let inner, let distinct):
            guard let inner else { return expression }
            return strip(inner, into: &values).map { .aggregate(function, $0, distinct: distinct) }
        case .countReferencing(let table, let column, let outer):
            return strip(outer, into: &values).map { .countReferencing(table: table, column: column, outer: $0) }
        case .conditional(let predicate, let then, let otherwise):
            guard let condition = strip(predicate, into: &values), let first = strip(then, into: &values),
                  let second = strip(otherwise, into: &values)
            else { return nil }
            return .conditional(condition, then: first, otherwise: second)
        }
    }
}

/// Numbers the values of a shape walk in order: each is replaced by its position.
struct ShapeValues {
    private(set) var count = 0

    /// The next value's stand-in: its position.
    mutating func mark() -> DatabaseValue {
        defer { count += 1 }
        return .int(Int64(count))
    }
}
