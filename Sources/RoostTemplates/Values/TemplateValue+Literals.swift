extension TemplateValue: ExpressibleByStringLiteral {
    /// A `.string` from a literal.
    public init(stringLiteral value: String) { self = .string(value) }
}

extension TemplateValue: ExpressibleByIntegerLiteral {
    /// An `.int` from a literal.
    public init(integerLiteral value: Int) { self = .int(value) }
}

extension TemplateValue: ExpressibleByFloatLiteral {
    /// A `.double` from a literal.
    public init(floatLiteral value: Double) { self = .double(value) }
}

extension TemplateValue: ExpressibleByBooleanLiteral {
    /// A `.bool` from a literal.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}

extension TemplateValue: ExpressibleByArrayLiteral {
    /// A `.list` from an array literal.
    public init(arrayLiteral elements: TemplateValue...) { self = .list(elements) }
}

extension TemplateValue: ExpressibleByDictionaryLiteral {
    /// A `.dict` with string keys from a dictionary literal, keeping the written order.
    public init(dictionaryLiteral elements: (String, TemplateValue)...) {
        self = .dict(TemplateDict(stringKeys: elements))
    }
}

extension TemplateValue: CustomStringConvertible {
    /// Python's `str()` of the value.
    public var description: String { printed }
}

extension TemplateValue {
    /// A `.string`, or `.none` for `nil`.
    public init(_ string: String?) { self = string.map { .string($0) } ?? .none }
    /// A `.list` of the given values.
    public init(_ values: [TemplateValue]) { self = .list(values) }
    /// A `.dict` with string keys, sorted by key so output is deterministic.
    public init(_ values: [String: TemplateValue]) {
        self = .dict(TemplateDict(stringKeys: values.sorted { $0.key < $1.key }))
    }
}
