import Synchronization

/// Jinja's default globals: `range`, `dict`, `lipsum`, `cycler`, `joiner`, `namespace`.
enum BuiltinGlobals {
    static func range(_ args: TemplateArguments, _ state: RenderState) throws -> TemplateValue {
        guard args.keywords.isEmpty else { throw TemplateError.type("range() takes no keyword arguments") }
        var ints: [Int] = []
        for v in args.positional {
            guard let i = v.intValue, !(v.doubleValue != nil && v.intValue == nil) else {
                if case .undefined(let u) = v { throw TemplateError.undefined(u.message) }
                throw TemplateError.type("'\(v.typeName)' object cannot be interpreted as an integer")
            }
            if case .double = v { throw TemplateError.type("'float' object cannot be interpreted as an integer") }
            ints.append(i)
        }
        let (start, stop, step): (Int, Int, Int)
        switch ints.count {
        case 1: (start, stop, step) = (0, ints[0], 1)
        case 2: (start, stop, step) = (ints[0], ints[1], 1)
        case 3: (start, stop, step) = (ints[0], ints[1], ints[2])
        case 0: throw TemplateError.type("range expected at least 1 argument, got 0")
        default: throw TemplateError.type("range expected at most 3 arguments, got \(ints.count)")
        }
        if step == 0 { throw TemplateError.value("range() arg 3 must not be zero") }
        let count: Int
        if step > 0 {
            count = stop > start ? Int((Int64(stop) - Int64(start) + Int64(step) - 1) / Int64(step)) : 0
        } else {
            count = start > stop ? Int((Int64(start) - Int64(stop) - Int64(step) - 1) / Int64(-step)) : 0
        }
        let max = state.limits.maxRange
        if count > max {
            throw TemplateError.limit("Range too big. The sandbox blocks ranges larger than MAX_RANGE (\(max)).")
        }
        var items: [TemplateValue] = []
        items.reserveCapacity(count)
        var i = start
        for _ in 0..<count {
            items.append(.int(i))
            i += step
        }
        return .object(RangeObject(start: start, stop: stop, step: step, items: items))
    }

    static let all: [String: TemplateValue] = {
        var g: [String: TemplateValue] = [:]
        g["range"] = .callable(TemplateCallable(name: "range", runtime: range))
        g["dict"] = .callable(TemplateCallable(name: "dict") { args in
            var pairs: [(TemplateValue, TemplateValue)] = []
            if let first = args.positional.first {
                switch first {
                case .dict(let d): pairs = d.pairs
                case .list(let items), .tuple(let items):
                    for item in items {
                        guard let kv = item.arrayValue, kv.count == 2 else {
                            throw TemplateError.value("dictionary update sequence element has wrong length")
                        }
                        pairs.append((kv[0], kv[1]))
                    }
                default: throw TemplateError.type("'\(first.typeName)' object is not iterable")
                }
            }
            pairs += args.keywords.map { (.string($0.name), $0.value) }
            return .dict(TemplateDict(pairs))
        })
        g["lipsum"] = .callable(TemplateCallable(name: "lipsum", runtime: { args, state in
            let a = try args.bind("generate_lorem_ipsum", ["n", "html", "min", "max"])
            let n = a[0]?.intValue ?? 5
            if n > 1000 { throw TemplateError.limit("lipsum() may generate at most 1000 paragraphs") }
            return Lipsum.generate(n: n, html: try state.truthy(a[1] ?? .bool(true)), min: a[2]?.intValue ?? 20, max: a[3]?.intValue ?? 100)
        }))
        g["cycler"] = .callable(TemplateCallable(name: "cycler") { args in
            guard !args.positional.isEmpty else { throw TemplateError.runtime("at least one item has to be provided") }
            return .object(Cycler(args.positional))
        })
        g["joiner"] = .callable(TemplateCallable(name: "joiner") { args in
            let a = try args.bind("joiner", ["sep"])
            let sep = a[0] ?? .string(", ")
            let state = JoinerState()
            return .callable(TemplateCallable(name: "joiner") { _ in
                state.used.withLock { used in
                    if used { return sep }
                    used = true
                    return .string("")
                }
            })
        })
        g["namespace"] = .callable(TemplateCallable(name: "namespace") { args in
            var attrs: [(String, TemplateValue)] = []
            for p in args.positional {
                guard case .dict(let d) = p else { throw TemplateError.type("'\(p.typeName)' object is not iterable") }
                for (k, v) in zip(d.keys, d.values) { attrs.append((k.printed, v)) }
            }
            attrs += args.keywords.map { ($0.name, $0.value) }
            return .object(Namespace(attrs))
        })
        return g
    }()
}

/// The value of `range(…)`: iterates like a list, prints as `range(0, 3)`.
final class RangeObject: TemplateObject {
    let start: Int
    let stop: Int
    let step: Int
    let items: [TemplateValue]

    init(start: Int, stop: Int, step: Int, items: [TemplateValue]) {
        self.start = start
        self.stop = stop
        self.step = step
        self.items = items
    }

    var typeName: String { "range" }
    var printed: String { step == 1 ? "range(\(start), \(stop))" : "range(\(start), \(stop), \(step))" }
    var iterated: [TemplateValue]? { items }
    func attribute(named name: String) -> TemplateValue? {
        switch name {
        case "start": return .int(start)
        case "stop": return .int(stop)
        case "step": return .int(step)
        default: return nil
        }
    }
}
