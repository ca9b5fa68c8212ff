import Foundation
import RoostTemplates
import Testing

@Suite("Filters")
struct FilterTests {
    let env = TemplateEnvironment()

    func render(_ source: String, _ context: [String: TemplateValue] = [:]) throws -> String {
        try env.renderString(source, context: context)
    }

    static let jinjaFilters = [
        "abs", "attr", "batch", "capitalize", "center", "count", "d", "default", "dictsort", "e", "escape",
        "filesizeformat", "first", "float", "forceescape", "format", "groupby", "indent", "int", "items", "join",
        "last", "length", "list", "lower", "map", "max", "min", "pprint", "random", "reject", "rejectattr",
        "replace", "reverse", "round", "safe", "select", "selectattr", "slice", "sort", "string", "striptags",
        "sum", "title", "tojson", "trim", "truncate", "unique", "upper", "urlencode", "urlize", "wordcount",
        "wordwrap", "xmlattr",
    ]

    @Test(arguments: jinjaFilters)
    func everyJinjaFilterExists(_ name: String) throws {
        #expect(try render("{{ '\(name)' is filter }}") == "True")
    }

    @Test func randomPicksAnElement() throws {
        for _ in 0..<20 {
            #expect(["a", "b", "c"].contains(try render("{{ ['a', 'b', 'c']|random }}")))
        }
        #expect(try render("[{{ []|random }}]") == "[]")
    }

    @Test func lipsumShapesParagraphs() throws {
        let html = try render("{{ lipsum(3) }}")
        #expect(html.hasPrefix("<p>") && html.hasSuffix("</p>"))
        #expect(html.components(separatedBy: "</p>\n<p>").count == 3)
        let text = try render("{{ lipsum(2, false, 5, 6) }}")
        #expect(text.components(separatedBy: "\n\n").count == 2)
        #expect(text.split(whereSeparator: \.isWhitespace).count == 10)
    }

    @Test func escapeKeepsMarkupSemantics() throws {
        #expect(try render("{{ v|e }}|{{ v|e|e }}|{{ v|safe|e }}|{{ v|forceescape|forceescape }}", ["v": "<&'\">"])
            == "&lt;&amp;&#39;&#34;&gt;|&lt;&amp;&#39;&#34;&gt;|<&'\">|&amp;lt;&amp;amp;&amp;#39;&amp;#34;&amp;gt;")
    }

    @Test func roundMatchesPythonBankersRounding() throws {
        #expect(try render("{{ 0.5|round }} {{ 1.5|round }} {{ 2.675|round(2) }} {{ 1.005|round(2) }} {{ 125|round(-1) }} {{ 135|round(-1) }}")
            == "0.0 2.0 2.67 1.0 120 140")
    }

    @Test func numberFormattingMatchesPython() throws {
        #expect(try render("{{ '%.2f'|format(2.675) }} {{ '%e'|format(0.000123) }} {{ '%g'|format(1e-5) }} {{ '%10.4f|'|format(3.14159) }}")
            == "2.67 1.230000e-04 1e-05     3.1416|")
        #expect(try render("{{ '{:,.2f}'.format(1234567.891) }} {{ '{:08.3f}'.format(-3.5) }} {{ '{:+d}'.format(5) }}")
            == "1,234,567.89 -003.500 +5")
    }

    @Test func sortIsStableAndCaseInsensitiveByDefault() throws {
        let items: TemplateValue = [["n": "b", "k": 1], ["n": "A", "k": 2], ["n": "a", "k": 3], ["n": "B", "k": 4]]
        #expect(try render("{{ items|sort(attribute='n')|map(attribute='k')|join }}", ["items": items]) == "2314")
        #expect(try render("{{ items|sort(attribute='n', reverse=true)|map(attribute='k')|join }}", ["items": items]) == "1423")
    }

    @Test func mapSelectAndFriendsComposeWithCustomFilters() throws {
        var config = TemplateConfiguration()
        config.registerFilter("double") { v, _ in .int((v.intValue ?? 0) * 2) }
        let custom = TemplateEnvironment(configuration: config)
        #expect(try custom.renderString("{{ [1, 2, 3]|map('double')|select('>', 2)|list }}") == "[4, 6]")
    }

    @Test func filterArgumentErrors() {
        #expect(throws: TemplateError.self) { try render("{{ 1.5|round(method='up') }}") }
        #expect(throws: TemplateError.self) { try render("{{ {}|dictsort(by='x') }}") }
        #expect(throws: TemplateError.self) { try render("{{ '%s'|format(1, a=2) }}") }
        #expect(throws: TemplateError.self) { try render("{{ [1]|map }}") }
    }
}
