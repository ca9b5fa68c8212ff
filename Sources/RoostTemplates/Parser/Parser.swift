/// Turns tokens into statements and expressions, following Jinja's grammar and wording its
/// errors as Jinja does. Nesting is bounded so hostile input cannot exhaust the stack.
struct Parser {
    var tokens: [Token]
    var index = 0
    let templateName: String?
    let source: String
    let maxDepth: Int
    var depth = 0
    var tagStack: [String] = []
    var endTokenStack: [[String]] = []

    init(tokens: [Token], templateName: String?, source: String, maxDepth: Int) {
        self.tokens = tokens
        self.templateName = templateName
        self.source = source
        self.maxDepth = maxDepth
    }

    /// Parses a whole template.
    static func parse(source: String, name: String?, options: LexerOptions, maxDepth: Int) throws(TemplateError) -> [Stmt] {
        let tokens = try Lexer.tokenize(source, options: options, name: name)
        var parser = Parser(tokens: tokens, templateName: name, source: source, maxDepth: maxDepth)
        return try parser.subparse(endTokens: nil)
    }

    // MARK: Token stream

    var current: Token { tokens[index] }

    func look(_ offset: Int = 1) -> Token {
        let i = index + offset
        return i < tokens.count ? tokens[i] : tokens[tokens.count - 1]
    }

    @discardableResult
    mutating func next() -> Token {
        let t = tokens[index]
        if index < tokens.count - 1 { index += 1 }
        return t
    }

    mutating func skipName(_ name: String) -> Bool {
        if current.isName(name) {
            next()
            return true
        }
        return false
    }

    mutating func skipOp(_ op: Operator) -> Bool {
        if current.isOp(op) {
            next()
            return true
        }
        return false
    }

    func fail(_ message: String, line: Int? = nil, column: Int? = nil, code: TemplateError.Code = .syntax) -> TemplateError {
        TemplateError(
            code, message: message, templateName: templateName, line: line ?? current.line,
            column: column ?? (line == nil ? current.column : nil), source: source)
    }

    func unexpected(expected: String) -> TemplateError {
        if case .eof = current.kind {
            return fail("unexpected end of template, expected '\(expected)'.")
        }
        return fail("expected token '\(expected)', got '\(current.kind.describe)'")
    }

    mutating func expectName() throws(TemplateError) -> Token {
        guard case .name = current.kind else { throw unexpected(expected: "name") }
        return next()
    }

    mutating func expectName(_ name: String) throws(TemplateError) {
        guard current.isName(name) else { throw unexpected(expected: name) }
        next()
    }

    mutating func expectOp(_ op: Operator) throws(TemplateError) {
        guard current.isOp(op) else { throw unexpected(expected: op.rawValue) }
        next()
    }

    mutating func expectBlockEnd() throws(TemplateError) {
        guard case .blockEnd = current.kind else { throw unexpected(expected: "end of statement block") }
        next()
    }

    mutating func enter() throws(TemplateError) {
        depth += 1
        if depth > maxDepth {
            throw fail("template is nested too deeply (more than \(maxDepth) levels)", code: .limitExceeded)
        }
    }

    mutating func leave() { depth -= 1 }

    // MARK: Statements

    /// Parses template data and tags until one of `endTokens` (tag names) is the current tag.
    mutating func subparse(endTokens: [String]?) throws(TemplateError) -> [Stmt] {
        try enter()
        defer { leave() }
        if let endTokens { endTokenStack.append(endTokens) }
        defer { if endTokens != nil { endTokenStack.removeLast() } }
        var body: [Stmt] = []
        var parts: [OutputPart] = []
        var partsLine = current.line
        func flush() {
            if !parts.isEmpty {
                body.append(Stmt(.output(parts), line: partsLine))
                parts = []
            }
        }
        while true {
            let token = current
            switch token.kind {
            case .data(let text):
                if parts.isEmpty { partsLine = token.line }
                parts.append(.text(text))
                next()
            case .variableBegin:
                if parts.isEmpty { partsLine = token.line }
                next()
                let expr = try parseTuple()
                guard case .variableEnd = current.kind else { throw unexpected(expected: "end of print statement") }
                next()
                parts.append(.expr(expr))
            case .blockBegin:
                flush()
                next()
                if let endTokens, let name = current.name, endTokens.contains(name) {
                    return body
                }
                let stmts = try parseStatement()
                body.append(contentsOf: stmts)
                try expectBlockEnd()
            case .eof:
                flush()
                return body
            default:
                throw fail("unexpected '\(token.kind.describe)'")
            }
        }
    }

    func failUnknownTagOrEOF(name: String?, line: Int, endTokens: [String]?) -> TemplateError {
        var expected = Set<String>()
        for group in endTokenStack { expected.formUnion(group) }
        var message: [String] = [name.map { "Encountered unknown tag '\($0)'." } ?? "Unexpected end of template."]
        if let looking = endTokenStack.last {
            let text = looking.map { "'\($0)'" }.joined(separator: " or ")
            if let name, expected.contains(name) {
                message.append("You probably made a nesting mistake. Jinja is expecting this tag, but currently looking for \(text).")
            } else {
                message.append("Jinja was looking for the following tags: \(text).")
            }
        }
        if let innermost = tagStack.last {
            message.append("The innermost block that needs to be closed is '\(innermost)'.")
        }
        return fail(message.joined(separator: " "), line: line)
    }

    /// Parses one `{% tag … %}` after its `{%`; the caller consumes the `%}`.
    mutating func parseStatement() throws(TemplateError) -> [Stmt] {
        let token = current
        guard let name = token.name else { throw fail("tag name expected", line: token.line) }
        tagStack.append(name)
        var popTag = true
        defer { if popTag { tagStack.removeLast() } }
        switch name {
        case "for": return [try parseFor()]
        case "if": return [try parseIf()]
        case "block": return [try parseBlock()]
        case "extends":
            next()
            return [Stmt(.extends(try parseExpression()), line: token.line)]
        case "print": return [try parsePrint()]
        case "macro": return [try parseMacro()]
        case "include": return [try parseInclude()]
        case "from": return [try parseFrom()]
        case "import": return [try parseImport()]
        case "set": return [try parseSet()]
        case "with": return [try parseWith()]
        case "autoescape": return [try parseAutoescape()]
        case "call": return [try parseCallBlock()]
        case "filter": return [try parseFilterBlock()]
        default:
            tagStack.removeLast()
            popTag = false
            throw failUnknownTagOrEOF(name: name, line: token.line, endTokens: nil)
        }
    }

    /// Jinja's `parse_statements`: the rest of the opening tag, then a body up to one of
    /// `end`; with `dropNeedle` the end tag's name is consumed too.
    mutating func parseStatements(_ end: [String], dropNeedle: Bool = false) throws(TemplateError) -> [Stmt] {
        _ = skipOp(.colon)
        try expectBlockEnd()
        let body = try subparse(endTokens: end)
        if case .eof = current.kind {
            endTokenStack.append(end)
            defer { endTokenStack.removeLast() }
            throw failUnknownTagOrEOF(name: nil, line: current.line, endTokens: end)
        }
        if dropNeedle { next() }
        return body
    }

    /// Parses a body up to `end` and consumes the end tag name.
    mutating func parseBody(until end: [String]) throws(TemplateError) -> [Stmt] {
        try parseStatements(end, dropNeedle: true)
    }
}
