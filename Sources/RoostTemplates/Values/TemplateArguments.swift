/// The arguments of a call from a template: `f(1, 2, key=3)`.
public struct TemplateArguments: Sendable {
    /// Positional arguments in order.
    public var positional: [TemplateValue]
    /// Keyword arguments in the order written.
    public var keywords: [(name: String, value: TemplateValue)]

    /// Creates an argument list.
    /// - Parameters:
    ///   - positional: Positional arguments.
    ///   - keywords: Keyword arguments.
    public init(_ positional: [TemplateValue] = [], keywords: [(name: String, value: TemplateValue)] = []) {
        self.positional = positional
        self.keywords = keywords
    }

    /// The positional argument at `index`, if given.
    public subscript(index: Int) -> TemplateValue? {
        index < positional.count ? positional[index] : nil
    }

    /// The keyword argument `name`, if given.
    public subscript(name: String) -> TemplateValue? {
        keywords.first { $0.name == name }?.value
    }

    /// `true` when no argument was given.
    public var isEmpty: Bool { positional.isEmpty && keywords.isEmpty }

    /// Binds the arguments to Python-style parameters.
    /// - Parameters:
    ///   - function: The function name for messages.
    ///   - names: Parameter names in order.
    ///   - required: How many leading parameters must be given.
    /// - Returns: A view with one entry per parameter, `nil` when not given.
    /// - Throws: A `TypeError`-coded ``TemplateError`` for too many, unknown or duplicate arguments.
    func bind(_ function: String, _ names: [String], required: Int = 0) throws -> BoundArguments {
        if positional.count > names.count {
            throw TemplateError.type(
                "\(function)() takes \(names.count == required ? "" : "at most ")\(names.count) positional argument\(names.count == 1 ? "" : "s") but \(positional.count) were given")
        }
        for (name, _) in keywords {
            guard let i = names.firstIndex(of: name) else {
                throw TemplateError.type("\(function)() got an unexpected keyword argument '\(name)'")
            }
            if i < positional.count {
                throw TemplateError.type("\(function)() got multiple values for argument '\(name)'")
            }
        }
        let bound = BoundArguments(args: self, names: names)
        for i in 0..<required where bound[i] == nil {
            throw TemplateError.type("\(function)() missing required argument: '\(names[i])'")
        }
        return bound
    }
}

/// Arguments bound to parameter names, read by position (no allocation).
struct BoundArguments {
    let args: TemplateArguments
    let names: [String]

    subscript(i: Int) -> TemplateValue? {
        if i < args.positional.count { return args.positional[i] }
        if args.keywords.isEmpty { return nil }
        let name = names[i]
        return args.keywords.first { $0.name == name }?.value
    }
}

/// A function templates can call: a macro, a global such as `range`, or a bound method.
public final class TemplateCallable: Sendable {
    /// The function's name.
    public let name: String
    let kind: Kind

    enum Kind: Sendable {
        case native(@Sendable (TemplateArguments) throws -> TemplateValue)
        case runtime(@Sendable (TemplateArguments, RenderState) throws -> TemplateValue)
        case macro(Macro)
    }

    /// Wraps a Swift closure as a template function.
    /// - Parameters:
    ///   - name: The name used in messages.
    ///   - function: The implementation.
    public init(name: String, _ function: @escaping @Sendable (TemplateArguments) throws -> TemplateValue) {
        self.name = name
        self.kind = .native(function)
    }

    init(name: String, runtime: @escaping @Sendable (TemplateArguments, RenderState) throws -> TemplateValue) {
        self.name = name
        self.kind = .runtime(runtime)
    }

    init(macro: Macro) {
        self.name = macro.name
        self.kind = .macro(macro)
    }

    var typeName: String {
        if case .macro = kind { return "Macro" }
        return "function"
    }

    var objectTypeRepr: String {
        if case .macro = kind { return "jinja2.runtime.Macro object" }
        return "function object"
    }

    var printed: String {
        if case .macro = kind { return "<Macro '\(name)'>" }
        return "<function \(name)>"
    }

    func call(_ args: TemplateArguments, _ state: RenderState) throws -> TemplateValue {
        switch kind {
        case .native(let f): return try f(args)
        case .runtime(let f): return try f(args, state)
        case .macro(let m): return try m.call(args, state)
        }
    }
}
