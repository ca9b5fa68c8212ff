/// The fixed part of a ``Frame``.
struct FrameHeader {
    let count: Int
    let parent: Frame?
    let context: Context
    let state: RenderState
}

/// The variables of one running function (template root, block, macro, call block or
/// recursive loop), with a link to the frame it was defined in for closures. The slots are
/// stored inline (one allocation per call, no exclusivity checks on access).
///
/// Frames live only for the duration of one render on one thread (see ``FrameReference``).
final class Frame: ManagedBuffer<FrameHeader, TemplateValue> {
    static func make(slotCount: Int, parent: Frame?, context: Context) -> Frame {
        let buffer = Frame.create(minimumCapacity: slotCount) { _ in
            FrameHeader(count: slotCount, parent: parent, context: context, state: context.state)
        }
        let frame = unsafeDowncast(buffer, to: Frame.self)
        frame.withUnsafeMutablePointerToElements { $0.initialize(repeating: .none, count: slotCount) }
        return frame
    }

    deinit {
        withUnsafeMutablePointers { header, elements in
            _ = elements.deinitialize(count: header.pointee.count)
        }
    }

    // The header is immutable after creation; reading it through the pointer avoids
    // the dynamic exclusivity check of `ManagedBuffer.header`.
    @inline(__always) var parent: Frame? { withUnsafeMutablePointerToHeader { $0.pointee.parent } }
    @inline(__always) var context: Context { withUnsafeMutablePointerToHeader { $0.pointee.context } }
    @inline(__always) var state: RenderState { withUnsafeMutablePointerToHeader { $0.pointee.state } }

    /// The value in slot `i` (slot numbers come from the compiler).
    @inline(__always)
    subscript(i: Int) -> TemplateValue {
        get { withUnsafeMutablePointerToElements { $0[i] } }
        set { withUnsafeMutablePointerToElements { $0[i] = newValue } }
    }

    /// The frame `distance` levels up the definition chain.
    @inline(__always)
    func ancestor(_ distance: Int) -> Frame {
        var f = self
        for _ in 0..<distance { f = f.parent! }
        return f
    }
}

/// A frame captured by a macro or a recursive loop, like a Python closure's cell.
///
/// Frames are confined to the render that created them; this wrapper is `@unchecked Sendable`
/// only so that macros can live inside ``TemplateValue``. The engine never hands a frame to
/// another render or thread.
struct FrameReference: @unchecked Sendable {
    let frame: Frame
}

/// How a slot is initialised on scope entry.
enum SlotInit: Sendable {
    case resolve(slot: Int, name: String, missing: UndefinedValue)
    case alias(slot: Int, distance: Int, from: Int)
    case missing(slot: Int, UndefinedValue)

    @inline(__always)
    func apply(_ frame: Frame) {
        switch self {
        case .resolve(let slot, let name, let missing):
            frame[slot] = frame.context.resolve(name) ?? .undefined(missing)
        case .alias(let slot, let distance, let from):
            frame[slot] = distance == 0 ? frame[from] : frame.ancestor(distance)[from]
        case .missing(let slot, let missing):
            frame[slot] = .undefined(missing)
        }
    }
}

/// The memory behind an ``OutputBuffer``: one growing block of UTF-8 bytes.
final class OutputStorage {
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

/// The text a render produces: one growing UTF-8 byte buffer with a size limit.
struct OutputBuffer {
    let storage: OutputStorage

    init(limit: Int, capacity: Int = 256) {
        storage = OutputStorage(limit: limit, capacity: capacity)
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

    @inline(__always)
    mutating func writeEscaped(_ s: String) throws {
        var s = s
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

/// Compiled statement and expression code.
typealias Exec = @Sendable (inout OutputBuffer, Frame) throws -> Void
typealias Eval = @Sendable (Frame) throws -> TemplateValue

/// One compiled statement and its line. Closures kept in struct fields are called with their
/// native convention; closures stored directly in arrays or tuples would need a thunk per call.
struct Step: Sendable {
    let run: Exec
    let line: Int
}

/// A compiled `if`/`elif` branch.
struct Branch: Sendable {
    let test: Eval
    let body: Exec
}

/// A compiled expression held in a struct field (see ``Step``).
struct EvalStep: Sendable {
    let run: Eval
}

/// A compiled function body: how many slots its frame needs and what it runs.
struct FunctionCode: Sendable {
    let slotCount: Int
    let body: Exec
}
