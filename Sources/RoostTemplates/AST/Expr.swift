/// A binary arithmetic or concatenation operator.
enum BinaryOp: String, Sendable {
    case add = "+", sub = "-", mul = "*", div = "/", floordiv = "//", mod = "%", pow = "**"
}

/// A comparison operator in a (possibly chained) comparison.
enum CompareOp: String, Sendable {
    case eq = "==", ne = "!=", lt = "<", lteq = "<=", gt = ">", gteq = ">=", `in` = "in", notIn = "not in"
}

/// Call arguments as written: positional, keyword, `*args` and `**kwargs`.
struct CallArgs: Sendable {
    var positional: [Expr] = []
    var keywords: [(String, Expr)] = []
    var star: Expr?
    var starStar: Expr?
}

/// An expression node with its source position.
final class Expr: Sendable {
    let kind: Kind
    let line: Int
    let column: Int

    init(_ kind: Kind, line: Int, column: Int) {
        self.kind = kind
        self.line = line
        self.column = column
    }

    indirect enum Kind: Sendable {
        case constant(TemplateValue)
        case name(String)
        case list([Expr])
        case tuple([Expr])
        case dict([(Expr, Expr)])
        case getattr(Expr, String)
        case getitem(Expr, Expr)
        case slice(Expr?, Expr?, Expr?)
        case call(Expr, CallArgs)
        case filter(Expr?, name: String, CallArgs)
        case test(Expr, name: String, CallArgs, negated: Bool)
        case not(Expr)
        case neg(Expr)
        case pos(Expr)
        case binary(BinaryOp, Expr, Expr)
        case concat([Expr])
        case and(Expr, Expr)
        case or(Expr, Expr)
        case compare(Expr, [(CompareOp, Expr)])
        case condition(test: Expr, then: Expr, otherwise: Expr?)
    }

    /// The constant value, if this node is a literal.
    var constantValue: TemplateValue? {
        if case .constant(let v) = kind { return v }
        return nil
    }
}
