/// Operators and punctuation inside tags.
enum Operator: String, Sendable {
    case add = "+", sub = "-", mul = "*", div = "/", floordiv = "//", mod = "%", pow = "**"
    case tilde = "~", lbracket = "[", rbracket = "]", lparen = "(", rparen = ")"
    case lbrace = "{", rbrace = "}", eq = "==", ne = "!=", gt = ">", gteq = ">=", lt = "<"
    case lteq = "<=", assign = "=", dot = ".", colon = ":", pipe = "|", comma = ",", semicolon = ";"
}

/// What a token is, with its payload.
enum TokenKind: Sendable, Equatable {
    case data(String)
    case variableBegin, variableEnd, blockBegin, blockEnd
    case name(String)
    case string(String)
    case integer(Int)
    case float(Double)
    case op(Operator)
    case eof

    /// How Jinja names the token in messages ("end of print statement", "+", a name's text).
    var describe: String {
        switch self {
        case .data: return "template data / text"
        case .variableBegin: return "begin of print statement"
        case .variableEnd: return "end of print statement"
        case .blockBegin: return "begin of statement block"
        case .blockEnd: return "end of statement block"
        case .name(let n): return n
        case .string: return "string"
        case .integer: return "integer"
        case .float: return "float"
        case .op(let o): return o.rawValue
        case .eof: return "end of template"
        }
    }
}

/// One token with its position in the source (1-based line and column).
struct Token: Sendable {
    var kind: TokenKind
    var line: Int
    var column: Int

    /// The name payload, if this is a name token.
    var name: String? {
        if case .name(let n) = kind { return n }
        return nil
    }

    /// `true` if the token is the name `keyword`.
    func isName(_ keyword: String) -> Bool {
        if case .name(let n) = kind { return n == keyword }
        return false
    }

    /// `true` if the token is the operator `op`.
    func isOp(_ op: Operator) -> Bool {
        if case .op(let o) = kind { return o == op }
        return false
    }
}
