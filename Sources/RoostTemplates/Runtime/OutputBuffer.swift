import Synchronization

/// The memory behind an ``OutputBuffer``: one growing block of UTF-8 bytes.
///
/// Used by one render at a time: owned by it, or kept in an ``OutputStoragePool`` between
/// renders (hence `@unchecked Sendable`).
final class OutputStorage: @unchecked Sendable {
    @exclusivity(unchecked) var base: UnsafeMutablePointer<UInt8>
    @exclusivity(unchecked) var count = 0
    @exclusivity(unchecked) var capacity: Int
    let limit: Int

    init(limit: Int, capacity: Int) {
        let c = max(capacity, 64)
        self.base = .allocate(capacity: c)
        self.capacity = c
        self.limit = limit
    }

    deinit { base.deallocate() }

    /// Empties the storage for another render, with room for at least `capacity` bytes.
    func reset(capacity wanted: Int) {
        count = 0
        if wanted > capacity {
            base.deallocate()
            base = .allocate(capacity: wanted)
            capacity = wanted
        }
    }

    /// Makes room for `extra` more bytes, failing past the output limit.
    @inline(__always)
    func reserve(_ extra: Int) throws {
        let needed = count + extra
        if needed > capacity { try grow(needed) }
    }

    func grow(_ needed: Int) throws {
        if needed > limit {
            throw TemplateError.limit("output exceeds the limit of \(limit) bytes")
        }
        let newCapacity = min(max(capacity * 2, needed), max(limit, needed))
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBase.update(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }

    @inline(__always)
    func append(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        guard let src = bytes.baseAddress, bytes.count > 0 else { return }
        try reserve(bytes.count)
        (base + count).update(from: src, count: bytes.count)
        count += bytes.count
    }

    var buffer: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }
}

/// Template text between tags, copied once at compile time into memory of its own.
final class StaticText: @unchecked Sendable {
    let base: UnsafeMutablePointer<UInt8>
    let count: Int

    init(_ bytes: [UInt8]) {
        count = bytes.count
        base = .allocate(capacity: max(bytes.count, 1))
        base.initialize(from: bytes, count: bytes.count)
    }

    deinit { base.deallocate() }
}

/// Output memory an environment keeps for its next renders: allocating and freeing the
/// buffer on every render costs more than rendering a small page (and makes the C allocator
/// hand the memory back to the system and fault it in again, render after render).
final class OutputStoragePool: Sendable {
    private let spare = Mutex<[OutputStorage]>([])
    /// Buffers larger than this are freed rather than kept.
    private static let maxKeptCapacity = 1 << 20
    private static let maxKept = 16

    /// A storage with room for `capacity` bytes.
    func take(limit: Int, capacity: Int) -> OutputStorage {
        if let storage = spare.withLock({ $0.popLast() }), storage.limit == limit {
            storage.reset(capacity: capacity)
            return storage
        }
        return OutputStorage(limit: limit, capacity: capacity)
    }

    /// Keeps `storage` for a later render.
    func give(_ storage: OutputStorage) {
        guard storage.capacity <= Self.maxKeptCapacity else { return }
        spare.withLock { if $0.count < Self.maxKept { $0.append(storage) } }
    }
}

/// The text a render produces: one growing UTF-8 byte buffer with a size limit.
struct OutputBuffer {
    let storage: OutputStorage

    init(limit: Int, capacity: Int = 256) {
        storage = OutputStorage(limit: limit, capacity: capacity)
    }

    init(storage: OutputStorage) {
        self.storage = storage
    }

    var limit: Int { storage.limit }
    var count: Int { storage.count }

    @inline(__always)
    mutating func write(_ s: String) throws {
        var s = s
        try s.withUTF8 { try storage.append($0) }
    }

    @inline(__always)
    mutating func write(bytes b: [UInt8]) throws {
        try b.withUnsafeBufferPointer { try storage.append($0) }
    }

    /// Appends template text; short pieces (most text between tags) are copied with a few
    /// word moves instead of a call to `memcpy`.
    @inline(__always)
    mutating func write(text: StaticText) throws {
        let n = text.count
        try storage.reserve(n)
        let src = UnsafeRawPointer(text.base)
        let dst = UnsafeMutableRawPointer(storage.base + storage.count)
        if n >= 8 && n <= 16 {
            dst.storeBytes(of: src.loadUnaligned(as: UInt64.self), as: UInt64.self)
            dst.storeBytes(of: src.loadUnaligned(fromByteOffset: n &- 8, as: UInt64.self), toByteOffset: n &- 8, as: UInt64.self)
        } else if n >= 4 && n < 8 {
            dst.storeBytes(of: src.loadUnaligned(as: UInt32.self), as: UInt32.self)
            dst.storeBytes(of: src.loadUnaligned(fromByteOffset: n &- 4, as: UInt32.self), toByteOffset: n &- 4, as: UInt32.self)
        } else {
            dst.copyMemory(from: src, byteCount: n)
        }
        storage.count &+= n
    }

    @inline(__always)
    mutating func writeEscaped(_ s: String) throws {
        var s = s
        try s.withUTF8 { try writeEscaped($0) }
    }

    /// Appends a string, HTML-escaped, without copying it first.
    @inline(__always)
    mutating func writeEscaped(_ s: inout String) throws {
        try s.withUTF8 { try writeEscaped($0) }
    }

    /// Appends UTF-8 bytes, HTML-escaped.
    @inline(__always)
    mutating func writeEscaped(_ src: UnsafeBufferPointer<UInt8>) throws {
        let room = Escaper.singlePassCapacity(src.count)
        if storage.count &+ room > storage.capacity {
            if storage.count &+ room > storage.limit {
                // Near the output limit: escape in two passes, reserving the exact size.
                let extra = Escaper.extraBytes(src)
                try storage.reserve(src.count + extra)
                Escaper.write(src, to: storage.base + storage.count)
                storage.count += src.count + extra
                return
            }
            try storage.grow(storage.count + room)
        }
        storage.count &+= Escaper.writeSinglePass(src, to: storage.base + storage.count)
    }

    /// Appends the decimal digits of `i`.
    @inline(__always)
    mutating func writeInt(_ i: Int) throws {
        try storage.reserve(20)
        var n = i.magnitude
        var digits = 0
        var t = n
        repeat {
            digits += 1
            t /= 10
        } while t > 0
        let p = storage.base + storage.count
        var k = 0
        if i < 0 {
            p[0] = 0x2D
            k = 1
        }
        var j = k + digits - 1
        repeat {
            p[j] = UInt8(48 + n % 10)
            n /= 10
            j -= 1
        } while n > 0
        storage.count += k + digits
    }

    var string: String { String(decoding: storage.buffer, as: UTF8.self) }
}
