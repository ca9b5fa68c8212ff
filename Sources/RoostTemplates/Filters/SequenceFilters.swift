/// Sequence filters: `first`, `last`, `join`, `length`, `list`, `batch`, `slice`, `reverse`,
/// `sum`, `min`, `max`, `random`, `items`.
enum SequenceFilters {
    static func register(_ f: inout FilterTable) {
        f["length"] = { v, _, ctx in .int(try ctx.state.length(v)) }
        f["count"] = f["length"]
        f["list"] = { v, _, ctx in .list(try ctx.state.iterate(v)) }
        f["first"] = { v, _, ctx in
            try ctx.state.iterate(v).first ?? .undefined(hint: "No first item, sequence was empty.")
        }
        f["last"] = { v, _, ctx in
            try ctx.state.iterate(v).last ?? .undefined(hint: "No last item, sequence was empty.")
        }
        f["random"] = { v, _, ctx in
            guard let item = try ctx.state.iterate(v).randomElement() else {
                return .undefined(hint: "No random item, sequence was empty.")
            }
            return item
        }
        f["reverse"] = { v, _, ctx in
            switch v {
            case .string(let s): return .string(PyString.make(s.unicodeScalars.reversed()))
            case .markup(let s): return .markup(PyString.make(s.unicodeScalars.reversed()))
            default: return .list(try ctx.state.iterate(v).reversed())
            }
        }
        f["items"] = { v, _, _ in
            switch v {
            case .undefined: return .list([])
            case .dict(let d): return .list(zip(d.keys, d.values).map { .tuple([$0, $1]) })
            default: throw TemplateError.type("Can only get item pairs from a mapping.")
            }
        }
        f["join"] = { v, args, ctx in
            let a = try args.bind("do_join", ["d", "attribute"])
            let state = ctx.state
            var items = try state.iterate(v)
            if let attribute = a[1] {
                let get = FilterSupport.attrGetter(attribute, state: state)
                items = try items.map(get)
            }
            let d = a[0] ?? .string("")
            try state.limits.checkItems(items.count)
            if !ctx.autoescape || (!d.isMarkup && !items.contains { $0.isMarkup }) {
                return .string(try joinPlain(items, separator: state.str(d), state: state))
            }
            let delimiterIsMarkup = d.isMarkup
            let sep = delimiterIsMarkup ? try state.str(d) : Escaper.escape(try state.str(d))
            let parts = try items.map { item in item.isMarkup ? try state.str(item) : Escaper.escape(try state.str(item)) }
            return .markup(parts.joined(separator: sep))
        }
        f["batch"] = { v, args, ctx in
            let a = try args.bind("do_batch", ["linecount", "fill_with"], required: 1)
            let n = try FilterSupport.int(a[0], "linecount") ?? 1
            guard n > 0 else { throw TemplateError.value("batch size must be positive") }
            let items = try ctx.state.iterate(v)
            var out: [TemplateValue] = []
            var i = 0
            while i < items.count {
                var chunk = Array(items[i..<min(i + n, items.count)])
                if chunk.count < n, let fill = a[1] {
                    chunk.append(contentsOf: repeatElement(fill, count: n - chunk.count))
                }
                out.append(.list(chunk))
                i += n
            }
            return .list(out)
        }
        f["slice"] = { v, args, ctx in
            let a = try args.bind("do_slice", ["slices", "fill_with"], required: 1)
            let slices = try FilterSupport.int(a[0], "slices") ?? 1
            guard slices > 0 else { throw TemplateError(.zeroDivision, message: "integer division or modulo by zero") }
            try ctx.state.limits.checkItems(slices)
            let seq = try ctx.state.iterate(v)
            let perSlice = seq.count / slices
            let withExtra = seq.count % slices
            var offset = 0
            var out: [TemplateValue] = []
            for n in 0..<slices {
                let start = offset + n * perSlice
                if n < withExtra { offset += 1 }
                let end = offset + (n + 1) * perSlice
                var tmp = Array(seq[min(start, seq.count)..<min(end, seq.count)])
                if let fill = a[1], n >= withExtra { tmp.append(fill) }
                out.append(.list(tmp))
            }
            return .list(out)
        }
        f["sum"] = { v, args, ctx in
            let a = try args.bind("do_sum", ["attribute", "start"])
            var items = try ctx.state.iterate(v)
            if let attribute = a[0] {
                let get = FilterSupport.attrGetter(attribute, state: ctx.state)
                items = try items.map(get)
            }
            var total = a[1] ?? .int(0)
            for item in items { total = try Arithmetic.add(total, item, limits: ctx.state.limits) }
            return total
        }
        f["min"] = { v, args, ctx in try minOrMax(v, args, ctx, max: false) }
        f["max"] = { v, args, ctx in try minOrMax(v, args, ctx, max: true) }
    }

    /// `sep.join(map(str, items))` built in one byte buffer.
    static func joinPlain(_ items: [TemplateValue], separator: String, state: RenderState) throws -> String {
        // Strings only (the common case): measure, then write once into the result.
        if items.allSatisfy({ $0.stringValue != nil }) {
            var total = separator.utf8.count * max(0, items.count - 1)
            for item in items { total += item.stringValue!.utf8.count }
            try state.limits.checkString(total)
            var sep = separator
            return sep.withUTF8 { sepBytes in
                String(unsafeUninitializedCapacity: total) { out in
                    var j = 0
                    for (i, item) in items.enumerated() {
                        if i > 0 {
                            for b in sepBytes {
                                out[j] = b
                                j += 1
                            }
                        }
                        var s = item.stringValue!
                        s.withUTF8 { src in
                            for b in src {
                                out[j] = b
                                j += 1
                            }
                        }
                    }
                    return j
                }
            }
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(items.count * 8)
        let sep = Array(separator.utf8)
        for (i, item) in items.enumerated() {
            if i > 0 { bytes.append(contentsOf: sep) }
            switch item {
            case .string(let s), .markup(let s): bytes.appendUTF8(s)
            case .int(let n): Compiler.writeInt(n, to: &bytes)
            default: bytes.appendUTF8(try state.str(item))
            }
        }
        try state.limits.checkString(bytes.count)
        return String(decoding: bytes, as: UTF8.self)
    }

    static func minOrMax(_ v: TemplateValue, _ args: TemplateArguments, _ ctx: FilterContext, max: Bool) throws -> TemplateValue {
        let a = try args.bind(max ? "do_max" : "do_min", ["case_sensitive", "attribute"])
        let caseSensitive = try ctx.state.truthy(a[0] ?? .bool(false))
        let items = try ctx.state.iterate(v)
        guard var best = items.first else { return .undefined(hint: "No aggregated item, sequence was empty.") }
        let key = FilterSupport.attrGetter(a[1], state: ctx.state, lowercase: !caseSensitive)
        var bestKey = try key(best)
        for item in items.dropFirst() {
            let k = try key(item)
            if max ? try Comparison.less(bestKey, k, op: ">") : try Comparison.less(k, bestKey, op: "<") {
                best = item
                bestKey = k
            }
        }
        return best
    }
}
