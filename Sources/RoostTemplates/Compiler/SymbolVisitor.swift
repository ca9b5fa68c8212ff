/// Records the loads and stores of one frame's own statements (Jinja's
/// `FrameSymbolVisitor`); nested frames (loop bodies, macros, blocks…) are visited when they
/// are compiled.
struct SymbolVisitor {
    var symbols: Symbols

    mutating func visit(_ stmts: [Stmt]) {
        for s in stmts { visit(s) }
    }

    mutating func visit(_ stmt: Stmt) {
        switch stmt.kind {
        case .output(let parts):
            for case .expr(let e) in parts { visit(e) }
        case .ifStmt(let test, let body, let elifs, let otherwise):
            visit(test)
            let original = symbols
            func branch(_ stmts: [Stmt], _ v: inout SymbolVisitor) -> Symbols {
                v.symbols = original.copy()
                v.visit(stmts)
                let result = v.symbols
                v.symbols = original
                return result
            }
            let bodySymbols = branch(body, &self)
            // Jinja nests each `elif` as an `If` inside the elif branch.
            symbols = original.copy()
            for (t, b) in elifs {
                visit(t)
                let o = symbols
                symbols = o.copy()
                visit(b)
                let bs = symbols
                let empty1 = o.copy()
                let empty2 = o.copy()
                symbols = o
                o.branchUpdate([bs, empty1, empty2])
            }
            let elifSymbols = symbols
            symbols = original
            let elseSymbols = branch(otherwise, &self)
            original.branchUpdate([bodySymbols, elifSymbols, elseSymbols])
        case .forLoop(let loop):
            visit(loop.iter)
        case .set(let target, let value):
            visit(value)
            visitTarget(target)
        case .setBlock(let target, _, _):
            visitTarget(target)
        case .with(let targets, _):
            for (_, value) in targets { visit(value) }
        case .macro(let name, _, _):
            symbols.store(name)
        case .callBlock(let call, _, _):
            visit(call)
        case .filterBlock(let filters, _):
            for f in filters { visit(f) }
        case .block:
            break
        case .extends(let e):
            visit(e)
        case .include(let e, _, _):
            visit(e)
        case .importAs(let e, let target, _):
            visit(e)
            symbols.store(target)
        case .fromImport(let e, let names, _):
            visit(e)
            for (_, alias) in names { symbols.store(alias) }
        case .autoescape(let e, let body):
            visit(e)
            visit(body)
        }
    }

    /// An assignment target: names are stored, `ns.attr` loads `ns`.
    mutating func visitTarget(_ target: Expr, asParam: Bool = false) {
        switch target.kind {
        case .name(let n):
            if asParam { symbols.declareParameter(n) } else { symbols.store(n) }
        case .tuple(let items), .list(let items):
            for i in items { visitTarget(i, asParam: asParam) }
        case .getattr(let base, _):
            visit(base)
        default:
            break
        }
    }

    mutating func visit(_ expr: Expr) {
        switch expr.kind {
        case .constant: break
        case .name(let n): symbols.load(n)
        case .list(let items), .tuple(let items), .concat(let items):
            for i in items { visit(i) }
        case .dict(let pairs):
            for (k, v) in pairs {
                visit(k)
                visit(v)
            }
        case .getattr(let base, _): visit(base)
        case .getitem(let base, let arg):
            visit(base)
            visit(arg)
        case .slice(let a, let b, let c):
            if let a { visit(a) }
            if let b { visit(b) }
            if let c { visit(c) }
        case .call(let callee, let args):
            visit(callee)
            visit(args)
        case .filter(let subject, _, let args):
            if let subject { visit(subject) }
            visit(args)
        case .test(let subject, _, let args, _):
            visit(subject)
            visit(args)
        case .not(let e), .neg(let e), .pos(let e): visit(e)
        case .binary(_, let a, let b), .and(let a, let b), .or(let a, let b):
            visit(a)
            visit(b)
        case .compare(let first, let rest):
            visit(first)
            for (_, e) in rest { visit(e) }
        case .condition(let test, let then, let otherwise):
            visit(test)
            visit(then)
            if let otherwise { visit(otherwise) }
        }
    }

