import Synchronization

/// The position a lookup site found its key at last time. Dicts of one shape (all values of
/// one `Encodable` struct) keep their keys in the same order, so the hint usually hits.
final class LookupHint: Sendable {
    let index = Atomic<Int>(0)
}

/// An immutable, insertion-ordered dictionary with Python key semantics (`1`, `1.0` and
/// `True` are the same key), as Python's `dict`.
public final class TemplateDict: Sendable {
    /// The keys, in insertion order.
    public let keys: [TemplateValue]
    /// Where the values are: `keys.count` of them from `offset` (see ``ValueChunk``).
    private let storage: ChunkReference
    private let offset: Int
    private var chunk: ValueChunk { storage.chunk }
    private let index: [TemplateValue: Int]?

    /// The values, in the order of ``keys``.
    public var values: [TemplateValue] {
        Array(UnsafeBufferPointer(start: chunk.base + offset, count: keys.count))
    }

    /// The value at position `i` (`i < count`).
    @inline(__always)
    func value(at i: Int) -> TemplateValue {
        (chunk.base + offset)[i]
    }

    /// Small dictionaries are searched linearly; larger ones get a hash index.
    private static let indexThreshold = 12

    /// Creates a dictionary from key-value pairs; a later duplicate key replaces the value of
    /// the first but keeps its position, as Python does.
    /// - Parameter pairs: The entries in order.
    public init(_ pairs: [(TemplateValue, TemplateValue)]) {
        var keys: [TemplateValue] = []
        var values: [TemplateValue] = []
        keys.reserveCapacity(pairs.count)
        values.reserveCapacity(pairs.count)
        if pairs.count < Self.indexThreshold {
            outer: for (k, v) in pairs {
                for i in keys.indices where keys[i] == k {
                    values[i] = v
                    continue outer
                }
                keys.append(k)
                values.append(v)
            }
            self.index = nil
        } else {
            var index: [TemplateValue: Int] = [:]
            index.reserveCapacity(pairs.count)
            for (k, v) in pairs {
                if let i = index[k] {
                    values[i] = v
                } else {
                    index[k] = keys.count
                    keys.append(k)
                    values.append(v)
                }
            }
            self.index = index
        }
        self.keys = keys
        self.storage = ChunkReference(chunk: .make(copying: values))
        self.offset = 0
    }

    /// Creates a dictionary with string keys.
    /// - Parameter pairs: The entries in order.
    public convenience init(stringKeys pairs: [(String, TemplateValue)]) {
        self.init(pairs.map { (TemplateValue.string($0.0), $0.1) })
    }

    /// Keys and values that are known to be unique already.
    init(uniqueKeys keys: [TemplateValue], values: [TemplateValue]) {
        self.keys = keys
        self.storage = ChunkReference(chunk: .make(copying: values))
        self.offset = 0
        self.index = Self.makeIndex(keys)
    }

    /// Keys with the hash index `makeIndex(keys)` built for them earlier (dicts of one shape,
    /// the values of one `Encodable` type, share both), and values already in a chunk.
    init(sharedKeys keys: [TemplateValue], index: [TemplateValue: Int]?, chunk: (ValueChunk, offset: Int)) {
        self.keys = keys
        self.storage = ChunkReference(chunk: chunk.0)
        self.offset = chunk.offset
        self.index = index
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
    public var count: Int { keys.count }

    /// Looks a key up.
    /// - Parameter key: The key.
    /// - Returns: The value, or `nil` when the key is absent.
    public subscript(key: TemplateValue) -> TemplateValue? {
        if let index {
            guard let i = index[key] else { return nil }
            return value(at: i)
        }
        for i in keys.indices where keys[i] == key { return value(at: i) }
        return nil
    }

    /// Looks a string key up (the common case: context variables and struct fields).
    /// - Parameter key: The key.
    /// - Returns: The value, or `nil` when the key is absent.
    public subscript(key: String) -> TemplateValue? {
        if let index {
            guard let i = index[.string(key)] else { return nil }
            return value(at: i)
        }
        let length = key.utf8.count
        for i in keys.indices {
            switch keys[i] {
            case .string(let s), .markup(let s):
                // Comparing lengths first skips Swift's slower unequal-string path.
                if s.utf8.count == length && TemplateValue.pyStringEqual(s, key) { return value(at: i) }
            default:
                continue
            }
        }
        return nil
    }

    /// Looks a string key up, trying the position `hint` remembers first.
    @inline(__always)
    func lookup(_ key: String, hint: LookupHint) -> TemplateValue? {
        guard let i = position(of: key, hint: hint) else { return nil }
        return value(at: i)
    }

    /// The position of a string key, trying the one `hint` remembers first.
    @inline(__always)
    func position(of key: String, hint: LookupHint) -> Int? {
        if let index { return index[.string(key)] }
        let h = hint.index.load(ordering: .relaxed)
        // Equal keys have the same bytes, so Swift's `==` (which answers at once for
        // identical storage) suffices once the lengths match.
        let length = key.utf8.count
        if h < keys.count, case .string(let s) = keys[h], s.utf8.count == length, s == key { return h }
        for i in keys.indices {
            switch keys[i] {
            case .string(let s), .markup(let s):
                if s.utf8.count == length && TemplateValue.pyStringEqual(s, key) {
                    hint.index.store(i, ordering: .relaxed)
                    return i
                }
            default:
                continue
            }
        }
        return nil
    }

    /// The value at position `i`, in place (valid while the dict lives).
    @inline(__always)
    func valuePointer(at i: Int) -> UnsafeMutablePointer<TemplateValue> {
        chunk.base + offset + i
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
