import LeafKit
import NIOCore
import NIOEmbedded

// Leaf (LeafKit 1.x used directly, as Vapor's `leaf` package does underneath) renders
// Templates/leaf/. What could not be written as in Jinja2:
// - No macros: the row is a separate template, `row.leaf`, pulled into the loop body with
//   `#extend("row")` (Leaf inlines it at compile time, so it sees the loop variable `item`);
//   the odd/even class is computed inline from the loop's `index` (no `loop.cycle`).
// - Includes are `#extend("header")` without a body; inheritance is `#extend("base"):` with
//   `#export` blocks that the base `#import`s (no `super()`, no block defaults).
// - Filters: `#uppercased` and `#capitalized` (Foundation's `capitalized`, which equals Jinja's
//   `title` on this data) are built in; `default` is `#if(x):#(x)#else:none#endif` (the lexer
//   rejects the `??` operator); `truncate(40)` and `"%.2f"|format` are custom tags registered
//   with the renderer (`#truncate`, `#price`).
// - Whitespace: Leaf has no whitespace control, so the templates are written without the
//   newlines Jinja2 strips with `-`; files have no trailing newline (Jinja2 drops it).
// - Escaping: Leaf writes `"` as `&quot;` where Jinja2 writes `&#34;` (same HTML).

/// `#truncate(text, length)`: Jinja2's `truncate` filter.
struct TruncateTag: LeafTag {
    func render(_ ctx: LeafContext) throws -> LeafData {
        try ctx.requireParameterCount(2)
        guard let text = ctx.parameters[0].string, let length = ctx.parameters[1].int else {
            throw LeafError(.unknownError("#truncate(text, length) needs a string and an integer"))
        }
        return .string(jinjaTruncate(text, length))
    }
}

/// `#price(value)`: the value with two decimals, like Jinja2's `"%.2f"|format(value)`.
struct PriceTag: LeafTag {
    func render(_ ctx: LeafContext) throws -> LeafData {
        try ctx.requireParameterCount(1)
        guard let value = ctx.parameters[0].double else {
            throw LeafError(.unknownError("#price(value) needs a number"))
        }
        return .string(twoDecimals(value))
    }
}

/// Serves the templates from memory (read from Templates/leaf/ at start-up): Leaf reads each
/// file once and then renders from its cache, so where the text comes from does not matter.
struct MemoryLeafSource: LeafSource {
    let templates: [String: String]

    func file(template: String, escape: Bool, on eventLoop: any EventLoop) throws -> EventLoopFuture<ByteBuffer> {
        guard let text = templates[template] else {
            return eventLoop.makeFailedFuture(LeafError(.noTemplateExists(template)))
        }
        return eventLoop.makeSucceededFuture(ByteBuffer(string: text))
    }
}

extension FortunesPage {
    /// The context as Leaf wants it; built inside the timed loop (Vapor would run its
    /// `Encodable`-to-`LeafData` encoder here, which costs more than this direct conversion).
    var leafContext: [String: LeafData] {
        ["fortunes": .array(fortunes.map { .dictionary(["id": .int($0.id), "message": .string($0.message)]) })]
    }
}

extension CatalogPage {
    var leafContext: [String: LeafData] {
        [
            "title": .string(title),
            "site": .dictionary([
                "name": .string(site.name),
                "year": .int(site.year),
                "links": .array(site.links.map { .dictionary(["url": .string($0.url), "title": .string($0.title)]) }),
            ]),
            "user": .dictionary(["name": .string(user.name)]),
            "items": .array(items.map { item in
                .dictionary([
                    "id": .int(item.id),
                    "name": .string(item.name),
                    "description": .string(item.description),
                    "category": .string(item.category),
                    "tag": .string(item.tag),
                    "price": .double(item.price),
                ])
            }),
        ]
    }
}

final class LeafEngine {
    let renderer: LeafRenderer

    init(templates: String) throws {
        var sources: [String: String] = [:]
        for name in ["fortunes", "base", "header", "footer", "row", "page"] {
            sources[name] = try readFile("\(templates)/leaf/\(name).leaf")
        }
        var tags = defaultTags
        tags["truncate"] = TruncateTag()
        tags["price"] = PriceTag()
        renderer = LeafRenderer(
            configuration: LeafConfiguration(rootDirectory: "/"),
            tags: tags,
            sources: .singleSource(MemoryLeafSource(templates: sources)),
            eventLoop: EmbeddedEventLoop()
        )
    }

    /// Renders synchronously: once a template is cached, LeafKit serializes it at once and hands
    /// back an already succeeded future.
    func render(_ name: String, _ context: [String: LeafData]) throws -> ByteBuffer {
        try renderer.render(path: name, context: context).wait()
    }

    func renderer(_ workload: Workload, data: BenchmarkData) -> Renderer {
        switch workload {
        case .fortunes:
            let model = data.fortunes
            return Renderer { try self.render("fortunes", model.leafContext).readableBytes } output: {
                String(buffer: try self.render("fortunes", model.leafContext))
            }
        case .page:
            let model = data.page
            return Renderer { try self.render("page", model.leafContext).readableBytes } output: {
                String(buffer: try self.render("page", model.leafContext))
            }
        }
    }

    /// The `LeafData` context built once, outside the timed loop.
    func prebuiltRenderer(_ workload: Workload, data: BenchmarkData) -> Renderer {
        let name = workload == .fortunes ? "fortunes" : "page"
        let context = workload == .fortunes ? data.fortunes.leafContext : data.page.leafContext
        return Renderer { try self.render(name, context).readableBytes } output: {
            String(buffer: try self.render(name, context))
        }
    }
}
