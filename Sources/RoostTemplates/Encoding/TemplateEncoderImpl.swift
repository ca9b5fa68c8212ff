/// A growing buffer of values that survives its encoder's reuse: finishing a value moves the
/// elements out into an array of the exact size and keeps the memory for the next value.
struct ValueBuffer {
    private(set) var base: UnsafeMutablePointer<TemplateValue>
    private(set) var count = 0
    private var capacity: Int

    init() {
        capacity = 8
        base = .allocate(capacity: capacity)
    }

    /// Frees the memory; the buffer must not be used afterwards.
    func release() {
        base.deinitialize(count: count)
        base.deallocate()
    }

    @inline(__always)
    mutating func append(_ v: TemplateValue) {
        if count == capacity { grow() }
        (base + count).initialize(to: v)
        count += 1
    }

    private mutating func grow() {
        let bigger = UnsafeMutablePointer<TemplateValue>.allocate(capacity: capacity * 2)
        bigger.moveInitialize(from: base, count: count)
        base.deallocate()
        base = bigger
        capacity *= 2
    }

    /// Replaces the value at `i` (a placeholder of a nested container).
    mutating func set(_ i: Int, _ v: TemplateValue) {
        base[i] = v
    }

    /// The values, moved out into an array; the buffer is empty afterwards.
    mutating func take() -> [TemplateValue] {
        let n = count
        count = 0
        if n == 0 { return [] }
        // `reserveCapacity` and `append` are specialized for `TemplateValue` here, unlike
        // `Array(unsafeUninitializedCapacity:)`, which looks the storage type up at run time.
        var result: [TemplateValue] = []
        result.reserveCapacity(n)
        for i in 0..<n { result.append((base + i).move()) }
        return result
    }

    /// A dict of `keys` holding the values, which are moved out (`keys.count == count`).
    @inline(__always)
    mutating func takeDict(keys: [TemplateValue], index: [TemplateValue: Int]?) -> TemplateDict {
        count = 0
        return TemplateDict(sharedKeys: keys, index: index, moving: base)
    }

    /// `spare` (a recycled dict of as many keys, every value `None`) holding the values, which
    /// are moved out.
    @inline(__always)
    mutating func fill(_ spare: DictStorage) -> TemplateDict {
        let target = spare.base
        for i in 0..<count { (target + i).initialize(to: (base + i).move()) }
        count = 0
        return TemplateDict(storage: spare)
    }

    /// Drops the values.
    mutating func removeAll() {
        base.deinitialize(count: count)
        count = 0
    }
}

/// The `Encoder` behind ``TemplateValueEncoder``: containers write template values straight
/// into the encoder's buffer; only nested containers (rare in synthesized code) are resolved
/// when the encoder finishes.
final class TemplateEncoderImpl: Encoder {
    enum Kind { case empty, keyed, unkeyed, single }

    /// The encoder of the enclosing value (for `codingPath`), alive while this one works.
    @exclusivity(unchecked) unowned(unsafe) var parent: TemplateEncoderImpl?
    @exclusivity(unchecked) var key: (any CodingKey)? {
        didSet { hasKey = key != nil }
    }
    @exclusivity(unchecked) var hasKey = false
    /// Shared by all encoders of one `encode` call: encoders by depth and key types.
    let sessionRef: Unmanaged<EncodingSession>
    var session: EncodingSession { sessionRef.takeUnretainedValue() }
    // One encoder serves one value on one thread: no dynamic exclusivity checks needed.
    @exclusivity(unchecked) var kind: Kind = .empty
    /// The key list of this value's key type seen before; while the keys match it (`keys`
    /// stays empty), the finished dict shares it. Owned by the session's key type entry.
    @exclusivity(unchecked) var shapeRef: Unmanaged<KeyShape>?
    var shape: KeyShape? { shapeRef?.takeUnretainedValue() }
    /// The entry of the key type in the session, once a keyed container was made.
    @exclusivity(unchecked) unowned(unsafe) var keyType: KeyTypeInfo?
    /// `true` once containers of two key types were used, as a subclass calling `super` does.
    @exclusivity(unchecked) var mixedKeyTypes = false
    @exclusivity(unchecked) var keys: [TemplateValue] = []
    @exclusivity(unchecked) var values = ValueBuffer()
    @exclusivity(unchecked) var single: TemplateValue = .none
    /// Positions in `values` filled from nested encoders at the end.
    @exclusivity(unchecked) var deferred: [(Int, TemplateEncoderImpl)] = []

    init(parent: TemplateEncoderImpl?, key: (any CodingKey)?, session: EncodingSession) {
        self.parent = parent
        self.key = key
        self.hasKey = key != nil
        self.sessionRef = .passUnretained(session)
    }

    deinit { values.release() }

    /// Records a key: while it matches the shape of this type, nothing is stored.
    @inline(__always)
    func appendKey(_ name: String) {
        if let shapeRef {
            let i = values.count
            if shapeRef._withUnsafeGuaranteedRef({ $0.matches(name, at: i) }) { return }
            leaveShape()
        }
        keys.append(.string(name))
    }

