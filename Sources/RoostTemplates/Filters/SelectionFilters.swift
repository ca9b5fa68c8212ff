/// Filters that pick, order or transform items: `map`, `select`, `reject`, `selectattr`,
/// `rejectattr`, `sort`, `dictsort`, `unique`, `groupby`.
enum SelectionFilters {
    static func register(_ f: inout FilterTable) {
        f["map"] = { v, args, ctx in
            let state = ctx.state
            if case .undefined = v { return .list([]) }
            let items = try state.iterate(v)
            if items.isEmpty { return .list([]) }
            if args.positional.isEmpty, let attribute = args["attribute"] {
                let fallback = args["default"]
                if let extra = args.keywords.first(where: { $0.name != "attribute" && $0.name != "default" }) {
                    throw TemplateError.filterArgument("Unexpected keyword argument '\(extra.name)'")
                }
                let get = FilterSupport.attrGetter(attribute, state: state, default: fallback)
                return .list(try items.map(get))
            }
            guard let name = args.positional.first?.stringValue else {
                throw TemplateError.filterArgument("map requires a filter argument")
            }
            guard let filter = state.env.filters[name]?.call else {
                throw TemplateError.runtime("No filter named '\(name)'.")
            }
            let rest = TemplateArguments(Array(args.positional.dropFirst()), keywords: args.keywords)
            return .list(try items.map { try filter($0, rest, ctx) })
        }
        f["select"] = { v, args, ctx in try selectOrReject(v, args, ctx, select: true, attribute: false) }
        f["reject"] = { v, args, ctx in try selectOrReject(v, args, ctx, select: false, attribute: false) }
        f["selectattr"] = { v, args, ctx in try selectOrReject(v, args, ctx, select: true, attribute: true) }
        f["rejectattr"] = { v, args, ctx in try selectOrReject(v, args, ctx, select: false, attribute: true) }
        f["sort"] = { v, args, ctx in
            let a = try args.bind("do_sort", ["reverse", "case_sensitive", "attribute"])
            let reverse = try ctx.state.truthy(a[0] ?? .bool(false))
            let caseSensitive = try ctx.state.truthy(a[1] ?? .bool(false))
            let key = FilterSupport.multiAttrGetter(a[2], state: ctx.state, lowercase: !caseSensitive)
            return .list(try FilterSupport.sorted(try ctx.state.iterate(v), key: key, reverse: reverse))
        }
        f["dictsort"] = { v, args, ctx in
            let a = try args.bind("do_dictsort", ["case_sensitive", "by", "reverse"])
            let caseSensitive = try ctx.state.truthy(a[0] ?? .bool(false))
            let by = a[1]?.stringValue ?? "key"
            let reverse = try ctx.state.truthy(a[2] ?? .bool(false))
            guard by == "key" || by == "value" else {
                throw TemplateError.filterArgument("You can only sort by either 'key' or 'value'")
            }
            guard case .dict(let d) = v else { throw TemplateError.type("'\(v.typeName)' object has no attribute 'items'") }
            let pairs: [TemplateValue] = zip(d.keys, d.values).map { .tuple([$0, $1]) }
            let index = by == "key" ? 0 : 1
            return .list(try FilterSupport.sorted(pairs, key: { pair in
                let item = pair.arrayValue![index]
                return caseSensitive ? item : FilterSupport.ignoreCase(item)
            }, reverse: reverse))
        }
        f["unique"] = { v, args, ctx in
            let a = try args.bind("do_unique", ["case_sensitive", "attribute"])
            let caseSensitive = try ctx.state.truthy(a[0] ?? .bool(false))
            let key = FilterSupport.attrGetter(a[1], state: ctx.state, lowercase: !caseSensitive)
            var seen = Set<TemplateValue>()
            var out: [TemplateValue] = []
            for item in try ctx.state.iterate(v) where seen.insert(try key(item)).inserted {
                out.append(item)
            }
            return .list(out)
        }
        f["groupby"] = { v, args, ctx in
            let a = try args.bind("do_groupby", ["attribute", "default", "case_sensitive"], required: 1)
            let caseSensitive = try ctx.state.truthy(a[2] ?? .bool(false))
            let key = FilterSupport.attrGetter(a[0], state: ctx.state, lowercase: !caseSensitive, default: a[1])
            let output = FilterSupport.attrGetter(a[0], state: ctx.state, default: a[1])
            let sorted = try FilterSupport.sorted(try ctx.state.iterate(v), key: key, reverse: false)
            var groups: [TemplateValue] = []
            var current: [TemplateValue] = []
            var currentKey: TemplateValue?
            func flush() throws {
                guard !current.isEmpty else { return }
                let grouper = caseSensitive ? currentKey! : try output(current[0])
                groups.append(.object(GroupTuple(grouper: grouper, list: current)))
            }
            for item in sorted {
                let k = try key(item)
                if let ck = currentKey, ck == k {
                    current.append(item)
                } else {
                    try flush()
                    current = [item]
                    currentKey = k
                }
            }
            try flush()
            return .list(groups)
        }
    }

    static func selectOrReject(_ v: TemplateValue, _ args: TemplateArguments, _ ctx: FilterContext, select: Bool, attribute: Bool) throws -> TemplateValue {
        let state = ctx.state
        var positional = args.positional
        var transform: (TemplateValue) throws -> TemplateValue = { $0 }
        if attribute {
            guard !positional.isEmpty else { throw TemplateError.filterArgument("Missing parameter for attribute name") }
            transform = FilterSupport.attrGetter(positional.removeFirst(), state: state)
        }
        var check: (TemplateValue) throws -> Bool = { try state.truthy($0) }
        if !positional.isEmpty {
            guard let name = positional.removeFirst().stringValue else { throw TemplateError.runtime("No test named None.") }
            guard let test = state.env.tests[name]?.call else { throw TemplateError.runtime("No test named '\(name)'.") }
            let rest = TemplateArguments(positional, keywords: args.keywords)
            check = { try test($0, rest, ctx) }
        }
        if case .undefined = v, !state.strict { return .list([]) }
        return .list(try state.iterate(v).filter { try check(try transform($0)) == select })
    }
}

/// The `(grouper, list)` pairs produced by `groupby`: a tuple with named fields.
final class GroupTuple: TemplateObject {
    let grouper: TemplateValue
    let list: [TemplateValue]

    init(grouper: TemplateValue, list: [TemplateValue]) {
        self.grouper = grouper
        self.list = list
    }

    var typeName: String { "_GroupTuple" }
    var printed: String { TemplateValue.tuple([grouper, .list(list)]).repr }
    var iterated: [TemplateValue]? { [grouper, .list(list)] }

    func attribute(named name: String) -> TemplateValue? {
        switch name {
        case "grouper": return grouper
        case "list": return .list(list)
        default: return nil
        }
    }
}
