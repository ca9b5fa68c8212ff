@testable import RoostTemplates
import Testing

/// The output fast path reads strings inside a ``TemplateValue`` in place, relying on where
/// Swift lays out an enum's payload: these values must come out byte for byte.
@Suite struct InPlaceValueTests {
    static let strings = [
        "", "a", "fifteen bytes!!", "sixteen bytes!!!", "<script>alert(\"x\")</script> & more text here",
        "héllo wörld, ünïcode", "emoji 🎉👩‍💻 and CJK 漢字", String(repeating: "long ", count: 200),
    ]

    @Test(arguments: strings)
    func stringsAndMarkupAreReadInPlace(_ text: String) {
        for value in [TemplateValue.string(text), .markup(text)] {
            var slot = value
            let bytes = withUnsafeMutablePointer(to: &slot) { p in
                TemplateValue.withStringBytes(at: p) { Array($0) }
            }
            #expect(bytes == Array(text.utf8))
        }
        var slot = TemplateValue.string(text)
        #expect(withUnsafeMutablePointer(to: &slot) { TemplateValue.isString(at: $0) })
    }

    @Test func otherValuesAreNotStrings() {
        for value in [TemplateValue.int(7), .none, .bool(true), .double(1.5), .list([.string("a")]), .markup("m")] {
            var slot = value
            withUnsafeMutablePointer(to: &slot) { p in
                #expect(!TemplateValue.isString(at: p))
                if case .markup = value { return }
                #expect(TemplateValue.withStringBytes(at: p) { _ in true } == nil)
            }
        }
    }

    @Test func printedOutputMatchesForEveryKind() throws {
        let env = TemplateEnvironment(loader: DictionaryLoader(["t.html": "{% for r in rows %}[{{ r.v }}]{% endfor %}"]))
        let rows: [TemplateValue] = Self.strings.map { .dict(TemplateDict(stringKeys: [("v", .string($0))])) }
            + [.dict(TemplateDict(stringKeys: [("v", .markup("<b>"))])), .dict(TemplateDict(stringKeys: [("v", .int(-42))])),
               .dict(TemplateDict(stringKeys: [("v", .double(2.5))])), .dict(TemplateDict(stringKeys: [("v", .none)]))]
        let output = try env.template(named: "t.html").render(["rows": .list(rows)])
        let expected = Self.strings.map { "[" + Escaper.escape($0) + "]" }.joined() + "[<b>][-42][2.5][None]"
        #expect(output == expected)
    }
}