    /// Stores a keyed value (see ``appendKey(_:)``).
    @inline(__always)
    func store(_ name: String, _ v: TemplateValue) {
        appendKey(name)
        values.append(v)
    }

    /// The keys so far become this value's own list: its keys differ from the shape.
    private func leaveShape() {
        if let shape {
            keys = Array(shape.keys[0..<min(values.count, shape.keys.count)])
        }
        shapeRef = nil
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
        sessionRef._withUnsafeGuaranteedRef { session in
            session.keyType(type)._withUnsafeGuaranteedRef { info in
                if kind != .keyed {
                    kind = .keyed
                    keyType = info
                    shapeRef = info.shapeRef
                } else if keyType !== info {
                    mixedKeyTypes = true
                }
                if session.top?.toOpaque() == Unmanaged.passUnretained(self).toOpaque() { return info.sharedContainer(type) }
                return KeyedEncodingContainer(KeyedContainer<Key>(session: sessionRef, bound: self))
            }
        }
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
        switch kind {
        case .keyed:
            shapeRef = nil
            keyType = nil
            mixedKeyTypes = false
            if !keys.isEmpty { keys = [] }
        case .single: single = .none
        default: break
        }
        kind = .empty
        if values.count > 0 { values.removeAll() }
        if !deferred.isEmpty { deferred = [] }
        parent = nil
        if hasKey { key = nil }
    }

    /// The finished value; moves the values out of the buffer.
    func finish() -> TemplateValue {
        if !deferred.isEmpty {
            for (i, child) in deferred {
                values.set(i, child.finish())
                child.parent = nil
            }
            deferred = []
        }
        switch kind {
        case .keyed:
            if let shapeRef {
                // The common case, kept free of reference counting beyond what the dict keeps.
                let count = values.count
                if let dict = shapeRef._withUnsafeGuaranteedRef({ shape -> TemplateDict? in
                    guard shape.keys.count == count else { return nil }
                    if let spare = shape.spares.popLast() { return values.fill(spare) }
                    return values.takeDict(keys: shape.keys, index: shape.index)
                }) {
                    return .dict(dict)
                }
                keys = shapeRef._withUnsafeGuaranteedRef { Array($0.keys[0..<count]) }
            }
            if let keyType, keyType.isDictionary { return sortedDict() }
            if let keyType, !mixedKeyTypes, keyType.shape == nil {
                let shape = KeyShape(keys)
                keyType.shape = shape
                return .dict(values.takeDict(keys: shape.keys, index: shape.index))
            }
            return .dict(values.takeDict(keys: keys, index: TemplateDict.makeIndex(keys)))
        case .unkeyed: return .list(values.take())
        case .single: return single
        case .empty: return .dict(.empty)
        }
    }

    /// A `[String: T]` dictionary's entries with the keys sorted.
    private func sortedDict() -> TemplateValue {
        let values = self.values.take()
        let order = keys.indices.sorted { (keys[$0].stringValue ?? "") < (keys[$1].stringValue ?? "") }
        return .dict(TemplateDict(order.map { (keys[$0], values[$0]) }))
    }
}

enum EncodingHelpers {
    static func int<T: BinaryInteger>(_ v: T) -> TemplateValue {
        if let i = Int(exactly: v) { return .int(i) }
        return .double(Double(v))
    }
}

/// Writes to its `bound` encoder, or, for the container shared by all values of one key type
/// (see ``KeyTypeEntry``), to the encoder of the value being encoded.
struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    /// Unretained: the session holds its shared containers (the encode call keeps it alive).
    let session: Unmanaged<EncodingSession>
    let bound: TemplateEncoderImpl?

    @inline(__always)
    var encoder: TemplateEncoderImpl {
        if let bound { return bound }
        return session._withUnsafeGuaranteedRef { $0.top.unsafelyUnwrapped.takeUnretainedValue() }
    }

    var codingPath: [any CodingKey] { encoder.codingPath }

    @inline(__always)
    private func set(_ key: Key, _ v: TemplateValue) {
        let name = key.stringValue
        if let bound {
            bound.store(name, v)
            return
        }
        // No retain of the session or the encoder on this path (called for every field).
        session._withUnsafeGuaranteedRef { session in
            session.top.unsafelyUnwrapped._withUnsafeGuaranteedRef { $0.store(name, v) }
        }
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
        set(key, try EncodingNode.encode(value, parent: encoder, key: key, session: session))
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
        let encoder = self.encoder
        encoder.appendKey(key.stringValue)
        return encoder.deferredChild(key: key).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let encoder = self.encoder
        encoder.appendKey(key.stringValue)
        return encoder.deferredChild(key: key).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        let encoder = self.encoder
        encoder.appendKey("super")
        return encoder.deferredChild(key: TemplateCodingKey("super"))
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        let encoder = self.encoder
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
        append(try EncodingNode.encode(value, parent: encoder, session: encoder.sessionRef))
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
        set(try EncodingNode.encode(value, parent: encoder, session: encoder.sessionRef))
    }
}
