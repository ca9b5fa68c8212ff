import Foundation
import RoostTemplates
import Testing

@Suite("Encodable contexts")
struct EncodableContextTests {
    struct Author: Encodable {
        var name: String
        var email: String?
    }

    struct Post: Encodable {
        var id: Int64
        var title: String
        var tags: [String]
        var author: Author
        var rating: Double
        var published: Date?
        var views: UInt8
        var draft: Bool
    }

    struct Page: Encodable {
        var posts: [Post]
        var counts: [String: Int]
        var token: UUID
        var site: URL
    }

    let date = Date(timeIntervalSince1970: 1_700_000_000)

    func page() -> Page {
        Page(
            posts: [
                Post(id: 1, title: "First <post>", tags: ["a", "b"], author: Author(name: "Ada", email: nil), rating: 4.0,
                     published: date, views: 7, draft: false),
                Post(id: 2, title: "Second", tags: [], author: Author(name: "Bob", email: "bob@example.com"), rating: 3.5,
                     published: nil, views: 0, draft: true),
            ],
            counts: ["zeta": 1, "alpha": 2],
            token: UUID(uuidString: "E621E1F8-C36C-495A-93FC-0C247A3E6E5F")!,
            site: URL(string: "https://example.com/x")!)
    }

    @Test func structsBecomeDictsInDeclarationOrder() throws {
        let env = TemplateEnvironment(loader: DictionaryLoader([
            "list.html": "{% for p in posts %}{{ p.id }}:{{ p.title }}:{{ p.tags|join(',') }}:{{ p.author.name }}:{{ p.rating }};{% endfor %}",
        ]))
        let out = try env.render("list.html", context: page())
        #expect(out == "1:First &lt;post&gt;:a,b:Ada:4.0;2:Second::Bob:3.5;")
    }

    @Test func optionalsAreNone() throws {
        let env = TemplateEnvironment()
        let v = try TemplateValueEncoder().encode(page())
        #expect(try env.renderString("{{ posts[0].author.email }} {{ posts[0].author.email is none }} {{ posts[1].published is none }}",
                                     context: v.dictValue.map { d in Dictionary(uniqueKeysWithValues: zip(d.keys.map(\.printed), d.values)) } ?? [:])
            == "None True True")
    }

    @Test func datesUUIDsAndURLsBecomeStrings() throws {
        let env = TemplateEnvironment()
        let t = try env.template(source: "{{ posts[0].published }} {{ token }} {{ site }}")
        #expect(try t.render(page()) == "2023-11-14T22:13:20Z e621e1f8-c36c-495a-93fc-0c247a3e6e5f https://example.com/x")
    }

    @Test func dictionariesHaveSortedKeys() throws {
        let t = try TemplateEnvironment().template(source: "{{ counts }} {% for k, v in counts.items() %}{{ k }}={{ v }} {% endfor %}")
        #expect(try t.render(page()) == "{'alpha': 2, 'zeta': 1} alpha=2 zeta=1 ")
    }

    @Test func numbersKeepTheirKind() throws {
        let t = try TemplateEnvironment().template(source: "{{ posts[0].views + 1 }} {{ posts[0].rating }} {{ posts[1].draft }}")
        #expect(try t.render(page()) == "8 4.0 True")
    }

    @Test func enumsAndNestedArraysEncode() throws {
        enum Status: String, Encodable { case open, closed }
        struct Ctx: Encodable {
            var status: Status
            var grid: [[Int]]
            var maybe: [Int?]
        }
        let t = try TemplateEnvironment().template(source: "{{ status }} {{ grid }} {{ maybe }}")
        #expect(try t.render(Ctx(status: .open, grid: [[1, 2], [3]], maybe: [1, nil])) == "open [[1, 2], [3]] [1, None]")
    }

    @Test func templateValuesPassThrough() throws {
        struct Ctx: Encodable {
            var raw: TemplateValue
        }
        let t = try TemplateEnvironment().template(source: "{{ raw.a }}")
        #expect(try t.render(Ctx(raw: ["a": "x"])) == "x")
    }

    @Test func nonKeyedContextsAreRejected() throws {
        let t = try TemplateEnvironment().template(source: "x")
        #expect(throws: TemplateError.self) { try t.render([1, 2, 3]) }
    }

    @Test func classesAndInheritanceEncode() throws {
        class Base: Encodable {
            var id = 1
        }
        final class Child: Base {
            var name = "c"
            enum Keys: String, CodingKey { case name }
            override func encode(to encoder: any Encoder) throws {
                try super.encode(to: encoder)
                var c = encoder.container(keyedBy: Keys.self)
                try c.encode(name, forKey: .name)
            }
        }
        struct Ctx: Encodable { var item: Child }
        let t = try TemplateEnvironment().template(source: "{{ item.id }}{{ item.name }}")
        #expect(try t.render(Ctx(item: Child())) == "1c")
    }
}
