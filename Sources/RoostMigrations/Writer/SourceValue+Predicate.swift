import RoostORM

/// How check-constraint conditions print in migration files: as the `Predicate` and
/// `SQLExpression` cases they are made of, which compile back to the same value.
extension SourceValue {
    static func of(_ predicate: Predicate) -> SourceValue {
        switch predicate {
        case .comparison(let lhs, let op, let rhs):
            return .call(".comparison", [.init(nil, .of(lhs)), .init(nil, .member(name(of: op))), .init(nil, .of(rhs))])
        case .isNull(let expression):
            return .call(".isNull", [.init(nil, .of(expression))])
        case .isNotNull(let expression):
            return .call(".isNotNull", [.init(nil, .of(expression))])
        case .inList(let expression, let values):
            return .call(".inList", [.init(nil, .of(expression)), .init(nil, .array(values.map { .of($0) }))])
        case .text(let expression, let match, let text, let caseInsensitive):
            return .call(".text", [
                .init(nil, .of(expression)), .init(nil, .member(name(of: match))), .init(nil, .string(text)),
                .init("caseInsensitive", .bool(caseInsensitive)),
            ])
        case .regex(let expression, let pattern, let caseInsensitive):
            return .call(".regex", [
                .init(nil, .of(expression)), .init(nil, .string(pattern)), .init("caseInsensitive", .bool(caseInsensitive)),
            ])
        case .between(let expression, let low, let high):
            return .call(".between", [.init(nil, .of(expression)), .init(nil, .of(low)), .init(nil, .of(high))])
        case .inSubquery(let expression, let table, let select, let whereColumn, let value):
            return .call(".inSubquery", [
                .init(nil, .of(expression)), .init("table", .string(table)), .init("select", .string(select)),
                .init("whereColumn", .string(whereColumn)), .init("equals", .of(value)),
            ])
        case .and(let items):
            return .call(".and", [.init(nil, .array(items.map { .of($0) }))])
        case .or(let items):
            return .call(".or", [.init(nil, .array(items.map { .of($0) }))])
        case .not(let inner):
            return .call(".not", [.init(nil, .of(inner))])
        case .constant(let value):
            return .call(".constant", [.init(nil, .bool(value))])
        }
    }

    static func of(_ expression: SQLExpression) -> SourceValue {
        switch expression {
        case .column(let path, let column):
            let pathValue: SourceValue =
                path.steps.isEmpty
                ? .member("root") : .call("RelationPath", [.init("steps", .array(path.steps.map { .string($0) }))])
            return .call(".column", [.init(nil, pathValue), .init(nil, .string(column))])
        case .value(let value):
            return .call(".value", [.init(nil, .of(value))])
        case .arithmetic(let lhs, let op, let rhs):
            return .call(".arithmetic", [.init(nil, .of(lhs)), .init(nil, .member(name(of: op))), .init(nil, .of(rhs))])
        case .lower(let inner):
            return .call(".lower", [.init(nil, .of(inner))])
        case .upper(let inner):
            return .call(".upper", [.init(nil, .of(inner))])
        case .length(let inner):
            return .call(".length", [.init(nil, .of(inner))])
        case .coalesce(let items):
            return .call(".coalesce", [.init(nil, .array(items.map { .of($0) }))])
        case .datePart(let part, let inner):
            return .call(".datePart", [.init(nil, .member(part.rawValue)), .init(nil, .of(inner))])
        case .aggregate(let function, let inner, let distinct):
            return .call(".aggregate", [
                .init(nil, .member(name(of: function))), .init(nil, inner.map { .of($0) } ?? .nilLiteral),
                .init("distinct", .bool(distinct)),
            ])
        case .countReferencing(let table, let column, let outer):
            return .call(".countReferencing", [
                .init("table", .string(table)), .init("column", .string(column)), .init("outer", .of(outer)),
            ])
        case .conditional(let predicate, let then, let otherwise):
            return .call(".conditional", [
                .init(nil, .of(predicate)), .init("then", .of(then)), .init("otherwise", .of(otherwise)),
            ])
        }
    }

    private static func name(of op: Predicate.ComparisonOperator) -> String {
        switch op {
        case .equal: "equal"
        case .notEqual: "notEqual"
        case .less: "less"
        case .lessOrEqual: "lessOrEqual"
        case .greater: "greater"
        case .greaterOrEqual: "greaterOrEqual"
        }
    }

    private static func name(of match: Predicate.TextMatch) -> String {
        switch match {
        case .exact: "exact"
        case .contains: "contains"
        case .startsWith: "startsWith"
        case .endsWith: "endsWith"
        }
    }

    private static func name(of op: SQLExpression.ArithmeticOperator) -> String {
        switch op {
        case .add: "add"
        case .subtract: "subtract"
        case .multiply: "multiply"
        case .divide: "divide"
        case .concatenate: "concatenate"
        }
    }

    private static func name(of function: SQLExpression.AggregateFunction) -> String {
        switch function {
        case .count: "count"
        case .sum: "sum"
        case .average: "average"
        case .minimum: "minimum"
        case .maximum: "maximum"
        }
    }
}
