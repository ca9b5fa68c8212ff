/// Template values encode as their natural JSON-like form, so they can sit inside `Encodable`
/// contexts (``TemplateValueEncoder`` passes them through unchanged).
extension TemplateValue: Encodable {
    /// Encodes the value: dicts as keyed containers (printed keys), lists and tuples as
    /// unkeyed containers, scalars as single values; undefined and `None` as nil.
    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .dict(let d):
            var c = encoder.container(keyedBy: TemplateCodingKey.self)
            for (k, v) in zip(d.keys, d.values) { try c.encode(v, forKey: TemplateCodingKey(k.printed)) }
        case .list(let items), .tuple(let items):
            var c = encoder.unkeyedContainer()
            for v in items { try c.encode(v) }
        default:
            var c = encoder.singleValueContainer()
            switch self {
            case .bool(let b): try c.encode(b)
            case .int(let i): try c.encode(i)
            case .double(let d): try c.encode(d)
            case .string(let s), .markup(let s): try c.encode(s)
            case .none, .undefined: try c.encodeNil()
            default: try c.encode(printed)
            }
        }
    }
}
