extension TemplateObject {
    /// This object as a `LoopContext`, checked by exact class (cheaper than a dynamic cast).
    @inline(__always)
    var asLoop: LoopContext? {
        type(of: self) == LoopContext.self ? unsafeDowncast(self, to: LoopContext.self) : nil
    }

    /// This object as a `TemplateModule`, checked by exact class.
    @inline(__always)
    var asModule: TemplateModule? {
        type(of: self) == TemplateModule.self ? unsafeDowncast(self, to: TemplateModule.self) : nil
    }
}

/// The `loop` variable of a `{% for %}` loop.
///
/// Confined to the render that created it (see ``Frame``), hence `@unchecked Sendable`.
final class LoopContext: TemplateObject, @unchecked Sendable {
    let items: [TemplateValue]
    @exclusivity(unchecked) var index0 = 0
    let depth0: Int
    private var lastChanged: [TemplateValue]?
    let recurse: (@Sendable (TemplateValue, RenderState) throws -> TemplateValue)?

    init(items: [TemplateValue], depth0: Int, recurse: (@Sendable (TemplateValue, RenderState) throws -> TemplateValue)?) {
        self.items = items
        self.depth0 = depth0
        self.recurse = recurse
    }

    var typeName: String { "LoopContext" }
    var printed: String { "<LoopContext \(index0 + 1)/\(items.count)>" }

    enum Attribute: String {
        case index, index0, revindex, revindex0, first, last, length, depth, depth0, previtem, nextitem
        case cycle, changed
    }

    @inline(__always)
    func value(_ attr: Attribute) -> TemplateValue {
        let n = items.count
        switch attr {
        case .index: return .int(index0 + 1)
        case .index0: return .int(index0)
        case .revindex: return .int(n - index0)
        case .revindex0: return .int(n - index0 - 1)
        case .first: return .bool(index0 == 0)
        case .last: return .bool(index0 == n - 1)
        case .length: return .int(n)
        case .depth: return .int(depth0 + 1)
        case .depth0: return .int(depth0)
        case .previtem:
            return index0 > 0 ? items[index0 - 1] : .undefined(hint: "there is no previous item")
        case .nextitem:
            return index0 + 1 < n ? items[index0 + 1] : .undefined(hint: "there is no next item")
        case .cycle:
            return .callable(TemplateCallable(name: "cycle") { [self] args in
                guard !args.positional.isEmpty else { throw TemplateError.type("no items for cycling given") }
                return args.positional[self.index0 % args.positional.count]
            })
        case .changed:
            return .callable(TemplateCallable(name: "changed") { [self] args in
                let value = args.positional
                if self.lastChanged != value {
                    self.lastChanged = value
                    return .bool(true)
                }
                return .bool(false)
            })
        }
    }

    func attribute(named name: String) -> TemplateValue? {
        guard let attr = Attribute(rawValue: name) else { return nil }
        return value(attr)
    }

    /// `loop(iterable)` in a recursive loop.
    func call(_ args: TemplateArguments, _ state: RenderState) throws -> TemplateValue {
        guard let recurse else {
            throw TemplateError.type("The loop must have the 'recursive' marker to be called recursively.")
        }
        guard args.positional.count == 1, args.keywords.isEmpty else {
            throw TemplateError.type("loop() takes exactly one argument")
        }
        return try recurse(args.positional[0], state)
    }
}