    mutating func visit(_ args: CallArgs) {
        for a in args.positional { visit(a) }
        for (_, v) in args.keywords { visit(v) }
        if let s = args.star { visit(s) }
        if let s = args.starStar { visit(s) }
    }
}

/// Finds which of `names` are loaded anywhere in `stmts` without being declared first,
/// stopping at blocks (Jinja's `find_undeclared`).
enum UndeclaredNames {
    static func find(_ stmts: [Stmt], _ names: Set<String>) -> Set<String> {
        var found = Set<String>()
        for s in stmts { scan(s, names, &found) }
        return found
    }

    static func scan(_ stmt: Stmt, _ names: Set<String>, _ found: inout Set<String>) {
        func e(_ x: Expr?) { if let x { scanExpr(x, names, &found) } }
        func b(_ xs: [Stmt]) { for x in xs { scan(x, names, &found) } }
        switch stmt.kind {
        case .output(let parts): for case .expr(let x) in parts { e(x) }
        case .ifStmt(let t, let body, let elifs, let other):
            e(t)
            b(body)
            for (t2, b2) in elifs {
                e(t2)
                b(b2)
            }
            b(other)
        case .forLoop(let l):
            e(l.iter)
            e(l.filter)
            b(l.body)
            b(l.otherwise)
        case .set(_, let v): e(v)
        case .setBlock(_, let fs, let body):
            fs.forEach { e($0) }
            b(body)
        case .with(let ts, let body):
            ts.forEach { e($0.1) }
            b(body)
        case .macro(_, let p, let body):
            p.defaults.forEach { e($0) }
            b(body)
        case .callBlock(let c, let p, let body):
            e(c)
            p.defaults.forEach { e($0) }
            b(body)
        case .filterBlock(let fs, let body):
            fs.forEach { e($0) }
            b(body)
        case .block: break
        case .extends(let x), .include(let x, _, _), .importAs(let x, _, _), .fromImport(let x, _, _): e(x)
        case .autoescape(let x, let body):
            e(x)
            b(body)
        }
    }

    static func scanExpr(_ expr: Expr, _ names: Set<String>, _ found: inout Set<String>) {
        var v = SymbolCollector()
        v.collect(expr)
        for n in v.loaded where names.contains(n) { found.insert(n) }
    }
}

/// Collects the names an expression loads.
struct SymbolCollector {
    var loaded: [String] = []

    mutating func collect(_ expr: Expr) {
        switch expr.kind {
        case .constant: break
        case .name(let n): loaded.append(n)
        case .list(let items), .tuple(let items), .concat(let items): items.forEach { collect($0) }
        case .dict(let pairs):
            for (k, v) in pairs {
                collect(k)
                collect(v)
            }
        case .getattr(let base, _): collect(base)
        case .getitem(let base, let arg):
            collect(base)
            collect(arg)
        case .slice(let a, let b, let c):
            [a, b, c].compactMap { $0 }.forEach { collect($0) }
        case .call(let callee, let args):
            collect(callee)
            collect(args)
        case .filter(let subject, _, let args):
            if let subject { collect(subject) }
            collect(args)
        case .test(let subject, _, let args, _):
            collect(subject)
            collect(args)
        case .not(let e), .neg(let e), .pos(let e): collect(e)
        case .binary(_, let a, let b), .and(let a, let b), .or(let a, let b):
            collect(a)
            collect(b)
        case .compare(let first, let rest):
            collect(first)
            rest.forEach { collect($0.1) }
        case .condition(let t, let a, let b):
            collect(t)
            collect(a)
            if let b { collect(b) }
        }
    }

    mutating func collect(_ args: CallArgs) {
        args.positional.forEach { collect($0) }
        args.keywords.forEach { collect($0.1) }
        if let s = args.star { collect(s) }
        if let s = args.starStar { collect(s) }
    }
}
