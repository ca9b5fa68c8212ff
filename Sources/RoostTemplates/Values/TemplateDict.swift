import Synchronization

/// The position a lookup site found its key at last time. Dicts of one shape (all values of
/// one `Encodable` struct) keep their keys in the same order, so the hint usually hits.
final class LookupHint: Sendable {
    let index = Atomic<Int>(0)
}

/// An immutable, insertion-ordered dictionary with Python key semantics (`1`, `1.0` and
/// `True` are the same key), as Python's `dict`.
///
/// A dict is one allocation: its values lie right after the keys' reference, so a struct
/// encoded into a dict costs one allocation and reading a value follows one pointer.
/// (`@unchecked Sendable`: the storage is never written once made; `ManagedBuffer` does not
/// say so itself.)
public struct TemplateDict: @unchecked Sendable {
    /// The allocation: keys and index in the header, the values after it. (`var` only for
    /// `isKnownUniquelyReferenced`: a dict is never changed.)
    var storage: DictStorage

    init(storage: DictStorage) {
        self.storage = storage
    }

    /// The keys, in insertion order.
    public var keys: [TemplateValue] { storage.keys }

    /// The values, in the order of ``keys``.
    public var values: [TemplateValue] {
        Array(UnsafeBufferPointer(start: storage.base, count: storage.count))
    }

    /// The value at position `i` (`i < count`).
    @inline(__always)
    func value(at i: Int) -> TemplateValue {
        storage.base[i]
    }

    /// Small dictionaries are searched linearly; larger ones get a hash index.
    static let indexThreshold = 12

    /// Creates a dictionary from key-value pairs; a later duplicate key replaces the value of
    /// the first but keeps its position, as Python does.
    /// - Parameter pairs: The entries in order.
    public init(_ pairs: [(TemplateValue, TemplateValue)]) {
        var keys: [TemplateValue] = []
        var values: [TemplateValue] = []
        keys.reserveCapacity(pairs.count)
        values.reserveCapacity(pairs.count)
        var index: [TemplateValue: Int]?
        if pairs.count < Self.indexThreshold {
            outer: for (k, v) in pairs {
                for i in keys.indices where keys[i] == k {
                    values[i] = v
                    continue outer
                }
                keys.append(k)
                values.append(v)
            }
        } else {
            var built: [TemplateValue: Int] = [:]
            built.reserveCapacity(pairs.count)
            for (k, v) in pairs {
                if let i = built[k] {
                    values[i] = v
                } else {
                    built[k] = keys.count
                    keys.append(k)
                    values.append(v)
                }
            }
            index = built
        }
        self.init(uniqueKeys: keys, index: index, values: values)
    }

    /// Creates a dictionary with string keys.
    /// - Parameter pairs: The entries in order.
    public init(stringKeys pairs: [(String, TemplateValue)]) {
        self.init(pairs.map { (TemplateValue.string($0.0), $0.1) })
    }

    /// Keys and values that are known to be unique already.
    init(uniqueKeys keys: [TemplateValue], values: [TemplateValue]) {
        self.init(uniqueKeys: keys, index: Self.makeIndex(keys), values: values)
    }

    private init(uniqueKeys keys: [TemplateValue], index: [TemplateValue: Int]?, values: [TemplateValue]) {
        storage = values.withUnsafeBufferPointer { source in
            DictStorage.make(keys: keys, index: index) { $0.initialize(from: source.baseAddress!, count: source.count) }
        }
    }

    /// Keys with the hash index `makeIndex(keys)` built for them earlier (dicts of one shape,
    /// the values of one `Encodable` type, share both); the values are moved from `source`.
    @inline(__always)
    init(sharedKeys keys: [TemplateValue], index: [TemplateValue: Int]?, moving source: UnsafeMutablePointer<TemplateValue>) {
        storage = DictStorage.make(keys: keys, index: index) { target in
            // An element-wise move: a struct has few fields, and `moveInitialize` calls memmove.
            for i in 0..<keys.count { (target + i).initialize(to: (source + i).move()) }
        }
    }

    /// The hash index for `keys`, or `nil` when they are few enough to search linearly.
    static func makeIndex(_ keys: [TemplateValue]) -> [TemplateValue: Int]? {
        guard keys.count >= indexThreshold else { return nil }
        var index: [TemplateValue: Int] = [:]
        index.reserveCapacity(keys.count)
        for (i, k) in keys.enumerated() where index[k] == nil { index[k] = i }
        return index
    }

    /// An empty dictionary.
    public static let empty = TemplateDict(uniqueKeys: [], values: [])

    /// The number of entries.
    public var count: Int { storage.count }

    /// Whether `self` and `other` are the same dict object (Jinja's `sameas` test).
    func isIdentical(to other: TemplateDict) -> Bool {
        storage === other.storage
    }

    /// Looks a key up.
    /// - Parameter key: The key.
    /// - Returns: The value, or `nil` when the key is absent.
    public subscript(key: TemplateValue) -> TemplateValue? {
        if let index = storage.index {
            guard let i = index[key] else { return nil }
            return value(at: i)
        }
        let keys = storage.keys
        for i in keys.indices where keys[i] == key { return value(at: i) }
        return nil
    }

