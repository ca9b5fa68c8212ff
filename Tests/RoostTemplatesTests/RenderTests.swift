import RoostTemplates
import Testing

@Suite("Rendering API")
struct RenderTests {
    @Test func rendersFromStringsWithDictionaryContext() throws {
        let env = TemplateEnvironment()
        #expect(try env.renderString("Hello {{ name }}!", context: ["name": "World"]) == "Hello World!")
    }

    @Test func rendersNamedTemplatesIntoBytes() throws {
        let env = TemplateEnvironment(loader: DictionaryLoader(["page.html": "<p>{{ x }}</p>"]))
        var bytes: [UInt8] = Array("prefix:".utf8)
        try env.render("page.html", context: ["x": "<b>"], into: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == "prefix:<p>&lt;b&gt;</p>")
    }

    @Test func templateObjectsRenderRepeatedly() throws {
        let env = TemplateEnvironment(loader: DictionaryLoader(["t.txt": "{{ n * 2 }}"]))
        let t = try env.template(named: "t.txt")
        #expect(t.name == "t.txt")
        #expect(try t.render(["n": 2]) == "4")
        #expect(try t.render(["n": 5]) == "10")
    }

    @Test func perRenderGlobalsAreVisibleEverywhere() throws {
        let env = TemplateEnvironment(loader: DictionaryLoader([
            "page.html": "{% import 'macros.html' as m %}{{ csrf_token }} {{ m.form() }} {% include 'part.html' without context %}",
            "macros.html": "{% macro form() %}<input value=\"{{ csrf_token }}\">{% endmacro %}",
            "part.html": "[{{ request.path }}]",
        ]))
        let request: TemplateValue = ["path": "/home"]
        let out = try env.render("page.html", context: [:], globals: ["csrf_token": "tok", "request": request])
        #expect(out == "tok <input value=\"tok\"> [/home]")
    }

    @Test func contextOverridesGlobals() throws {
        var config = TemplateConfiguration()
        config.registerGlobal("site", "global")
        let env = TemplateEnvironment(configuration: config)
        #expect(try env.renderString("{{ site }}") == "global")
        #expect(try env.renderString("{{ site }}", context: ["site": "ctx"]) == "ctx")
        #expect(try env.renderString("{{ site }}", globals: ["site": "render"]) == "render")
    }

    @Test func customFiltersTestsAndGlobalFunctions() throws {
        var config = TemplateConfiguration()
        config.registerFilter("shout") { value, args in
            let times = args[0]?.intValue ?? 1
            return .string(value.printed.uppercased() + String(repeating: "!", count: times))
        }
        config.registerTest("short") { value, _ in (value.stringValue?.count ?? 0) < 4 }
        config.registerGlobal("add", function: { args in
            .int(args.positional.compactMap(\.intValue).reduce(0, +))
        })
        let env = TemplateEnvironment(configuration: config)
        #expect(try env.renderString("{{ 'hi'|shout(3) }} {{ 'abc' is short }} {{ 'abcdef' is short }} {{ add(1, 2, 3) }}") == "HI!!! True False 6")
        #expect(try env.renderString("{{ ['a', 'bbbbb']|select('short')|list }}") == "['a']")
    }

    @Test func autoescapeIsConfigurable() throws {
        var config = TemplateConfiguration()
        config.autoescape = .extensions(["svg"])
        let env = TemplateEnvironment(loader: DictionaryLoader(["a.svg": "{{ x }}", "a.html": "{{ x }}"]), configuration: config)
        #expect(try env.render("a.svg", context: ["x": "<"]) == "&lt;")
        #expect(try env.render("a.html", context: ["x": "<"]) == "<")
        config.autoescape = TemplateConfiguration.Autoescape { name in name == nil }
        #expect(try TemplateEnvironment(configuration: config).renderString("{{ '<' }}") == "&lt;")
    }

    @Test func whitespaceOptions() throws {
        var config = TemplateConfiguration()
        config.trimBlocks = true
        config.lstripBlocks = true
        config.keepTrailingNewline = true
        let env = TemplateEnvironment(configuration: config)
        #expect(try env.renderString("<ul>\n  {% for i in [1, 2] %}\n  <li>{{ i }}</li>\n  {% endfor %}\n</ul>\n") == "<ul>\n  <li>1</li>\n  <li>2</li>\n</ul>\n")
    }

    @Test func undefinedPolicies() throws {
        var config = TemplateConfiguration()
        #expect(try TemplateEnvironment(configuration: config).renderString("[{{ x }}]") == "[]")
        config.undefined = .debug
        #expect(try TemplateEnvironment(configuration: config).renderString("[{{ x }}]") == "[{{ x }}]")
        config.undefined = .chainable
        #expect(try TemplateEnvironment(configuration: config).renderString("[{{ x.y.z }}]") == "[]")
        config.undefined = .strict
        #expect(throws: TemplateError.self) { try TemplateEnvironment(configuration: config).renderString("{{ x }}") }
        #expect(try TemplateEnvironment(configuration: config).renderString("{{ x is defined }}{{ x|default('d') }}") == "Falsed")
    }

    @Test func templateValuesPrintLikePython() {
        #expect(TemplateValue.double(1).printed == "1.0")
        #expect(TemplateValue.double(1e20).printed == "1e+20")
        #expect(TemplateValue.double(0.1).printed == "0.1")
        #expect(TemplateValue.double(.infinity).printed == "inf")
        #expect(TemplateValue.none.printed == "None")
        #expect(TemplateValue.bool(true).printed == "True")
        #expect(TemplateValue.list(["a", 1]).printed == "['a', 1]")
        #expect(TemplateValue.tuple([1, 2]).printed == "(1, 2)")
        #expect(TemplateValue.tuple([1]).printed == "(1,)")
        #expect(TemplateValue.dict(TemplateDict(stringKeys: [("a", 1)])).printed == "{'a': 1}")
    }

    @Test func parsesJSONKeepingIntsAndFloats() throws {
        let v = try TemplateValue.parseJSON(#"{"i": 1, "f": 1.0, "e": 1e3, "s": "\u00e9\ud83d\ude00", "n": null, "l": [true]}"#)
        guard case .dict(let d) = v else {
            Issue.record("expected a dict")
            return
        }
        #expect(d["i"] == .int(1) && d["i"]?.printed == "1")
        #expect(d["f"]?.printed == "1.0")
        #expect(d["e"]?.printed == "1000.0")
        #expect(d["s"] == "é😀")
        #expect(d["n"] == TemplateValue.none)
        #expect(d.keys.map(\.printed) == ["i", "f", "e", "s", "n", "l"])
        #expect(throws: TemplateError.self) { try TemplateValue.parseJSON("{\"a\": }") }
    }

    @Test func customObjectsExposeOnlyWhatTheyChoose() throws {
        final class User: TemplateObject {
            let name = "Ada"
            let passwordHash = "secret"
            var typeName: String { "User" }
            func attribute(named name: String) -> TemplateValue? {
                name == "name" ? .string(self.name) : nil
            }
        }
        let env = TemplateEnvironment()
        let out = try env.renderString("{{ user.name }}[{{ user.passwordHash }}]{{ user }}", context: ["user": .object(User())])
        #expect(out == "Ada[]<User object>")
    }
}
