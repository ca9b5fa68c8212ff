extension Parser {
    mutating func parseTest(_ subject: Expr) throws(TemplateError) -> Expr {
        let isToken = next()
        let negated = skipName("not")
        let nameToken = try expectName()
        var name = nameToken.name!
        while current.isOp(.dot) {
            next()
            name += "." + (try expectName().name!)
        }
        var args = CallArgs()
        switch current.kind {
        case .op(.lparen):
            args = try parseCallArgs()
        case .name, .string, .integer, .float, .op(.lbracket), .op(.lbrace):
            if current.isName("else") || current.isName("or") || current.isName("and") { break }
            if current.isName("is") { throw fail("You cannot chain multiple tests with is") }
            var arg = try parsePrimary()
            arg = try parsePostfix(arg)
            args.positional = [arg]
        default:
            break
        }
        return make(.test(subject, name: name, args, negated: negated), isToken)
    }

    mutating func parseSubscript(_ node: Expr) throws(TemplateError) -> Expr {
        let token = next()
        if token.isOp(.dot) {
            let attr = current
            next()
            switch attr.kind {
            case .name(let n): return make(.getattr(node, n), token)
            case .integer(let i): return make(.getitem(node, make(.constant(.int(i)), attr)), token)
            default: throw fail("expected name or number", line: attr.line)
            }
        }
        var args: [Expr] = []
        while !current.isOp(.rbracket) {
            if !args.isEmpty { try expectOp(.comma) }
            args.append(try parseSubscribed())
        }
        try expectOp(.rbracket)
        let arg = args.count == 1 ? args[0] : make(.tuple(args), token)
        return make(.getitem(node, arg), token)
    }

    mutating func parseSubscribed() throws(TemplateError) -> Expr {
        let token = current
        var start: Expr?
        if current.isOp(.colon) {
            next()
        } else {
            let node = try parseExpression()
            guard current.isOp(.colon) else { return node }
            next()
            start = node
        }
        var stop: Expr?
        if !current.isOp(.colon) && !current.isOp(.rbracket) && !current.isOp(.comma) {
            stop = try parseExpression()
        }
        var step: Expr?
        if current.isOp(.colon) {
            next()
            if !current.isOp(.rbracket) && !current.isOp(.comma) { step = try parseExpression() }
        }
        return make(.slice(start, stop, step), token)
    }

    mutating func parseCallArgs() throws(TemplateError) -> CallArgs {
        let open = current
        try expectOp(.lparen)
        var args = CallArgs()
        var requireComma = false
        func ensure(_ ok: Bool) throws(TemplateError) {
            if !ok { throw fail("invalid syntax for function call expression", line: open.line) }
        }
        while !current.isOp(.rparen) {
            if requireComma {
                try expectOp(.comma)
                if current.isOp(.rparen) { break }
            }
            if current.isOp(.mul) {
                try ensure(args.star == nil && args.starStar == nil)
                next()
                args.star = try parseExpression()
            } else if current.isOp(.pow) {
                try ensure(args.starStar == nil)
                next()
                args.starStar = try parseExpression()
            } else if case .name(let key) = current.kind, look().isOp(.assign) {
                try ensure(args.starStar == nil)
                next()
                next()
                args.keywords.append((key, try parseExpression()))
            } else {
                try ensure(args.star == nil && args.starStar == nil && args.keywords.isEmpty)
                args.positional.append(try parseExpression())
            }
            requireComma = true
        }
        try expectOp(.rparen)
        return args
    }
}
