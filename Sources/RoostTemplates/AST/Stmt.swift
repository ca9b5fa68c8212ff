/// A macro or call-block parameter list.
struct Params: Sendable {
    var names: [String] = []
    /// Defaults for the last `defaults.count` parameters.
    var defaults: [Expr] = []
}

/// A statement node with its source line.
final class Stmt: Sendable {
    let kind: Kind
    let line: Int

    init(_ kind: Kind, line: Int) {
        self.kind = kind
        self.line = line
    }

    indirect enum Kind: Sendable {
        /// Literal text and `{{ … }}` expressions, in order.
        case output([OutputPart])
        case ifStmt(test: Expr, body: [Stmt], elifs: [(Expr, [Stmt])], otherwise: [Stmt])
        case forLoop(ForLoop)
        case set(target: Expr, value: Expr)
        case setBlock(target: Expr, filters: [Expr], body: [Stmt])
        case with(targets: [(Expr, Expr)], body: [Stmt])
        case macro(name: String, params: Params, body: [Stmt])
        case callBlock(call: Expr, params: Params, body: [Stmt])
        case filterBlock(filters: [Expr], body: [Stmt])
        case block(name: String, body: [Stmt], scoped: Bool, required: Bool)
        case extends(Expr)
        case include(Expr, ignoreMissing: Bool, withContext: Bool)
        case importAs(Expr, target: String, withContext: Bool)
        case fromImport(Expr, names: [(String, String)], withContext: Bool)
        case autoescape(Expr, body: [Stmt])
    }
}

/// A piece of an output statement.
enum OutputPart: Sendable {
    case text(String)
    case expr(Expr)
}

/// The parts of a `{% for %}` loop.
struct ForLoop: Sendable {
    var target: Expr
    var iter: Expr
    var body: [Stmt]
    var otherwise: [Stmt]
    var filter: Expr?
    var recursive: Bool
}
