import Mustache

// swift-mustache renders Templates/mustache/. What could not be written as in Jinja2:
// - No macros and no partial arguments: the row is a partial, `{{>row}}`, rendered inside the
//   `{{#items}}` section with the item on top of the context stack. The odd/even class stays in
//   page.mustache because the `even()` sequence transform is not visible inside a partial.
// - Inheritance is the parent tag `{{<base}}` with `{{$title}}`/`{{$content}}` blocks; the
//   header and footer are standalone partials `{{>header}}`/`{{>footer}}` (which is why their
//   files end with a newline: a standalone tag swallows its own line ending).
// - Filters are transforms, which take no arguments: `uppercased` and `capitalized` are built in
//   (Foundation's `capitalized`, equal to Jinja's `title` on this data); `truncate(40)` and the
//   two-decimal price are the custom transforms `truncate40` and `twoDecimals` on two small
//   wrapper types; `default` is an inverted section (`{{^tag}}none{{/tag}}`), and a missing
//   tag is a missing dictionary key.
// - Escaping: swift-mustache writes `"` as `&quot;` where Jinja2 writes `&#34;` (same HTML).

/// A string with the `truncate40` transform (Jinja2's `truncate(40)`).
struct MustacheText: MustacheTransformable {
    let text: String

    func transform(_ name: String) -> Any? {
        name == "truncate40" ? jinjaTruncate(text, 40) : text.transform(name)
    }
}

/// A number with the `twoDecimals` transform (Jinja2's `"%.2f"|format(value)`).
struct MustachePrice: MustacheTransformable {
    let value: Double

    func transform(_ name: String) -> Any? {
        name == "twoDecimals" ? twoDecimals(value) : nil
    }
}

extension FortunesPage {
    /// The context as swift-mustache reads it fastest: dictionaries (`MustacheParent`) rather
    /// than structs through `Mirror`; built inside the timed loop.
    var mustacheContext: [String: Any] {
        ["fortunes": fortunes.map { ["id": $0.id, "message": $0.message] as [String: Any] }]
    }
}

extension CatalogPage {
    var mustacheContext: [String: Any] {
        var user: [String: Any] = [:]
        if let name = self.user.name { user["name"] = name }
        return [
            "title": title,
            "site": [
                "name": site.name,
                "year": site.year,
                "links": site.links.map { ["url": $0.url, "title": $0.title] },
            ] as [String: Any],
            "user": user,
            "items": items.map { item in
                var row: [String: Any] = [
                    "id": item.id,
                    "name": item.name,
                    "description": MustacheText(text: item.description),
                    "category": item.category,
                    "price": MustachePrice(value: item.price),
                ]
                if let tag = item.tag { row["tag"] = tag }
                return row
            },
        ]
    }
}

struct MustacheEngine {
    let library: MustacheLibrary

    init(templates: String) throws {
        var library = MustacheLibrary()
        for name in ["fortunes", "base", "header", "footer", "row", "page"] {
            try library.register(readFile("\(templates)/mustache/\(name).mustache"), named: name)
        }
        self.library = library
    }

    func render(_ name: String, _ context: [String: Any]) throws -> String {
        guard let output = library.render(context, withTemplate: name) else {
            throw BenchmarkError("no mustache template \(name)")
        }
        return output
    }

    func renderer(_ workload: Workload, data: BenchmarkData) -> Renderer {
        switch workload {
        case .fortunes:
            let model = data.fortunes
            return Renderer { try render("fortunes", model.mustacheContext).utf8.count } output: {
                try render("fortunes", model.mustacheContext)
            }
        case .page:
            let model = data.page
            return Renderer { try render("page", model.mustacheContext).utf8.count } output: {
                try render("page", model.mustacheContext)
            }
        }
    }

    /// The dictionaries built once, outside the timed loop.
    func prebuiltRenderer(_ workload: Workload, data: BenchmarkData) -> Renderer {
        let name = workload == .fortunes ? "fortunes" : "page"
        let context = workload == .fortunes ? data.fortunes.mustacheContext : data.page.mustacheContext
        return Renderer { try render(name, context).utf8.count } output: {
            try render(name, context)
        }
    }
}
