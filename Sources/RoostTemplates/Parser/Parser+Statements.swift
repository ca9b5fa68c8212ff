extension Parser {
    mutating func parseFor() throws(TemplateError) -> Stmt {
        let line = next().line
        let target = try parseAssignTarget(extraEnd: ["in"])
        try expectName("in")
        let iter = try parseTuple(withCondexpr: false, extraEnd: ["recursive"])
        var filter: Expr?
        if skipName("if") { filter = try parseExpression() }
        let recursive = skipName("recursive")
        let body = try parseStatements(["endfor", "else"])
        var otherwise: [Stmt] = []
        if next().isName("else") {
            otherwise = try parseBody(until: ["endfor"])
        }
        return Stmt(.forLoop(ForLoop(target: target, iter: iter, body: body, otherwise: otherwise, filter: filter, recursive: recursive)), line: line)
    }

    mutating func parseIf() throws(TemplateError) -> Stmt {
        let line = next().line
        let test = try parseTuple(withCondexpr: false)
        let body = try parseStatements(["elif", "else", "endif"])
        var elifs: [(Expr, [Stmt])] = []
        var otherwise: [Stmt] = []
        while true {
            let token = next()
            if token.isName("elif") {
                let t = try parseTuple(withCondexpr: false)
                let b = try parseStatements(["elif", "else", "endif"])
                elifs.append((t, b))
                continue
            }
            if token.isName("else") {
                otherwise = try parseBody(until: ["endif"])
            }
            break
        }
        return Stmt(.ifStmt(test: test, body: body, elifs: elifs, otherwise: otherwise), line: line)
    }

    mutating func parseBlock() throws(TemplateError) -> Stmt {
        let line = next().line
        let name = try expectName().name!
        let scoped = skipName("scoped")
        let required = skipName("required")
        if current.isOp(.sub) {
            throw fail("Block names in Jinja have to be valid Python identifiers and may not contain hyphens, use an underscore instead.")
        }
        let body = try parseBody(until: ["endblock"])
        if required {
            for stmt in body {
                guard case .output(let parts) = stmt.kind else {
                    throw fail("Required blocks can only contain comments or whitespace", line: stmt.line)
                }
                for part in parts {
                    if case .text(let t) = part, t.trimmingPythonSpace().isEmpty { continue }
                    throw fail("Required blocks can only contain comments or whitespace", line: stmt.line)
                }
            }
        }
        if current.isName(name) { next() }
        return Stmt(.block(name: name, body: body, scoped: scoped, required: required), line: line)
    }

    mutating func parsePrint() throws(TemplateError) -> Stmt {
        let line = next().line
        var exprs: [OutputPart] = []
        while true {
            if case .blockEnd = current.kind { break }
            if !exprs.isEmpty { try expectOp(.comma) }
            exprs.append(.expr(try parseExpression()))
        }
        return Stmt(.output(exprs), line: line)
    }

    /// `with context` / `without context` after an import or include.
    mutating func parseContextModifier() -> Bool? {
        if (current.isName("with") || current.isName("without")) && look().isName("context") {
            let with = current.isName("with")
            next()
            next()
            return with
        }
        return nil
    }

    mutating func parseInclude() throws(TemplateError) -> Stmt {
        let line = next().line
        let template = try parseExpression()
        var ignoreMissing = false
        if current.isName("ignore") && look().isName("missing") {
            next()
            next()
            ignoreMissing = true
        }
        let withContext = parseContextModifier() ?? true
        return Stmt(.include(template, ignoreMissing: ignoreMissing, withContext: withContext), line: line)
    }

    mutating func parseImport() throws(TemplateError) -> Stmt {
        let line = next().line
        let template = try parseExpression()
        try expectName("as")
        let target = try parseAssignTarget(nameOnly: true)
        guard case .name(let name) = target.kind else { throw fail("expected name") }
        let withContext = parseContextModifier() ?? false
        return Stmt(.importAs(template, target: name, withContext: withContext), line: line)
    }

    mutating func parseFrom() throws(TemplateError) -> Stmt {
        let line = next().line
        let template = try parseExpression()
        try expectName("import")
        var names: [(String, String)] = []
        var withContext: Bool?
        while true {
            if !names.isEmpty { try expectOp(.comma) }
            if case .name = current.kind {
                if let modifier = parseContextModifier() {
                    withContext = modifier
                    break
                }
                let targetToken = current
                let target = try parseAssignTarget(nameOnly: true)
                guard case .name(let name) = target.kind else { throw fail("expected name") }
                if name.hasPrefix("_") {
                    throw fail("names starting with an underline can not be imported", line: targetToken.line, code: .assertion)
                }
                if skipName("as") {
                    let alias = try parseAssignTarget(nameOnly: true)
                    guard case .name(let aliasName) = alias.kind else { throw fail("expected name") }
                    names.append((name, aliasName))
                } else {
                    names.append((name, name))
                }
                if let modifier = parseContextModifier() {
                    withContext = modifier
                    break
                }
                if !current.isOp(.comma) { break }
            } else {
                _ = try expectName()
            }
        }
        return Stmt(.fromImport(template, names: names, withContext: withContext ?? false), line: line)
    }

    mutating func parseSignature() throws(TemplateError) -> Params {
        var params = Params()
        try expectOp(.lparen)
        while !current.isOp(.rparen) {
            if !params.names.isEmpty { try expectOp(.comma) }
            let arg = try parseAssignTarget(nameOnly: true)
            guard case .name(let name) = arg.kind else { throw fail("expected name") }
            if skipOp(.assign) {
                params.defaults.append(try parseExpression())
            } else if !params.defaults.isEmpty {
                throw fail("non-default argument follows default argument")
            }
            params.names.append(name)
        }
        try expectOp(.rparen)
        return params
    }

    mutating func parseMacro() throws(TemplateError) -> Stmt {
        let line = next().line
        let target = try parseAssignTarget(nameOnly: true)
        guard case .name(let name) = target.kind else { throw fail("expected name") }
        let params = try parseSignature()
        let body = try parseBody(until: ["endmacro"])
        return Stmt(.macro(name: name, params: params, body: body), line: line)
    }

    mutating func parseCallBlock() throws(TemplateError) -> Stmt {
        let line = next().line
        let params = current.isOp(.lparen) ? try parseSignature() : Params()
        let call = try parseExpression()
        guard case .call = call.kind else { throw fail("expected call", line: line) }
        let body = try parseBody(until: ["endcall"])
        return Stmt(.callBlock(call: call, params: params, body: body), line: line)
    }

    mutating func parseFilterBlock() throws(TemplateError) -> Stmt {
        let line = next().line
        let filters = try parseFilterChain()
        let body = try parseBody(until: ["endfilter"])
        return Stmt(.filterBlock(filters: filters, body: body), line: line)
    }

    /// `name(args) | name2 …` for `{% filter %}` and block `{% set %}`; returns filter nodes
    /// whose subject is `nil` (filled in at compile time).
    mutating func parseFilterChain(startInline: Bool = true) throws(TemplateError) -> [Expr] {
        var filters: [Expr] = []
        var inline = startInline
        while current.isOp(.pipe) || inline {
            if !inline { next() }
            inline = false
            let nameToken = try expectName()
            var name = nameToken.name!
            while current.isOp(.dot) {
                next()
                name += "." + (try expectName().name!)
            }
            let args = current.isOp(.lparen) ? try parseCallArgs() : CallArgs()
            filters.append(Expr(.filter(nil, name: name, args), line: nameToken.line, column: nameToken.column))
        }
        return filters
    }

    mutating func parseSet() throws(TemplateError) -> Stmt {
        let line = next().line
        let target = try parseAssignTarget(withNamespace: true)
        if skipOp(.assign) {
            let value = try parseTuple()
            return Stmt(.set(target: target, value: value), line: line)
        }
        let filters = current.isOp(.pipe) ? try parseFilterChain(startInline: false) : []
        let body = try parseBody(until: ["endset"])
        return Stmt(.setBlock(target: target, filters: filters, body: body), line: line)
    }

    mutating func parseWith() throws(TemplateError) -> Stmt {
        let line = next().line
        var targets: [(Expr, Expr)] = []
        while true {
            if case .blockEnd = current.kind { break }
            if !targets.isEmpty { try expectOp(.comma) }
            let target = try parseAssignTarget()
            try expectOp(.assign)
            targets.append((target, try parseExpression()))
        }
        let body = try parseBody(until: ["endwith"])
        return Stmt(.with(targets: targets, body: body), line: line)
    }

    mutating func parseAutoescape() throws(TemplateError) -> Stmt {
        let line = next().line
        let value = try parseExpression()
        let body = try parseBody(until: ["endautoescape"])
        return Stmt(.autoescape(value, body: body), line: line)
    }

    /// An assignment target: a name, a tuple of names, or `ns.attr` when allowed.
    mutating func parseAssignTarget(
        withTuple: Bool = true, nameOnly: Bool = false, extraEnd: [String] = [], withNamespace: Bool = false
    ) throws(TemplateError) -> Expr {
        let target: Expr
        if withNamespace, case .name(let ns) = current.kind, look().isOp(.dot) {
            let t = next()
            next()
            let attr = try expectName()
            target = Expr(.getattr(Expr(.name(ns), line: t.line, column: t.column), attr.name!), line: t.line, column: t.column)
            return target
        }
        if nameOnly {
            let t = try expectName()
            target = Expr(.name(t.name!), line: t.line, column: t.column)
        } else if withTuple {
            target = try parseTuple(simplified: true, extraEnd: extraEnd)
        } else {
            target = try parsePrimary()
        }
        try checkAssignable(target)
        return target
    }

    func checkAssignable(_ target: Expr) throws(TemplateError) {
        switch target.kind {
        case .name(let n):
            if ["true", "false", "none", "True", "False", "None"].contains(n) {
                throw fail("can't assign to 'name'", line: target.line)
            }
        case .tuple(let items):
            for item in items { try checkAssignable(item) }
        case .constant:
            throw fail("can't assign to 'const'", line: target.line)
        case .list:
            throw fail("can't assign to 'list'", line: target.line)
        case .dict:
            throw fail("can't assign to 'dict'", line: target.line)
        default:
            throw fail("can't assign to '\(target.nodeName)'", line: target.line)
        }
    }
}

extension Expr {
    /// Jinja's lower-cased node class name, for "can't assign to" messages.
    var nodeName: String {
        switch kind {
        case .constant: return "const"
        case .name: return "name"
        case .list: return "list"
        case .tuple: return "tuple"
        case .dict: return "dict"
        case .getattr: return "getattr"
        case .getitem: return "getitem"
        case .slice: return "slice"
        case .call: return "call"
        case .filter: return "filter"
        case .test: return "test"
        case .not: return "not"
        case .neg: return "neg"
        case .pos: return "pos"
        case .binary(let op, _, _):
            switch op {
            case .add: return "add"
            case .sub: return "sub"
            case .mul: return "mul"
            case .div: return "div"
            case .floordiv: return "floordiv"
            case .mod: return "mod"
            case .pow: return "pow"
            }
        case .concat: return "concat"
        case .and: return "and"
        case .or: return "or"
        case .compare: return "compare"
        case .condition: return "condexpr"
        }
    }
}
