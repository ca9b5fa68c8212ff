import RoostTemplates
import Testing

/// A `{% for name in … %}` loop whose body only reads lends each item to the target's slot
/// without a copy; a body with a `{% set %}` takes the ordinary path. Both must render the same
/// text and leave the context's values intact, also when the body fails halfway.
@Suite("Lent loop items")
struct LentLoopItemTests {
    struct Row: Encodable {
        var id: Int
        var message: String
        var tags: [String]
    }

    struct Page: Encodable {
        var rows: [Row]
    }

    static let page = Page(rows: [
        Row(id: 1, message: "a message long enough to live outside the string value", tags: ["x", "y"]),
        Row(id: 2, message: "<short>", tags: []),
        Row(id: 3, message: "café 🙂 and more text after the emoji", tags: ["z"]),
    ])

    /// Loops that lend their items; `@` marks where a `set` goes to make the body copy them.
    static let bodies = [
        "{% for r in rows %}@{{ r.id }}:{{ r.message }};{% endfor %}",
        "{% for r in rows %}@{{ r.message|upper }}{% if r.tags %}[{{ r.tags|join(',') }}]{% endif %}{% endfor %}",
        "{% for r in rows %}@{% for r in r.tags %}({{ r }}){% endfor %}{{ r.id }}{% endfor %}",
        "{% for r in rows %}@{{ loop.index }}{{ loop.previtem.id if loop.previtem else '-' }}{{ r.id }}{% endfor %}",
        "{% for r in rows %}@{{ show(r) }}{% else %}none{% endfor %}",
        "{% for r in rows if r.id > 1 %}@{{ r.id }}{% endfor %}",
        "{% for r in rows %}@{% filter upper %}{{ r.message }}{% endfilter %}{% endfor %}",
    ]

    static let macro = "{% macro show(row) %}<{{ row.id }}|{{ row.message }}>{% endmacro %}"
    static let after = "|{{ rows|map(attribute='message')|join('/') }}|{{ rows[0].tags|length }}"

    @Test(arguments: bodies)
    func lendingAndCopyingAgree(body: String) throws {
        let env = TemplateEnvironment()
        let lent = try env.template(source: Self.macro + body.replacing("@", with: "") + Self.after).render(Self.page)
        let copying = Self.macro + body.replacing("@", with: "{% set unused = 1 %}") + Self.after
        let copied = try env.template(source: copying).render(Self.page)
        #expect(lent == copied)
        #expect(lent.hasSuffix("|a message long enough to live outside the string value/<short>/café 🙂 and more text after the emoji|2"))
    }

    @Test func aFailingBodyLeavesTheValuesIntact() throws {
        let env = TemplateEnvironment()
        let template = try env.template(source: "{% for r in rows %}{{ r.message }}{{ 1 // (r.id - 2) }}{% endfor %}")
        let context: [String: TemplateValue] = ["rows": try TemplateValueEncoder().encode(Self.page.rows)]
        for _ in 0..<3 {
            #expect(throws: TemplateError.self) { try template.render(context) }
        }
        let reread = try env.renderString("{% for r in rows %}{{ r.message|length }},{% endfor %}", context: context)
        #expect(reread == "54,7,36,")
    }

    @Test func aLoopInAMacroCalledAgainAndAgain() throws {
        let env = TemplateEnvironment()
        let source = "{% macro each(rows) %}{% for r in rows %}{{ r.id }}{% endfor %}{% endmacro %}"
            + "{% for _ in range(50) %}{{ each(rows) }}{% endfor %}"
        let output = try env.template(source: source).render(Self.page)
        #expect(output == String(repeating: "123", count: 50))
    }
}
