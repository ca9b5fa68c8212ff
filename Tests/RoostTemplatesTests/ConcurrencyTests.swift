import RoostTemplates
import Testing

@Suite("Concurrency")
struct ConcurrencyTests {
    @Test func rendersFromManyTasksAtOnce() async throws {
        let env = TemplateEnvironment(loader: DictionaryLoader([
            "base.html": "<ul>{% block items %}{% endblock %}</ul>",
            "page.html": "{% extends 'base.html' %}{% import 'm.html' as m %}{% block items %}{% for i in items %}{{ m.item(i) }}{% endfor %}{% endblock %}",
            "m.html": "{% macro item(i) %}<li>{{ i }}</li>{% endmacro %}",
        ]))
        let results = try await withThrowingTaskGroup(of: Bool.self) { group in
            for n in 0..<64 {
                group.addTask {
                    let items = (0..<(n % 7)).map { TemplateValue.int($0) }
                    let out = try env.render("page.html", context: ["items": .list(items)])
                    let expected = "<ul>" + items.map { "<li>\($0.printed)</li>" }.joined() + "</ul>"
                    return out == expected
                }
            }
            var all: [Bool] = []
            for try await ok in group { all.append(ok) }
            return all
        }
        #expect(results.count == 64)
        #expect(results.allSatisfy { $0 })
    }

    @Test func sharedTemplateRendersIndependently() async throws {
        let env = TemplateEnvironment()
        let template = try env.template(source: "{% set ns = namespace(n=0) %}{% for i in range(k) %}{% set ns.n = ns.n + i %}{% endfor %}{{ ns.n }}")
        let sums = try await withThrowingTaskGroup(of: (Int, String).self) { group in
            for k in 0..<50 {
                group.addTask { (k, try template.render(["k": .int(k)])) }
            }
            var out: [(Int, String)] = []
            for try await r in group { out.append(r) }
            return out
        }
        for (k, text) in sums {
            #expect(text == String(k * (k - 1) / 2))
        }
    }

    struct Row: Encodable, Sendable {
        var id: Int
        var name: String
        var tags: [String: Int]
    }

    struct Page: Encodable, Sendable {
        var title: String
        var rows: [Row]
    }

    /// `Encodable` contexts are encoded with sessions shared through the environment's pool.
    @Test func encodableContextsFromManyTasksAtOnce() async throws {
        let env = TemplateEnvironment()
        let template = try env.template(
            source: "{{ title }}:{% for r in rows %}{{ r.id }}={{ r.name|upper }}{{ r.tags }};{% endfor %}")
        let results = try await withThrowingTaskGroup(of: Bool.self) { group in
            for n in 0..<64 {
                group.addTask {
                    let rows = (0..<(n % 9)).map { Row(id: $0, name: "row \($0) of \(n)", tags: ["n": n, "i": $0]) }
                    var out = ""
                    for _ in 0..<20 { out = try template.render(Page(title: "t\(n)", rows: rows)) }
                    let expected = "t\(n):" + rows.map { "\($0.id)=\($0.name.uppercased()){'i': \($0.id), 'n': \(n)};" }.joined()
                    return out == expected
                }
            }
            var all: [Bool] = []
            for try await ok in group { all.append(ok) }
            return all
        }
        #expect(results.count == 64)
        #expect(results.allSatisfy { $0 })
    }

    @Test func environmentIsSendable() {
        func requireSendable<T: Sendable>(_: T) {}
        requireSendable(TemplateEnvironment())
        requireSendable(TemplateConfiguration())
        requireSendable(TemplateValue.string("x"))
    }
}
