import RoostTemplates
import Testing

/// The encoder shares one container and one key list per coding key type, and reuses its
/// state from render to render: values whose keys vary, nested containers, recursion and
/// subclasses must still encode exactly.
@Suite("Encoder reuse")
struct EncoderReuseTests {
    /// Encodes different keys depending on its value, so consecutive values of one type do
    /// not share a key list.
    struct Shifty: Encodable {
        var flag: Bool
        enum Keys: String, CodingKey { case a, b, c }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: Keys.self)
            if flag {
                try c.encode(1, forKey: .a)
                try c.encode(2, forKey: .b)
            } else {
                try c.encode(3, forKey: .b)
                try c.encode(4, forKey: .c)
                try c.encode(5, forKey: .a)
            }
        }
    }

    struct Tree: Encodable {
        var name: String
        var children: [Tree]
    }

    /// Writes to a nested container and to its parent in turns.
    struct Interleaved: Encodable {
        enum Outer: String, CodingKey { case inner, after, extra }
        enum Inner: String, CodingKey { case x, y }

        func encode(to encoder: any Encoder) throws {
            var outer = encoder.container(keyedBy: Outer.self)
            var inner = outer.nestedContainer(keyedBy: Inner.self, forKey: .inner)
            try inner.encode(1, forKey: .x)
            try outer.encode("mid", forKey: .after)
            try inner.encode(2, forKey: .y)
            var list = outer.nestedUnkeyedContainer(forKey: .extra)
            try list.encode(Tree(name: "leaf", children: []))
            try list.encode(7)
        }
    }

    struct Ctx: Encodable {
        var items: [Shifty]
        var tree: Tree
        var mixed: Interleaved
        var byNumber: [Int: String]
        var byName: [String: [String: Int]]
    }

    let ctx = Ctx(
        items: [Shifty(flag: true), Shifty(flag: false), Shifty(flag: true), Shifty(flag: false)],
        tree: Tree(name: "root", children: [
            Tree(name: "a", children: [Tree(name: "a1", children: [])]),
            Tree(name: "b", children: []),
        ]),
        mixed: Interleaved(),
        byNumber: [3: "c", 1: "a", 2: "b"],
        byName: ["z": ["b": 2, "a": 1], "y": [:]])

    let source = """
        {% for i in items %}{{ i }};{% endfor %}
        {{ tree.name }}({% for c in tree.children %}{{ c.name }}({% for d in c.children %}{{ d.name }}{% endfor %}){% endfor %})
        {{ mixed }}
        {{ byNumber }} {{ byName }}
        """

    let expected = """
        {'a': 1, 'b': 2};{'b': 3, 'c': 4, 'a': 5};{'a': 1, 'b': 2};{'b': 3, 'c': 4, 'a': 5};
        root(a(a1)b())
        {'inner': {'x': 1, 'y': 2}, 'after': 'mid', 'extra': [{'name': 'leaf', 'children': []}, 7]}
        {'1': 'a', '2': 'b', '3': 'c'} {'y': {}, 'z': {'a': 1, 'b': 2}}
        """

    @Test func varyingKeysNestingAndRecursionEncodeExactly() throws {
        let template = try TemplateEnvironment().template(source: source)
        // The first render fills the environment's caches; later ones reuse them.
        for _ in 0..<3 {
            #expect(try template.render(ctx) == expected)
        }
    }

    @Test func aStandaloneEncoderGivesTheSameValues() throws {
        let value = try TemplateValueEncoder().encode(ctx)
        let again = try TemplateValueEncoder().encode(ctx)
        #expect(value.dictValue?["tree"]?.printed == again.dictValue?["tree"]?.printed)
        #expect(value.dictValue?["items"]?.printed
            == "[{'a': 1, 'b': 2}, {'b': 3, 'c': 4, 'a': 5}, {'a': 1, 'b': 2}, {'b': 3, 'c': 4, 'a': 5}]")
    }

    /// Many keys get a hash index; a key encoded twice is found at its first position.
    @Test func wideValuesWithRepeatedKeysFindTheFirst() throws {
        struct Wide: Encodable {
            struct Key: CodingKey {
                var stringValue: String
                var intValue: Int? { nil }
                init(stringValue: String) { self.stringValue = stringValue }
                init?(intValue: Int) { nil }
            }

            func encode(to encoder: any Encoder) throws {
                var c = encoder.container(keyedBy: Key.self)
                for i in 0..<14 { try c.encode(i, forKey: Key(stringValue: "k\(i)")) }
                try c.encode(99, forKey: Key(stringValue: "k3"))
            }
        }
        struct Page: Encodable { var rows: [Wide] }
        let template = try TemplateEnvironment().template(source: "{% for r in rows %}{{ r.k3 }}{{ r.k13 }} {% endfor %}")
        #expect(try template.render(Page(rows: [Wide(), Wide()])) == "313 313 ")
    }
}
