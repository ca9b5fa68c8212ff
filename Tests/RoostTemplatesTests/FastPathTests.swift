import RoostTemplates
import Testing

/// Filters printed directly (`{{ x|upper }}`) write into the output without building their
/// result; the same filter assigned first (`{% set y = x|upper %}{{ y }}`) runs the general
/// implementation. Both must give the same text, or the same error, for every kind of input.
@Suite("Fast paths")
struct FastPathTests {
    static let inputs: [String: TemplateValue] = [
        "ascii": "the quick-brown fox (jumps) over [the] lazy dog",
        "special": "Fish & <Chips> \"quoted\" 'single' & more <b>bold</b> text to truncate",
        "unicode": "émile zola — été à la plage, ça va très bien merci beaucoup",
        "emoji": "🙂 smile 🙂 smile 🙂 smile 🙂 smile 🙂 smile 🙂 smile",
        "markup": .markup("<b>Bold</b> & <i>italic</i> markup that is long enough to be cut"),
        "short": "hi",
        "empty": "",
        "spaces": "                                                          x",
        "int": 42,
        "negative": -7,
        "float": 1234.5678,
        "tiny": 0.005,
        "huge": 1e22,
        "negzero": -0.0,
        "yes": true,
        "none": .none,
        "list": ["a", 1],
    ]

    static let filters = [
        "upper", "lower", "capitalize", "title", "truncate(10)", "truncate(20, true)", "truncate(12, end='&…')",
        "truncate(9, False, '...', 0)", "truncate(3)", "truncate(2)", "truncate(length=15, leeway=2)",
        "default('none', true)", "default('x')", "d(none)", "default(boolean=true)",
    ]

    static func environment(autoescape: Bool) -> TemplateEnvironment {
        var config = TemplateConfiguration()
        config.autoescape = autoescape ? .enabled : .disabled
        return TemplateEnvironment(configuration: config)
    }

    static func outcome(_ env: TemplateEnvironment, _ source: String, _ context: [String: TemplateValue]) -> String {
        do {
            return try env.renderString(source, context: context)
        } catch {
            // The message without the quoted source line, which differs between the two forms.
            return "error: " + (String(describing: error).split(separator: "\n").first ?? "")
        }
    }

    @Test(arguments: [true, false])
    func filtersAgreeWithTheGeneralPath(autoescape: Bool) {
        let env = Self.environment(autoescape: autoescape)
        for name in Self.inputs.keys.sorted() + ["missing"] {
            for filter in Self.filters {
                let direct = Self.outcome(env, "{{ \(name)|\(filter) }}", Self.inputs)
                let general = Self.outcome(env, "{% set y = \(name)|\(filter) %}{{ y }}", Self.inputs)
                #expect(direct == general, "\(name)|\(filter)")
            }
        }
    }

    /// `default` with literal arguments is bound at compile time; with a variable it is not.
    @Test func defaultAgreesWithTheGeneralPath() {
        let env = Self.environment(autoescape: true)
        for name in Self.inputs.keys.sorted() + ["missing"] {
            let direct = Self.outcome(env, "{{ \(name)|default('none', true) }}|{{ \(name)|d('-') }}", Self.inputs)
            let general = Self.outcome(
                env, "{% set a = 'none' %}{% set b = '-' %}{{ \(name)|default(a, true) }}|{{ \(name)|d(b) }}", Self.inputs)
            #expect(direct == general, "\(name)")
        }
    }

    @Test(arguments: [true, false])
    func fixedPointFormatAgreesWithTheGeneralPath(autoescape: Bool) {
        let env = Self.environment(autoescape: autoescape)
        for name in Self.inputs.keys.sorted() + ["missing"] {
            for format in ["%.2f", "%.0f", "%.1f", "%.12f", "%.17f"] {
                let direct = Self.outcome(env, "{{ '\(format)'|format(\(name)) }}", Self.inputs)
                let general = Self.outcome(env, "{% set y = '\(format)'|format(\(name)) %}{{ y }}", Self.inputs)
                #expect(direct == general, "\(format) % \(name)")
            }
        }
        #expect(Self.outcome(env, "{{ '%.2f'|format(x) }}", ["x": 2.675]) == "2.67")
        #expect(Self.outcome(env, "{{ '%.2f'|format(x) }}", ["x": -0.001]) == "-0.00")
        #expect(Self.outcome(env, "{{ '%.3f'|format(x) }}", ["x": 1_000_000]) == "1000000.000")
    }

