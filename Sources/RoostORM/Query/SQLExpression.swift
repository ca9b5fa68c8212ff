public import RoostDatabase

/// An expression in a query: a column, a bound value, arithmetic, a function, an aggregate.
/// Built from ``Column`` proxies; compiled to SQL per dialect. It never holds SQL text from
/// a user: values are bound, identifiers quoted, operators come from closed enums.
public indirect enum SQLExpression: Sendable, Hashable {
    case column(RelationPath, String)
    case value(DatabaseValue)
    case arithmetic(SQLExpression, ArithmeticOperator, SQLExpression)
    case lower(SQLExpression)
    case upper(SQLExpression)
    case length(SQLExpression)
    case coalesce([SQLExpression])
    case datePart(DatePart, SQLExpression)
    case aggregate(AggregateFunction, SQLExpression?, distinct: Bool)
    /// `(SELECT COUNT(*) FROM table WHERE column = outer)`: the rows of another table that
    /// reference the outer row (reverse relation counts).
    case countReferencing(table: String, column: String, outer: SQLExpression)
    /// `CASE WHEN predicate THEN 1 ELSE 0 END`-style conditional counts use this.
    case conditional(Predicate, then: SQLExpression, otherwise: SQLExpression)

    /// `+ - * /` and string concatenation.
    public enum ArithmeticOperator: String, Sendable, Hashable {
        case add = "+"
        case subtract = "-"
        case multiply = "*"
        case divide = "/"
        case concatenate = "||"
    }

    /// Aggregates for `aggregate` and `annotate`.
    public enum AggregateFunction: String, Sendable, Hashable {
        case count = "COUNT"
        case sum = "SUM"
        case average = "AVG"
        case minimum = "MIN"
        case maximum = "MAX"
    }

    /// Every relation path the expression refers to (for joins).
    var paths: [RelationPath] {
        switch self {
        case .column(let path, _): [path]
        case .value: []
        case .arithmetic(let lhs, _, let rhs): lhs.paths + rhs.paths
        case .lower(let inner), .upper(let inner), .length(let inner), .datePart(_, let inner): inner.paths
        case .coalesce(let items): items.flatMap(\.paths)
        case .aggregate(_, let inner, _): inner?.paths ?? []
        case .conditional(let predicate, let then, let otherwise): predicate.paths + then.paths + otherwise.paths
        case .countReferencing(_, _, let outer): outer.paths
        }
    }
}

/// A condition in `filter`, `exclude`, `check` constraints and conditional aggregates:
/// Django's lookups and Q objects, typed. Combine with `&&`, `||` and `!`.
///
/// ```swift
/// Post.objects.filter { $0.title.icontains("swift") && ($0.views > 100 || $0.featured == true) }
/// ```
public indirect enum Predicate: Sendable, Hashable {
    case comparison(SQLExpression, ComparisonOperator, SQLExpression)
    case isNull(SQLExpression)
    case isNotNull(SQLExpression)
    case inList(SQLExpression, [DatabaseValue])
    case text(SQLExpression, TextMatch, String, caseInsensitive: Bool)
    case regex(SQLExpression, String, caseInsensitive: Bool)
    case between(SQLExpression, DatabaseValue, DatabaseValue)
    /// `expression IN (SELECT select FROM table WHERE whereColumn = equals)`: membership
    /// through a join table.
    case inSubquery(SQLExpression, table: String, select: String, whereColumn: String, equals: DatabaseValue)
    case and([Predicate])
    case or([Predicate])
    case not(Predicate)
    case constant(Bool)

    /// `= <> < <= > >=`.
    public enum ComparisonOperator: String, Sendable, Hashable {
        case equal = "="
        case notEqual = "<>"
        case less = "<"
        case lessOrEqual = "<="
        case greater = ">"
        case greaterOrEqual = ">="
    }

    /// The text lookups.
    public enum TextMatch: Sendable, Hashable {
        case exact, contains, startsWith, endsWith
    }

    /// Every relation path the predicate refers to (for joins).
    var paths: [RelationPath] {
        switch self {
        case .comparison(let lhs, _, let rhs): lhs.paths + rhs.paths
        case .isNull(let expression), .isNotNull(let expression), .inList(let expression, _),
            .text(let expression, _, _, _), .regex(let expression, _, _), .between(let expression, _, _),
            .inSubquery(let expression, _, _, _, _):
            expression.paths
        case .and(let items), .or(let items): items.flatMap(\.paths)
        case .not(let inner): inner.paths
        case .constant: []
        }
    }

    /// Both conditions.
    public static func && (lhs: Predicate, rhs: Predicate) -> Predicate {
        switch (lhs, rhs) {
        case (.and(let left), .and(let right)): .and(left + right)
        case (.and(let left), _): .and(left + [rhs])
        case (_, .and(let right)): .and([lhs] + right)
        default: .and([lhs, rhs])
        }
    }

    /// Either condition.
    public static func || (lhs: Predicate, rhs: Predicate) -> Predicate {
        switch (lhs, rhs) {
        case (.or(let left), .or(let right)): .or(left + right)
        case (.or(let left), _): .or(left + [rhs])
        case (_, .or(let right)): .or([lhs] + right)
        default: .or([lhs, rhs])
        }
    }

    /// The opposite condition.
    public static prefix func ! (predicate: Predicate) -> Predicate {
        if case .not(let inner) = predicate { return inner }
        return .not(predicate)
    }
}