    /// Looks a string key up (the common case: context variables and struct fields).
    /// - Parameter key: The key.
    /// - Returns: The value, or `nil` when the key is absent.
    public subscript(key: String) -> TemplateValue? {
        storage.position(of: key).map { value(at: $0) }
    }

    /// Looks a string key up, trying the position `hint` remembers first.
    @inline(__always)
    func lookup(_ key: String, hint: LookupHint) -> TemplateValue? {
        storage.lookup(key, hint: hint)
    }

    /// The entries as `(key, value)` pairs in order.
    public var pairs: [(TemplateValue, TemplateValue)] {
        Array(zip(keys, values))
    }

    /// A copy with `other`'s entries added or replaced (Python's `dict.update`).
    func merging(_ other: [(TemplateValue, TemplateValue)]) -> TemplateDict {
        TemplateDict(pairs + other)
    }
}

/// A dict's single allocation: the keys (shared by all dicts of one shape) and their index in
/// the header, then the values. Written only while it is made.
final class DictStorage: ManagedBuffer<DictStorage.Header, TemplateValue> {
    struct Header {
        let keys: [TemplateValue]
        let index: [TemplateValue: Int]?
    }

    /// A storage for `keys`; `initialize` must initialize exactly `keys.count` values.
    @inline(__always)
    static func make(
        keys: [TemplateValue], index: [TemplateValue: Int]?, initialize: (UnsafeMutablePointer<TemplateValue>) -> Void
    ) -> DictStorage {
        // Small dicts have no index: not copying the `nil` saves a call into the runtime.
        let buffer = index == nil
            ? DictStorage.create(minimumCapacity: keys.count) { _ in Header(keys: keys, index: nil) }
            : DictStorage.create(minimumCapacity: keys.count) { _ in Header(keys: keys, index: index) }
        let storage = unsafeDowncast(buffer, to: DictStorage.self)
        initialize(storage.base)
        return storage
    }

    deinit {
        withUnsafeMutablePointers { header, elements in
            _ = elements.deinitialize(count: header.pointee.keys.count)
        }
    }

    /// The keys, in insertion order.
    @inline(__always)
    var keys: [TemplateValue] { withUnsafeMutablePointerToHeader { $0.pointee.keys } }

    /// The hash index of the keys, for dicts of `indexThreshold` keys or more.
    @inline(__always)
    var index: [TemplateValue: Int]? { withUnsafeMutablePointerToHeader { $0.pointee.index } }

    /// The number of entries.
    @inline(__always)
    var count: Int { withUnsafeMutablePointerToHeader { $0.pointee.keys.count } }

    /// Where the keys' elements are: dicts of one shape share them.
    var keysAddress: UnsafePointer<TemplateValue>? {
        withUnsafeMutablePointerToHeader { $0.pointee.keys.withUnsafeBufferPointer { $0.baseAddress } }
    }

    /// The first value (stable for the storage's life).
    @inline(__always)
    var base: UnsafeMutablePointer<TemplateValue> { withUnsafeMutablePointerToElements { $0 } }

    /// The value at position `i`, in place (valid while the dict lives).
    @inline(__always)
    func valuePointer(at i: Int) -> UnsafeMutablePointer<TemplateValue> {
        base + i
    }

    /// Looks a string key up, trying the position `hint` remembers first.
    @inline(__always)
    func lookup(_ key: String, hint: LookupHint) -> TemplateValue? {
        guard let i = position(of: key, hint: hint) else { return nil }
        return base[i]
    }

    /// The position of a string key.
    func position(of key: String) -> Int? {
        withUnsafeMutablePointerToHeader { header in
            if let index = header.pointee.index { return index[.string(key)] }
            return Self.scan(header.pointee.keys, for: key)
        }
    }

    /// The position of a string key, trying the one `hint` remembers first.
    @inline(__always)
    func position(of key: String, hint: LookupHint) -> Int? {
        withUnsafeMutablePointerToHeader { header in
            if let index = header.pointee.index { return index[.string(key)] }
            let h = hint.index.load(ordering: .relaxed)
            // Equal keys have the same bytes, so Swift's `==` (which answers at once for
            // identical storage) suffices once the lengths match.
            let keys = header.pointee.keys
            if h < keys.count, case .string(let s) = keys[h], s.utf8.count == key.utf8.count, s == key { return h }
            guard let i = Self.scan(keys, for: key) else { return nil }
            hint.index.store(i, ordering: .relaxed)
            return i
        }
    }

    /// The position of `key` among `keys`, compared with Python's string equality.
    private static func scan(_ keys: [TemplateValue], for key: String) -> Int? {
        let length = key.utf8.count
        for i in keys.indices {
            switch keys[i] {
            case .string(let s), .markup(let s):
                // Comparing lengths first skips Swift's slower unequal-string path.
                if s.utf8.count == length && TemplateValue.pyStringEqual(s, key) { return i }
            default:
                continue
            }
        }
        return nil
    }
}
