extension Parser {
    /// Each operator applied in a loop deepens the (left-nested) tree by one level.
    mutating func deepen(_ levels: inout Int) throws(TemplateError) {
        try enter()
        levels += 1
    }

    func make(_ kind: Expr.Kind, _ token: Token) -> Expr {
        Expr(kind, line: token.line, column: token.column)
    }

    mutating func parseExpression(withCondexpr: Bool = true) throws(TemplateError) -> Expr {
        withCondexpr ? try parseCondexpr() : try parseOr()
    }

    func isTupleEnd(_ extraEnd: [String]) -> Bool {
        switch current.kind {
        case .variableEnd, .blockEnd, .op(.rparen): return true
        case .name(let n): return extraEnd.contains(n)
        default: return false
        }
    }

    /// Jinja's `parse_tuple`: one expression, or a tuple when commas follow.
    mutating func parseTuple(
        simplified: Bool = false, withCondexpr: Bool = true, extraEnd: [String] = [], explicitParentheses: Bool = false
    ) throws(TemplateError) -> Expr {
        let start = current
        var args: [Expr] = []
        var isTuple = false
        while true {
            if !args.isEmpty { try expectOp(.comma) }
            if isTupleEnd(extraEnd) { break }
            if simplified {
                args.append(try parsePrimary())
            } else {
                args.append(try parseExpression(withCondexpr: withCondexpr))
            }
            if current.isOp(.comma) {
                isTuple = true
            } else {
                break
            }
        }
        if !isTuple {
            if let first = args.first { return first }
            if !explicitParentheses {
                throw fail("Expected an expression, got '\(current.kind.describe)'")
            }
        }
        return make(.tuple(args), start)
    }

    mutating func parseCondexpr() throws(TemplateError) -> Expr {
        var expr1 = try parseOr()
        var levels = 0
        defer { depth -= levels }
        while current.isName("if") {
            try deepen(&levels)
            let token = next()
            let expr2 = try parseOr()
            var expr3: Expr?
            if skipName("else") { expr3 = try parseCondexpr() }
            expr1 = make(.condition(test: expr2, then: expr1, otherwise: expr3), token)
        }
        return expr1
    }

    mutating func parseOr() throws(TemplateError) -> Expr {
        var left = try parseAnd()
        var levels = 0
        defer { depth -= levels }
        while current.isName("or") {
            try deepen(&levels)
            let token = next()
            left = make(.or(left, try parseAnd()), token)
        }
        return left
    }

    mutating func parseAnd() throws(TemplateError) -> Expr {
        var left = try parseNot()
        var levels = 0
        defer { depth -= levels }
        while current.isName("and") {
            try deepen(&levels)
            let token = next()
            left = make(.and(left, try parseNot()), token)
        }
        return left
    }

    mutating func parseNot() throws(TemplateError) -> Expr {
        if current.isName("not") {
            let token = next()
            try enter()
            defer { leave() }
            return make(.not(try parseNot()), token)
        }
        return try parseCompare()
    }

    mutating func parseCompare() throws(TemplateError) -> Expr {
        let start = current
        let expr = try parseMath1()
        var ops: [(CompareOp, Expr)] = []
        while true {
            if case .op(let o) = current.kind, let op = Parser.compareOp(o) {
                next()
                ops.append((op, try parseMath1()))
            } else if skipName("in") {
                ops.append((.in, try parseMath1()))
            } else if current.isName("not") && look().isName("in") {
                next()
                next()
                ops.append((.notIn, try parseMath1()))
            } else {
                break
            }
        }
        return ops.isEmpty ? expr : make(.compare(expr, ops), start)
    }

    static func compareOp(_ o: Operator) -> CompareOp? {
        switch o {
        case .eq: return .eq
        case .ne: return .ne
        case .lt: return .lt
        case .lteq: return .lteq
        case .gt: return .gt
        case .gteq: return .gteq
        default: return nil
        }
    }

    mutating func parseMath1() throws(TemplateError) -> Expr {
        var left = try parseConcat()
        var levels = 0
        defer { depth -= levels }
        while current.isOp(.add) || current.isOp(.sub) {
            try deepen(&levels)
            let token = next()
            let right = try parseConcat()
            left = make(.binary(token.isOp(.add) ? .add : .sub, left, right), token)
        }
        return left
    }

    mutating func parseConcat() throws(TemplateError) -> Expr {
        let start = current
        var args = [try parseMath2()]
        while current.isOp(.tilde) {
            next()
            args.append(try parseMath2())
        }
        return args.count == 1 ? args[0] : make(.concat(args), start)
    }