    /// Macros called with positional arguments get their frame reused from call to call:
    /// nothing may leak from one call into the next.
    @Test func macroCallsDoNotSeeEarlierCalls() throws {
        let env = Self.environment(autoescape: true)
        let cases: [(String, String)] = [
            ("{% macro m(x) %}{% if x %}{% set y = 'set' %}{% endif %}[{{ y }}]{% endmacro %}{{ m(1) }}{{ m(0) }}", "[set][]"),
            ("{% macro m(a, b=2) %}{{ a }}{{ b }}{% endmacro %}{{ m(1) }}{{ m(1, 3) }}{{ m(4) }}", "121342"),
            ("{% macro f(n) %}{% if n > 0 %}{{ n }}{{ f(n - 1) }}{% endif %}{% endmacro %}{{ f(3) }}{{ f(2) }}", "32121"),
            ("{% macro outer(x) %}{% macro inner() %}{{ x }}{% endmacro %}{{ inner() }}{% endmacro %}{{ outer(1) }}{{ outer(2) }}", "12"),
            ("{% macro m(x) %}{% for i in range(x) %}{{ loop.cycle('a', 'b') }}{% endfor %}{% endmacro %}{{ m(3) }}{{ m(2) }}", "abaab"),
            ("{% macro m(x) %}{{ varargs }}{{ kwargs }}{% endmacro %}{{ m(1, 2) }}{{ m(1, k=3) }}", "(2,){}(){&#39;k&#39;: 3}"),
            ("{% macro m() %}{{ caller is defined }}{% endmacro %}{{ m() }}{% call m() %}x{% endcall %}", "FalseTrue"),
            ("{% macro m(x) %}{% set ns = namespace(n=x) %}{% set ns.n = ns.n + 1 %}{{ ns.n }}{% endmacro %}{{ m(1) }}{{ m(5) }}", "26"),
        ]
        for (source, expected) in cases {
            #expect(Self.outcome(env, source, [:]) == expected, "\(source)")
        }
        #expect(Self.outcome(env, "{% set d = {'cycle': none} %}{{ d.cycle }}", [:]) == "None")
    }

    /// Loop targets that are plain names are stored straight into their slot.
    @Test func loopTargetsAndLoopVariable() {
        let env = Self.environment(autoescape: false)
        let cases: [(String, String)] = [
            ("{% for a, b in [(1,2),(3,4)] %}{{ a }}{{ b }}{{ loop.index }};{% endfor %}", "121;342;"),
            ("{% for i in [1,2] %}{% for i in [3,4] %}{{ i }}{{ loop.index }}{% endfor %}{{ i }}{{ loop.index }}{% endfor %}", "314211314222"),
            ("{% for i in [1,2] %}{% set i = i * 10 %}{{ i }}{% endfor %}", "1020"),
            ("{% set x = 'top' %}{% for x in [1, 2] %}{{ x }}{% endfor %}{{ x }}", "12top"),
            ("{% for x in [1, 2] if x > 1 %}{{ x }}{{ loop.length }}{% else %}none{% endfor %}", "21"),
            ("{% for x in [] %}{{ x }}{% else %}none{% endfor %}", "none"),
        ]
        for (source, expected) in cases {
            #expect(Self.outcome(env, source, [:]) == expected, "\(source)")
        }
        // Jinja rejects assigning `loop`; this engine lets the body shadow it until the next item.
        #expect(Self.outcome(env, "{% for i in [1, 2] %}{{ loop.index }}{% set loop = 5 %}{{ loop }}{% endfor %}", [:]) == "1525")
    }

    final class Probe: TemplateObject {
        var typeName: String { "Probe" }
        func attribute(named name: String) -> TemplateValue? { name == "name" ? "probe" : nil }
    }

    /// A macro sits in a slot of the frame it captures; the render must still free both (and
    /// everything the frame holds) when it ends.
    @Test func rendersWithMacrosFreeTheirContext() throws {
        let env = Self.environment(autoescape: true)
        let template = try env.template(
            source: "{% macro m(x) %}{{ p.name }}{{ x }}{% endmacro %}{% macro w() %}[{{ caller() }}]{% endmacro %}"
                + "{% for i in [1, 2] %}{{ m(i) }}{% endfor %}{% call w() %}{{ m(3) }}{% endcall %}")
        weak var weakProbe: Probe?
        do {
            let probe = Probe()
            weakProbe = probe
            #expect(try template.render(["p": .object(probe)]) == "probe1probe2[probe3]")
        }
        #expect(weakProbe == nil)
    }
}

