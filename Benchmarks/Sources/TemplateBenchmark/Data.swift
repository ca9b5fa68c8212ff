// The two workloads' data as plain Swift values, built exactly as templates_jinja2.py builds it
// (the expected outputs in Templates/expected/ prove it). Each engine gets these same values and
// converts them into its own context type inside the timed loop (see the engine files).

/// One row of the TechEmpower `Fortune` table.
struct Fortune: Encodable, Sendable {
    var id: Int
    var message: String
}

/// The fortunes page's context: `{"fortunes": [...]}`.
struct FortunesPage: Encodable, Sendable {
    var fortunes: [Fortune]

    /// The 12 TechEmpower fortunes plus the one added at request time, sorted by message.
    static func make() -> FortunesPage {
        var fortunes = [
            Fortune(id: 1, message: "fortune: No such file or directory"),
            Fortune(id: 2, message: "A computer scientist is someone who fixes things that aren't broken."),
            Fortune(id: 3, message: "After enough decimal places, nobody gives a damn."),
            Fortune(id: 4, message: "A bad random number generator: 1, 1, 1, 1, 1, 4.33e+67, 1, 1, 1"),
            Fortune(id: 5, message: "A computer program does what you tell it to do, not what you want it to do."),
            Fortune(id: 6, message: "Emacs is a nice operating system, but I prefer UNIX. \u{2014} Tom Christaensen"),
            Fortune(id: 7, message: "Any program that runs right is obsolete."),
            Fortune(id: 8, message: "A list is only as strong as its weakest link. \u{2014} Donald Knuth"),
            Fortune(id: 9, message: "Feature: A bug with seniority."),
            Fortune(id: 10, message: "Computers make very fast, very accurate mistakes."),
            Fortune(id: 11, message: "<script>alert(\"This should not be displayed in a browser alert box.\");</script>"),
            Fortune(id: 12, message: "フレームワークのベンチマーク"),
        ]
        fortunes.append(Fortune(id: 0, message: "Additional fortune added at request time."))
        // UTF-8 byte order is code point order, which is how Python sorts the same strings.
        fortunes.sort { $0.message.utf8.lexicographicallyPrecedes($1.message.utf8) }
        return FortunesPage(fortunes: fortunes)
    }
}

/// A navigation link in the page header.
struct Link: Encodable, Sendable {
    var url: String
    var title: String
}

/// Site-wide values shown by the header and footer partials.
struct Site: Encodable, Sendable {
    var name: String
    var year: Int
    var links: [Link]
}

/// The signed-in user.
struct User: Encodable, Sendable {
    var name: String?
}

/// One of the 1,000 products in the page's table.
struct Item: Encodable, Sendable {
    var id: Int
    var name: String
    var description: String
    var category: String
    /// `nil` for a third of the items; the templates print "none" instead.
    var tag: String?
    var price: Double
}

/// The page's context: title, site, user and 1,000 items.
struct CatalogPage: Encodable, Sendable {
    var title: String
    var site: Site
    var user: User
    var items: [Item]

    static let adjectives = ["blue", "rustic", "compact", "heavy duty", "vintage", "smart", "folding", "deluxe"]
    static let nouns = [
        "widget", "lantern", "kettle", "hammock", "trowel", "backpack", "skillet", "drone",
        "bench", "planter", "tent", "whisk", "toolbox",
    ]
    static let categories = ["tools", "garden", "kitchen", "outdoor", "toys & games"]
    static let tags = ["new", "sale", "bestseller", "eco"]

    static func description(_ i: Int) -> String {
        let noun = nouns[i % nouns.count]
        switch i % 4 {
        case 0: return "A sturdy \(noun) for everyday use & weekend projects, tested for \(i) hours."
        case 1: return "Compact \(noun)."
        case 2: return "Ships with a \"quick start\" guide, <b>free</b> spare parts and a \(adjectives[i % adjectives.count]) case."
        default: return "Limited run: only \(i % 50 + 1) left in stock, order today for free shipping!"
        }
    }

    static func make(itemCount: Int = 1000) -> CatalogPage {
        var items: [Item] = []
        for i in 0..<itemCount {
            let adjective = adjectives[i % adjectives.count], noun = nouns[i % nouns.count]
            let tag: String? = i % 3 == 0 ? nil : tags[i % tags.count]
            let price = Double(i * 7919 % 100_000) / 100
            items.append(Item(
                id: i + 1, name: "\(adjective) \(noun) mk\(i % 10)", description: description(i),
                category: categories[i % categories.count], tag: tag, price: price
            ))
        }
        return CatalogPage(
            title: "spring catalogue",
            site: Site(
                name: "Roost Outfitters",
                year: 2026,
                links: [
                    Link(url: "/", title: "Home"),
                    Link(url: "/shop?sort=new&page=1", title: "New & Noteworthy"),
                    Link(url: "/about", title: "About us"),
                ]
            ),
            user: User(name: "Ada Lovelace"),
            items: items
        )
    }
}

// MARK: Filters Leaf and swift-mustache lack

/// Jinja2's `truncate(length)` with its defaults (`killwords=False`, `end="..."`, `leeway=5`):
/// strings up to `length + 5` characters stay whole; longer ones are cut to `length - 3`
/// characters, back to the last space, and get "...". Counts Unicode scalars like Python.
func jinjaTruncate(_ s: String, _ length: Int) -> String {
    let scalars = s.unicodeScalars
    if scalars.count <= length + 5 { return s }
    var head = String(String.UnicodeScalarView(scalars.prefix(length - 3)))
    if let space = head.lastIndex(of: " ") { head = String(head[..<space]) }
    return head + "..."
}

/// `"%.2f" % value` for the benchmark's prices (non-negative, at most two decimals), without
/// Foundation's `String(format:)`, so the other engines are not slowed down by a slow formatter.
func twoDecimals(_ value: Double) -> String {
    let cents = Int((value * 100).rounded())
    let fraction = cents % 100
    return "\(cents / 100).\(fraction < 10 ? "0" : "")\(fraction)"
}
