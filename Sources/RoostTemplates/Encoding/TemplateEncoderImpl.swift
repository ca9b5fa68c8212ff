/// The `Encoder` behind ``TemplateValueEncoder``: containers write template values straight
/// into the encoder's arrays; only nested containers (rare in synthesized code) are resolved
/// when the encoder finishes.
final class TemplateEncoderImpl: Encoder {
    enum Kind { case empty, keyed, unkeyed, single }

    @exclusivity(unchecked) var parent: TemplateEncoderImpl?
    @exclusivity(unchecked) var key: (any CodingKey)?
    /// Shared by all encoders of one `encode` call: spare encoders and key lists by type.
    let session: EncodingSession
    /// Keys shared with earlier values of the same type while they match (`sharedKeys`),
    /// then a private copy.
    @exclusivity(unchecked) var sharedKeys: [TemplateValue]?
    @exclusivity(unchecked) var keyType: ObjectIdentifier?
    // One encoder serves one value on one thread: no dynamic exclusivity checks needed.
    @exclusivity(unchecked) var kind: Kind = .empty
    @exclusivity(unchecked) var keys: [TemplateValue] = []
    @exclusivity(unchecked) var values: [TemplateValue] = []
    @exclusivity(unchecked) var single: TemplateValue = .none
    /// Positions in `values` filled from nested encoders at the end.
    @exclusivity(unchecked) var deferred: [(Int, TemplateEncoderImpl)] = []

    init(parent: TemplateEncoderImpl?, key: (any CodingKey)?, session: EncodingSession) {
        self.parent = parent
        self.key = key
        self.session = session
    }

    /// Records a key: while it matches the shared list of this type, nothing is copied.
    @inline(__always)
    func appendKey(_ name: String) {
        if let shared = sharedKeys {
            let i = values.count
            if i < shared.count, case .string(let s) = shared[i], s == name { return }
            keys = Array(shared[0..<min(i, shared.count)])
            sharedKeys = nil
        }
        keys.append(.string(name))
    }

    /// Computed on demand: synthesized code never reads it on the hot path.
    var codingPath: [any CodingKey] {
        var path: [any CodingKey] = []
        var node: TemplateEncoderImpl? = self
        while let n = node {
            if let k = n.key { path.append(k) }
            node = n.parent
        }
        return path.reversed()
    }

    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if kind != .keyed {
            kind = .keyed
            let id = ObjectIdentifier(type)
            keyType = id
            if let shared = session.sharedKeys(id) {
                sharedKeys = shared
                values.reserveCapacity(shared.count)
            } else {
                keys.reserveCapacity(8)
                values.reserveCapacity(8)
            }
        }
        return KeyedEncodingContainer(KeyedContainer<Key>(encoder: self))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        kind = .unkeyed
        return UnkeyedContainer(encoder: self)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        kind = .single
        return SingleContainer(encoder: self)
    }

    /// A child encoder whose result fills a slot appended now.
    func deferredChild(key: (any CodingKey)?) -> TemplateEncoderImpl {
        let child = TemplateEncoderImpl(parent: self, key: key, session: session)
        deferred.append((values.count, child))
        values.append(.none)
        return child
    }

    /// Clears the encoder for reuse.
    func reset() {
        kind = .empty
        keys = []
        values = []
        single = .none
        deferred = []
        sharedKeys = nil
        keyType = nil
        parent = nil
        key = nil
    }

    func finish() -> TemplateValue {
        if !deferred.isEmpty {
            for (i, child) in deferred {
                values[i] = child.finish()
                child.parent = nil
            }
            deferred = []
        }
        switch kind {
        case .keyed:
            if let shared = sharedKeys {
                if shared.count == values.count { return .dict(TemplateDict(uniqueKeys: shared, values: values)) }
                keys = Array(shared[0..<values.count])
            }
            if let id = keyType { session.rememberKeys(id, keys) }
            return .dict(TemplateDict(uniqueKeys: keys, values: values))
        case .unkeyed: return .list(values)
        case .single: return single
        case .empty: return .dict(.empty)
        }
    }
}

enum EncodingHelpers {
    static func int<T: BinaryInteger>(_ v: T) -> TemplateValue {
        if let i = Int(exactly: v) { return .int(i) }
        return .double(Double(v))
    }
}

struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let encoder: TemplateEncoderImpl
    var codingPath: [any CodingKey] { encoder.codingPath }

    @inline(__always)
    private func set(_ key: Key, _ v: TemplateValue) {
        encoder.appendKey(key.stringValue)
        encoder.values.append(v)
    }

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
        set(key, try EncodingNode.encode(value, parent: encoder, key: key, session: encoder.session))
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
        encoder.appendKey(key.stringValue)
        return encoder.deferredChild(key: key).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        encoder.appendKey(key.stringValue)
        return encoder.deferredChild(key: key).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        encoder.appendKey("super")
        return encoder.deferredChild(key: TemplateCodingKey("super"))
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        encoder.appendKey(key.stringValue)
        return encoder.deferredChild(key: key)
    }
}

struct UnkeyedContainer: UnkeyedEncodingContainer {
    let encoder: TemplateEncoderImpl
    var codingPath: [any CodingKey] { encoder.codingPath }
    var count: Int { encoder.values.count }

    @inline(__always)
    private func append(_ v: TemplateValue) { encoder.values.append(v) }

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
        append(try EncodingNode.encode(value, parent: encoder, key: nil, session: encoder.session))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        encoder.deferredChild(key: nil).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        encoder.deferredChild(key: nil).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        encoder.deferredChild(key: nil)
    }
}

struct SingleContainer: SingleValueEncodingContainer {
    let encoder: TemplateEncoderImpl
    var codingPath: [any CodingKey] { encoder.codingPath }

    @inline(__always)
    private func set(_ v: TemplateValue) { encoder.single = v }

    mutating func encodeNil() throws { set(.none) }
    mutating func encode(_ value: Bool) throws { set(.bool(value)) }
    mutating func encode(_ value: String) throws { set(.string(value)) }
    mutating func encode(_ value: Double) throws { set(.double(value)) }
    mutating func encode(_ value: Float) throws { set(.double(Double(value))) }
    mutating func encode(_ value: Int) throws { set(.int(value)) }
    mutating func encode(_ value: Int8) throws { set(.int(Int(value))) }
    mutating func encode(_ value: Int16) throws { set(.int(Int(value))) }
    mutating func encode(_ value: Int32) throws { set(.int(Int(value))) }
    mutating func encode(_ value: Int64) throws { set(.int(Int(value))) }
    mutating func encode(_ value: UInt) throws { set(EncodingHelpers.int(value)) }
    mutating func encode(_ value: UInt8) throws { set(.int(Int(value))) }
    mutating func encode(_ value: UInt16) throws { set(.int(Int(value))) }
    mutating func encode(_ value: UInt32) throws { set(.int(Int(value))) }
    mutating func encode(_ value: UInt64) throws { set(EncodingHelpers.int(value)) }
    mutating func encode<T: Encodable>(_ value: T) throws {
        set(try EncodingNode.encode(value, parent: encoder, key: nil, session: encoder.session))
    }
}
