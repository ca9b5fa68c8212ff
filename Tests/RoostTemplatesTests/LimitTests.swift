import RoostTemplates
import Testing

@Suite("Limits")
struct LimitTests {
    func env(_ templates: [String: String] = [:], _ adjust: (inout TemplateConfiguration) -> Void = { _ in }) -> TemplateEnvironment {
        var config = TemplateConfiguration()
        adjust(&config)
        return TemplateEnvironment(loader: DictionaryLoader(templates), configuration: config)
    }

    func expectLimit(_ body: () throws -> Void, contains text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            try body()
            Issue.record("expected a limit error", sourceLocation: sourceLocation)
        } catch let error as TemplateError {
            #expect(error.code == .limitExceeded, "\(error)", sourceLocation: sourceLocation)
            #expect(error.message.contains(text), "\(error)", sourceLocation: sourceLocation)
        } catch {
            Issue.record("unexpected \(error)", sourceLocation: sourceLocation)
        }
    }

    @Test func runawayMacroRecursionIsAnError() {
        let e = env(["r.txt": "{% macro r(n) %}{{ r(n + 1) }}{% endmacro %}{{ r(0) }}"])
        expectLimit({ _ = try e.render("r.txt") }, contains: "recursion depth")
    }

    @Test func selfIncludeIsAnError() {
        let e = env(["a.txt": "a{% include 'a.txt' %}"])
        expectLimit({ _ = try e.render("a.txt") }, contains: "recursion depth")
    }

    @Test func selfExtendsIsAnError() {
        let e = env(["a.txt": "{% extends 'a.txt' %}"])
        expectLimit({ _ = try e.render("a.txt") }, contains: "recursion depth")
    }

    @Test func runawayRecursiveLoopIsAnError() {
        let e = env()
        expectLimit({
            _ = try e.renderString("{% for x in [1] recursive %}{{ loop([1]) }}{% endfor %}")
        }, contains: "recursion depth")
    }

    @Test func recursionDepthIsConfigurable() throws {
        let source = "{% macro r(n) %}{% if n > 0 %}{{ r(n - 1) }}{% else %}done{% endif %}{% endmacro %}{{ r(40) }}"
        #expect(try env().renderString(source) == "done")
        let strict = env { $0.limits.maxRecursionDepth = 10 }
        expectLimit({ _ = try strict.renderString(source) }, contains: "recursion depth of 10")
    }

    @Test func rangeIsCappedLikeTheSandbox() throws {
        expectLimit({ _ = try env().renderString("{{ range(100001)|length }}") }, contains: "MAX_RANGE")
        #expect(try env().renderString("{{ range(100000)|length }}") == "100000")
        expectLimit({ _ = try env().renderString("{{ range(0, 10**12, 2)|length }}") }, contains: "Range too big")
    }

    @Test func stringRepetitionIsBounded() {
        expectLimit({ _ = try env().renderString("{{ 'a' * 10**9 }}") }, contains: "size limit")
        expectLimit({ _ = try env().renderString("{{ [1] * 10**9 }}") }, contains: "items")
    }

    @Test func hugePowersAreErrors() {
        expectLimit({ _ = try env().renderString("{{ 2 ** 10**9 }}") }, contains: "too large")
        expectLimit({ _ = try env().renderString("{{ 10 ** 100 }}") }, contains: "too large")
    }

    @Test func outputSizeIsBounded() {
        let small = env { $0.limits.maxOutputBytes = 1000 }
        expectLimit({ _ = try small.renderString("{% for i in range(1000) %}xxxxxxxxxx{% endfor %}") }, contains: "limit of 1000 bytes")
    }

    @Test func doublingStringsInALoopIsBounded() {
        let source = "{% set ns = namespace(s='ab') %}{% for i in range(100) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s|length }}"
        expectLimit({ _ = try env().renderString(source) }, contains: "size limit")
    }

    @Test func loopIterationsAreBudgeted() {
        let tight = env { $0.limits.maxLoopIterations = 10_000 }
        expectLimit({
            _ = try tight.renderString("{% for i in range(1000) %}{% for j in range(1000) %}{% endfor %}{% endfor %}")
        }, contains: "iteration budget")
    }

    @Test func filtersThatPadAreBounded() {
        expectLimit({ _ = try env().renderString("{{ 'x'|center(10**10) }}") }, contains: "size limit")
        expectLimit({ _ = try env().renderString("{{ 'x'|indent(10**10, true) }}") }, contains: "size limit")
        expectLimit({ _ = try env().renderString("{{ '%10000000000d'|format(1) }}") }, contains: "size limit")
    }
}
