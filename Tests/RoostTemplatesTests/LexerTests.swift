@testable import RoostTemplates
import Testing

@Suite("Lexer")
struct LexerTests {
    func kinds(_ source: String, _ options: LexerOptions = LexerOptions()) throws -> [TokenKind] {
        try Lexer.tokenize(source, options: options, name: "t").map(\.kind)
    }

    @Test func splitsDataAndTags() throws {
        let k = try kinds("a {{ x }} b{% if y %}c{% endif %}")
        #expect(k == [
            .data("a "), .variableBegin, .name("x"), .variableEnd, .data(" b"), .blockBegin, .name("if"), .name("y"), .blockEnd,
            .data("c"), .blockBegin, .name("endif"), .blockEnd, .eof,
        ])
    }

    @Test func lexesOperatorsLongestFirst() throws {
        let k = try kinds("{{ a ** b // c == d != e <= f >= g }}")
        #expect(k.contains(.op(.pow)) && k.contains(.op(.floordiv)) && k.contains(.op(.eq)))
        #expect(k.contains(.op(.ne)) && k.contains(.op(.lteq)) && k.contains(.op(.gteq)))
    }

    @Test func lexesNumbersLikeJinja() throws {
        #expect(try kinds("{{ 1_000 }}")[1] == .integer(1000))
        #expect(try kinds("{{ 0x1F }}")[1] == .integer(31))
        #expect(try kinds("{{ 0b101 }}")[1] == .integer(5))
        #expect(try kinds("{{ 0o17 }}")[1] == .integer(15))
        #expect(try kinds("{{ 1.5e3 }}")[1] == .float(1500))
        #expect(try kinds("{{ 2E2 }}")[1] == .float(200))
        // `a.0.1` is attribute access, not a float
        #expect(try kinds("{{ a.0.1 }}") == [.variableBegin, .name("a"), .op(.dot), .integer(0), .op(.dot), .integer(1), .variableEnd, .eof])
    }

    @Test func decodesStringEscapes() throws {
        #expect(try kinds(#"{{ 'a\nb\x41\u00e9\'' }}"#)[1] == .string("a\nbAé'"))
        #expect(try kinds(#"{{ "\z" }}"#)[1] == .string("\\z"))
    }

    @Test func stripsWhitespaceWithMinus() throws {
        #expect(try kinds("a  \n {{- x -}} \n b") == [.data("a"), .variableBegin, .name("x"), .variableEnd, .data("b"), .eof])
    }

    @Test func trimBlocksAndLstripBlocks() throws {
        var options = LexerOptions()
        options.trimBlocks = true
        options.lstripBlocks = true
        let k = try kinds("x\n  {% if a %}\n  y\n  {% endif %}\n", options)
        #expect(k.first == .data("x\n"))
        #expect(k.contains(.data("  y\n")))
    }

    @Test func keepsRawContent() throws {
        #expect(try kinds("{% raw %}{{ x }}{% endraw %}") == [.data("{{ x }}"), .eof])
    }

    @Test func normalizesNewlinesAndDropsOneTrailing() throws {
        #expect(try kinds("a\r\nb\rc\n\n") == [.data("a\nb\nc\n"), .eof])
        var keep = LexerOptions()
        keep.keepTrailingNewline = true
        #expect(try kinds("a\n", keep) == [.data("a\n"), .eof])
    }

    @Test func tracksLinesAndColumns() throws {
        let tokens = try Lexer.tokenize("a\nb {{ x }}\n{% y %}", options: LexerOptions(), name: nil)
        let x = try #require(tokens.first { $0.kind == .name("x") })
        #expect(x.line == 2 && x.column == 6)
        let y = try #require(tokens.first { $0.kind == .name("y") })
        #expect(y.line == 3)
    }

    @Test func balancesBracketsBeforeClosingTags() throws {
        let k = try kinds("{{ {'a': {'b': 1}} }}")
        #expect(k.last == .eof)
        #expect(k.filter { $0 == .variableEnd }.count == 1)
    }

    @Test(arguments: [
        ("{{ 'abc }}", "unexpected char \"'\" at 3"),
        ("{# abc", "Missing end of comment tag"),
        ("{% raw %}abc", "Missing end of raw directive"),
        ("{{ (1 }}", "unexpected '}', expected ')'"),
        ("{{ 1 ) }}", "unexpected ')'"),
        ("{{ a $ b }}", "unexpected char '$' at 5"),
    ])
    func reportsJinjaMessages(_ source: String, _ message: String) {
        #expect(throws: TemplateError.self) { try Lexer.tokenize(source, options: LexerOptions(), name: "t") }
        do {
            _ = try Lexer.tokenize(source, options: LexerOptions(), name: "t")
        } catch {
            #expect(error.message == message)
            #expect(error.code == .syntax)
        }
    }

    @Test func handlesHugeInputWithoutRecursion() throws {
        let source = String(repeating: "{{ x }}", count: 20_000)
        #expect(try Lexer.tokenize(source, options: LexerOptions(), name: nil).count == 60_001)
    }
}
