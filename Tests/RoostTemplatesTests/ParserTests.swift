@testable import RoostTemplates
import Testing

@Suite("Parser")
struct ParserTests {
    func parse(_ source: String, maxDepth: Int = 100) throws(TemplateError) -> [Stmt] {
        try Parser.parse(source: source, name: "t", options: LexerOptions(), maxDepth: maxDepth)
    }

    func render(_ source: String, _ context: [String: TemplateValue] = [:]) throws -> String {
        try TemplateEnvironment().renderString(source, context: context)
    }

    @Test func parsesStatementsIntoNodes() throws {
        let body = try parse("a{% if x %}b{% elif y %}c{% else %}d{% endif %}{% for i in l %}{% endfor %}")
        #expect(body.count == 3)
        guard case .ifStmt(_, _, let elifs, let otherwise) = body[1].kind else {
            Issue.record("expected an if statement")
            return
        }
        #expect(elifs.count == 1 && otherwise.count == 1)
        guard case .forLoop(let loop) = body[2].kind else {
            Issue.record("expected a for loop")
            return
        }
        #expect(!loop.recursive && loop.filter == nil)
    }

    @Test func followsJinjaPrecedence() throws {
        #expect(try render("{{ 2 + 3 * 4 }}") == "14")
        #expect(try render("{{ -2 ** 2 }}") == "4")
        #expect(try render("{{ 2 ** 3 ** 2 }}") == "64")
        #expect(try render("{{ -1|abs }}") == "1")
        #expect(try render("{{ not 1 == 2 }}") == "True")
        #expect(try render("{{ 1 if false else 2 if false else 3 }}") == "3")
        #expect(try render("{{ 'a' ~ 2 * 3 }}") == "a6")
    }

    @Test func parsesCallsWithAllArgumentKinds() throws {
        let out = try render("{% macro m(a, b=2) %}{{ a }}{{ b }}{{ varargs }}{{ kwargs }}{% endmacro %}{{ m(*[1, 2, 3], **{'k': 4}) }}")
        #expect(out == "12(3,){'k': 4}")
    }

    @Test func parsesSlicesAndSubscripts() throws {
        #expect(try render("{{ 'abcdef'[1:5:2] }}{{ [1, 2, 3][-1] }}{{ {'a': 1}['a'] }}") == "bd31")
    }

    @Test(arguments: [
        ("{% if %}{% endif %}", "Expected an expression, got 'end of statement block'", 1),
        ("{{ 1 + }}", "unexpected 'end of print statement'", 1),
        ("a\n{% for x in y %}", "Unexpected end of template. Jinja was looking for the following tags: 'endfor' or 'else'. The innermost block that needs to be closed is 'for'.", 2),
        ("{% foo %}", "Encountered unknown tag 'foo'.", 1),
        ("{% macro m(a=1, b) %}{% endmacro %}", "non-default argument follows default argument", 1),
        ("{{ x is a is b }}", "You cannot chain multiple tests with is", 1),
        ("{% call m %}{% endcall %}", "expected call", 1),
    ])
    func reportsSyntaxErrors(_ source: String, _ message: String, _ line: Int) {
        do {
            _ = try parse(source)
            Issue.record("expected an error for \(source)")
        } catch {
            #expect(error.message == message)
            #expect(error.line == line)
            #expect(error.templateName == "t")
        }
    }

    @Test func boundsNestingDepthInsteadOfCrashing() {
        let deep = "{{ " + String(repeating: "(", count: 100_000) + "1" + String(repeating: ")", count: 100_000) + " }}"
        do {
            _ = try parse(deep)
            Issue.record("expected a nesting error")
        } catch {
            #expect(error.code == .limitExceeded)
            #expect(error.message.contains("nested too deeply"))
        }
        let lists = "{{ " + String(repeating: "[", count: 50_000) + String(repeating: "]", count: 50_000) + " }}"
        #expect(throws: TemplateError.self) { try parse(lists) }
        let tags = String(repeating: "{% if x %}", count: 10_000) + String(repeating: "{% endif %}", count: 10_000)
        #expect(throws: TemplateError.self) { try parse(tags) }
        let nots = "{{ " + String(repeating: "not ", count: 100_000) + "x }}"
        #expect(throws: TemplateError.self) { try parse(nots) }
        let unary = "{{ " + String(repeating: "-", count: 100_000) + "x }}"
        #expect(throws: TemplateError.self) { try parse(unary) }
    }

    @Test func acceptsModerateNesting() throws {
        let source = "{{ " + String(repeating: "(", count: 30) + "1" + String(repeating: ")", count: 30) + " }}"
        #expect(try render(source) == "1")
    }
}