    mutating func parseMath2() throws(TemplateError) -> Expr {
        var left = try parsePow()
        var levels = 0
        defer { depth -= levels }
        while true {
            let op: BinaryOp
            switch current.kind {
            case .op(.mul): op = .mul
            case .op(.div): op = .div
            case .op(.floordiv): op = .floordiv
            case .op(.mod): op = .mod
            default: return left
            }
            try deepen(&levels)
            let token = next()
            left = make(.binary(op, left, try parsePow()), token)
        }
    }

    mutating func parsePow() throws(TemplateError) -> Expr {
        var left = try parseUnary()
        var levels = 0
        defer { depth -= levels }
        while current.isOp(.pow) {
            try deepen(&levels)
            let token = next()
            left = make(.binary(.pow, left, try parseUnary()), token)
        }
        return left
    }

    mutating func parseUnary(withFilter: Bool = true) throws(TemplateError) -> Expr {
        let token = current
        var unary = false
        defer { if unary { leave() } }
        if token.isOp(.sub) || token.isOp(.add) {
            try enter()
            unary = true
        }
        var node: Expr
        if token.isOp(.sub) {
            next()
            node = make(.neg(try parseUnary(withFilter: false)), token)
        } else if token.isOp(.add) {
            next()
            node = make(.pos(try parseUnary(withFilter: false)), token)
        } else {
            node = try parsePrimary()
        }
        node = try parsePostfix(node)
        if withFilter { node = try parseFilterExpr(node) }
        return node
    }

    mutating func parsePrimary() throws(TemplateError) -> Expr {
        let token = current
        switch token.kind {
        case .name(let n):
            next()
            switch n {
            case "true", "True": return make(.constant(.bool(true)), token)
            case "false", "False": return make(.constant(.bool(false)), token)
            case "none", "None": return make(.constant(.none), token)
            default: return make(.name(n), token)
            }
        case .string(let s):
            next()
            var buf = s
            while case .string(let more) = current.kind {
                buf += more
                next()
            }
            return make(.constant(.string(buf)), token)
        case .integer(let i):
            next()
            return make(.constant(.int(i)), token)
        case .float(let d):
            next()
            return make(.constant(.double(d)), token)
        case .op(.lparen):
            next()
            try enter()
            defer { leave() }
            let node = try parseTuple(explicitParentheses: true)
            try expectOp(.rparen)
            return node
        case .op(.lbracket):
            return try parseList()
        case .op(.lbrace):
            return try parseDict()
        default:
            throw fail("unexpected '\(token.kind.describe)'", line: token.line)
        }
    }

    mutating func parseList() throws(TemplateError) -> Expr {
        try enter()
        defer { leave() }
        let token = next()
        var items: [Expr] = []
        while !current.isOp(.rbracket) {
            if !items.isEmpty { try expectOp(.comma) }
            if current.isOp(.rbracket) { break }
            items.append(try parseExpression())
        }
        try expectOp(.rbracket)
        return make(.list(items), token)
    }

    mutating func parseDict() throws(TemplateError) -> Expr {
        try enter()
        defer { leave() }
        let token = next()
        var items: [(Expr, Expr)] = []
        while !current.isOp(.rbrace) {
            if !items.isEmpty { try expectOp(.comma) }
            if current.isOp(.rbrace) { break }
            let key = try parseExpression()
            try expectOp(.colon)
            items.append((key, try parseExpression()))
        }
        try expectOp(.rbrace)
        return make(.dict(items), token)
    }

    mutating func parsePostfix(_ start: Expr) throws(TemplateError) -> Expr {
        var node = start
        var levels = 0
        defer { depth -= levels }
        while true {
            if current.isOp(.dot) || current.isOp(.lbracket) || current.isOp(.lparen) { try deepen(&levels) }
            if current.isOp(.dot) || current.isOp(.lbracket) {
                node = try parseSubscript(node)
            } else if current.isOp(.lparen) {
                let token = current
                node = make(.call(node, try parseCallArgs()), token)
            } else {
                return node
            }
        }
    }

    mutating func parseFilterExpr(_ start: Expr) throws(TemplateError) -> Expr {
        var node = start
        var levels = 0
        defer { depth -= levels }
        while true {
            if current.isOp(.pipe) || current.isOp(.lparen) || current.isName("is") { try deepen(&levels) }
            if current.isOp(.pipe) {
                next()
                let nameToken = try expectName()
                var name = nameToken.name!
                while current.isOp(.dot) {
                    next()
                    name += "." + (try expectName().name!)
                }
                let args = current.isOp(.lparen) ? try parseCallArgs() : CallArgs()
                node = make(.filter(node, name: name, args), nameToken)
            } else if current.isName("is") {
                node = try parseTest(node)
            } else if current.isOp(.lparen) {
                let token = current
                node = make(.call(node, try parseCallArgs()), token)
            } else {
                return node
            }
        }
    }
}
