import RoostTemplates
import Synchronization
import Testing

/// After a render with an `Encodable` context, the dicts nothing else holds are emptied and
/// kept for the next render's values of the same types. Whatever a filter, a global or the
/// caller kept must never change, and each render must see exactly its own values.
@Suite("Dict recycling")
struct DictRecyclingTests {
    struct Row: Encodable {
        var id: Int
        var message: String
        var note: String?
    }

    struct Group: Encodable {
        var name: String
        var rows: [Row]
        var nested: [[Row]]
    }

    struct Page: Encodable {
        var title: String
        var groups: [Group]
        var extra: TemplateValue
    }

    static func page(_ n: Int) -> Page {
        let rows = (0..<n).map { Row(id: $0, message: "message \($0) of render \(n), long enough to be stored apart", note: $0 % 2 == 0 ? nil : "odd") }
        return Page(
            title: "page \(n)",
            groups: [Group(name: "g\(n)", rows: rows, nested: [rows, Array(rows.prefix(1))])],
            extra: .dict(TemplateDict(stringKeys: [("kept", .string("extra \(n)"))])))
    }

    static let source = """
        {{ title }}{% for g in groups %}[{{ g.name }}{% for r in g.rows %}|{{ r.id }}:{{ r.message }}:{{ r.note }}{% endfor %}\
        {% for rows in g.nested %}<{% for r in rows %}{{ r.id }}{% endfor %}>{% endfor %}]{% endfor %}{{ extra.kept }}
        """

    static func expected(_ n: Int) -> String {
        var text = "page \(n)[g\(n)"
        for i in 0..<n { text += "|\(i):message \(i) of render \(n), long enough to be stored apart:\(i % 2 == 0 ? "None" : "odd")" }
        text += "<" + (0..<n).map(String.init).joined() + ">"
        text += "<" + (n > 0 ? "0" : "") + ">]extra \(n)"
        return text
    }

    @Test func eachRenderSeesItsOwnValues() throws {
        let template = try TemplateEnvironment().template(source: Self.source)
        // Growing, shrinking and empty lists: recycled dicts are refilled, new ones made.
        for n in [3, 3, 10, 1, 0, 7, 7, 2] {
            #expect(try template.render(Self.page(n)) == Self.expected(n))
        }
    }

    @Test func valuesAFilterKeptStayAsTheyWere() throws {
        let kept = Mutex<[TemplateValue]>([])
        var config = TemplateConfiguration()
        config.registerFilter("keep") { value, _ in
            kept.withLock { $0.append(value) }
            return .string("")
        }
        let template = try TemplateEnvironment(configuration: config)
            .template(source: "{{ groups[0].rows[0]|keep }}{{ groups[0]|keep }}{{ groups[0].rows[1].message }}")
        for n in [4, 5, 6] {
            _ = try template.render(Self.page(n))
        }
        let printed = kept.withLock { $0.map(\.printed) }
        #expect(printed.count == 6)
        #expect(printed[0] == "{'id': 0, 'message': 'message 0 of render 4, long enough to be stored apart', 'note': None}")
        #expect(printed[2] == "{'id': 0, 'message': 'message 0 of render 5, long enough to be stored apart', 'note': None}")
        #expect(printed[5].hasPrefix("{'name': 'g6', 'rows': [{'id': 0, 'message': 'message 0 of render 6"))
    }

    @Test func theCallersValuesAreNotTouched() throws {
        let template = try TemplateEnvironment().template(source: Self.source)
        let shared = TemplateValue.dict(TemplateDict(stringKeys: [("kept", .list([.dict(TemplateDict(stringKeys: [("x", 1)]))]))]))
        var page = Self.page(2)
        page.extra = shared
        for _ in 0..<3 {
            _ = try template.render(page)
        }
        #expect(shared.printed == "{'kept': [{'x': 1}]}")
    }

    @Test func concurrentRendersDoNotMixTheirValues() async throws {
        let template = try TemplateEnvironment().template(source: Self.source)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for task in 0..<8 {
                group.addTask {
                    for round in 0..<50 {
                        let n = (task + round) % 6
                        let output = try template.render(Self.page(n))
                        #expect(output == Self.expected(n))
                    }
                }
            }
            try await group.waitForAll()
        }
    }

    @Test func aFailedRenderDoesNotSpoilTheNext() throws {
        let template = try TemplateEnvironment().template(source: "{% for r in groups[0].rows %}{{ r.message }}{{ 1 // (r.id - 1) }}{% endfor %}")
        #expect(throws: TemplateError.self) { try template.render(Self.page(3)) }
        let good = try TemplateEnvironment().template(source: Self.source)
        #expect(try good.render(Self.page(3)) == Self.expected(3))
        #expect(throws: TemplateError.self) { try template.render(Self.page(3)) }
    }
}
