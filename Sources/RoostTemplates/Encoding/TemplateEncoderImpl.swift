/// The `Encoder` behind ``TemplateValueEncoder``.
final class TemplateEncoderImpl: Encoder {
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }
    let node: EncodingNode

    init(codingPath: [any CodingKey], node: EncodingNode = EncodingNode()) {
        self.codingPath = codingPath
        self.node = node
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if case .keyed = node.content {} else { node.content = .keyed([], []) }
        return KeyedEncodingContainer(KeyedContainer<Key>(node: node, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if case .unkeyed = node.content {} else { node.content = .unkeyed([]) }
        return UnkeyedContainer(node: node, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleContainer(node: node, codingPath: codingPath)
    }
}

enum EncodingHelpers {
    static func value<T: Encodable>(_ v: T, _ path: [any CodingKey]) throws -> TemplateValue {
        try EncodingNode.encode(v, codingPath: path)
    }

    static func int<T: BinaryInteger>(_ v: T) -> TemplateValue {
        if let i = Int(exactly: v) { return .int(i) }
        return .double(Double(v))
    }
}

struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let node: EncodingNode
    let codingPath: [any CodingKey]

    private func set(_ key: Key, _ child: EncodingNode) {
        guard case .keyed(var keys, var nodes) = node.content else { return }
        node.content = .empty
        if let i = keys.firstIndex(of: key.stringValue) {
            nodes[i] = child
        } else {
            keys.append(key.stringValue)
            nodes.append(child)
        }
        node.content = .keyed(keys, nodes)
    }

    private func set(_ key: Key, _ v: TemplateValue) { set(key, EncodingNode(v)) }

    mutating func encodeNil(forKey key: Key) throws { set(key, .none) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { set(key, .bool(value)) }
    mutating func encode(_ value: String, forKey key: Key) throws { set(key, .string(value)) }
    mutating func encode(_ value: Double, forKey key: Key) throws { set(key, .double(value)) }
    mutating func encode(_ value: Float, forKey key: Key) throws { set(key, .double(Double(value))) }
    mutating func encode(_ value: Int, forKey key: Key) throws { set(key, .int(value)) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { set(key, .int(Int(value))) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { set(key, .int(Int(value))) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { set(key, .int(Int(value))) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { set(key, .int(Int(value))) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { set(key, EncodingHelpers.int(value)) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { set(key, .int(Int(value))) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { set(key, .int(Int(value))) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { set(key, .int(Int(value))) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { set(key, EncodingHelpers.int(value)) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        set(key, try EncodingHelpers.value(value, codingPath + [key]))
    }

    // nil optionals become None instead of disappearing
    mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) throws { set(key, value.map { .bool($0) } ?? .none) }
    mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws { set(key, value.map { .string($0) } ?? .none) }
    mutating func encodeIfPresent(_ value: Double?, forKey key: Key) throws { set(key, value.map { .double($0) } ?? .none) }
    mutating func encodeIfPresent(_ value: Float?, forKey key: Key) throws { set(key, value.map { .double(Double($0)) } ?? .none) }
    mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws { set(key, value.map { .int($0) } ?? .none) }
    mutating func encodeIfPresent(_ value: Int8?, forKey key: Key) throws { set(key, value.map { .int(Int($0)) } ?? .none) }
    mutating func encodeIfPresent(_ value: Int16?, forKey key: Key) throws { set(key, value.map { .int(Int($0)) } ?? .none) }
    mutating func encodeIfPresent(_ value: Int32?, forKey key: Key) throws { set(key, value.map { .int(Int($0)) } ?? .none) }
    mutating func encodeIfPresent(_ value: Int64?, forKey key: Key) throws { set(key, value.map { .int(Int($0)) } ?? .none) }
    mutating func encodeIfPresent(_ value: UInt?, forKey key: Key) throws { set(key, value.map { EncodingHelpers.int($0) } ?? .none) }
    mutating func encodeIfPresent(_ value: UInt8?, forKey key: Key) throws { set(key, value.map { .int(Int($0)) } ?? .none) }
    mutating func encodeIfPresent(_ value: UInt16?, forKey key: Key) throws { set(key, value.map { .int(Int($0)) } ?? .none) }
    mutating func encodeIfPresent(_ value: UInt32?, forKey key: Key) throws { set(key, value.map { .int(Int($0)) } ?? .none) }
    mutating func encodeIfPresent(_ value: UInt64?, forKey key: Key) throws { set(key, value.map { EncodingHelpers.int($0) } ?? .none) }
    mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { set(key, .none) }
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        let child = EncodingNode()
        child.content = .keyed([], [])
        set(key, child)
        return KeyedEncodingContainer(KeyedContainer<NestedKey>(node: child, codingPath: codingPath + [key]))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let child = EncodingNode()
        child.content = .unkeyed([])
        set(key, child)
        return UnkeyedContainer(node: child, codingPath: codingPath + [key])
    }

    mutating func superEncoder() -> any Encoder {
        let child = EncodingNode()
        set(Key(stringValue: "super")!, child)
        return TemplateEncoderImpl(codingPath: codingPath, node: child)
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        let child = EncodingNode()
        set(key, child)
        return TemplateEncoderImpl(codingPath: codingPath + [key], node: child)
    }
}

struct UnkeyedContainer: UnkeyedEncodingContainer {
    let node: EncodingNode
    let codingPath: [any CodingKey]

    var count: Int {
        if case .unkeyed(let nodes) = node.content { return nodes.count }
        return 0
    }

    private func append(_ child: EncodingNode) {
        guard case .unkeyed(var nodes) = node.content else { return }
        node.content = .empty
        nodes.append(child)
        node.content = .unkeyed(nodes)
    }

    private func append(_ v: TemplateValue) { append(EncodingNode(v)) }

    mutating func encodeNil() throws { append(.none) }
    mutating func encode(_ value: Bool) throws { append(.bool(value)) }
    mutating func encode(_ value: String) throws { append(.string(value)) }
    mutating func encode(_ value: Double) throws { append(.double(value)) }
    mutating func encode(_ value: Float) throws { append(.double(Double(value))) }
    mutating func encode(_ value: Int) throws { append(.int(value)) }
    mutating func encode(_ value: Int8) throws { append(.int(Int(value))) }
    mutating func encode(_ value: Int16) throws { append(.int(Int(value))) }
    mutating func encode(_ value: Int32) throws { append(.int(Int(value))) }
    mutating func encode(_ value: Int64) throws { append(.int(Int(value))) }
    mutating func encode(_ value: UInt) throws { append(EncodingHelpers.int(value)) }
    mutating func encode(_ value: UInt8) throws { append(.int(Int(value))) }
    mutating func encode(_ value: UInt16) throws { append(.int(Int(value))) }
    mutating func encode(_ value: UInt32) throws { append(.int(Int(value))) }
    mutating func encode(_ value: UInt64) throws { append(EncodingHelpers.int(value)) }
    mutating func encode<T: Encodable>(_ value: T) throws {
        append(try EncodingHelpers.value(value, codingPath + [TemplateCodingKey(intValue: count)!]))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let child = EncodingNode()
        child.content = .keyed([], [])
        append(child)
        return KeyedEncodingContainer(KeyedContainer<NestedKey>(node: child, codingPath: codingPath))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let child = EncodingNode()
        child.content = .unkeyed([])
        append(child)
        return UnkeyedContainer(node: child, codingPath: codingPath)
    }

    mutating func superEncoder() -> any Encoder {
        let child = EncodingNode()
        append(child)
        return TemplateEncoderImpl(codingPath: codingPath, node: child)
    }
}

struct SingleContainer: SingleValueEncodingContainer {
    let node: EncodingNode
    let codingPath: [any CodingKey]

    mutating func encodeNil() throws { node.content = .value(.none) }
    mutating func encode(_ value: Bool) throws { node.content = .value(.bool(value)) }
    mutating func encode(_ value: String) throws { node.content = .value(.string(value)) }
    mutating func encode(_ value: Double) throws { node.content = .value(.double(value)) }
    mutating func encode(_ value: Float) throws { node.content = .value(.double(Double(value))) }
    mutating func encode(_ value: Int) throws { node.content = .value(.int(value)) }
    mutating func encode(_ value: Int8) throws { node.content = .value(.int(Int(value))) }
    mutating func encode(_ value: Int16) throws { node.content = .value(.int(Int(value))) }
    mutating func encode(_ value: Int32) throws { node.content = .value(.int(Int(value))) }
    mutating func encode(_ value: Int64) throws { node.content = .value(.int(Int(value))) }
    mutating func encode(_ value: UInt) throws { node.content = .value(EncodingHelpers.int(value)) }
    mutating func encode(_ value: UInt8) throws { node.content = .value(.int(Int(value))) }
    mutating func encode(_ value: UInt16) throws { node.content = .value(.int(Int(value))) }
    mutating func encode(_ value: UInt32) throws { node.content = .value(.int(Int(value))) }
    mutating func encode(_ value: UInt64) throws { node.content = .value(EncodingHelpers.int(value)) }
    mutating func encode<T: Encodable>(_ value: T) throws {
        node.content = .value(try EncodingHelpers.value(value, codingPath))
    }
}
