/// The variables of one running function (template root, block, macro, call block or
/// recursive loop), with a link to the frame it was defined in for closures.
///
/// Frames live only for the duration of one render on one thread; they are marked
/// `@unchecked Sendable` solely so macros (which capture their defining frame, like Python
/// closures) can be stored in ``TemplateValue``. The engine never shares a frame across renders.
final class Frame: @unchecked Sendable {
    var slots: [TemplateValue]
    let parent: Frame?
    let context: Context
    let state: RenderState

    init(slotCount: Int, parent: Frame?, context: Context) {
        self.slots = [TemplateValue](repeating: .none, count: slotCount)
        self.parent = parent
        self.context = context
        self.state = context.state
    }

    /// The frame `distance` levels up the definition chain.
    @inline(__always)
    func ancestor(_ distance: Int) -> Frame {
        var f = self
        for _ in 0..<distance { f = f.parent! }
        return f
    }
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
            frame.slots[slot] = frame.context.resolve(name) ?? .undefined(missing)
        case .alias(let slot, let distance, let from):
            frame.slots[slot] = distance == 0 ? frame.slots[from] : frame.ancestor(distance).slots[from]
        case .missing(let slot, let missing):
            frame.slots[slot] = .undefined(missing)
        }
    }
}

/// The text a render produces: one growing UTF-8 byte buffer with a size limit.
struct OutputBuffer {
    var bytes: [UInt8]
    let limit: Int

    init(limit: Int, capacity: Int = 256) {
        self.bytes = []
        self.bytes.reserveCapacity(capacity)
        self.limit = limit
    }

    init(reusing bytes: [UInt8], limit: Int) {
        self.bytes = bytes
        self.limit = limit
    }

    @inline(__always)
    mutating func check() throws {
        if bytes.count > limit {
            throw TemplateError.limit("output exceeds the limit of \(limit) bytes")
        }
    }

    @inline(__always)
    mutating func write(_ s: String) throws {
        bytes.append(contentsOf: s.utf8)
        try check()
    }

    @inline(__always)
    mutating func write(bytes b: [UInt8]) throws {
        bytes.append(contentsOf: b)
        try check()
    }

    @inline(__always)
    mutating func writeEscaped(_ s: String) throws {
        Escaper.appendEscaped(s, to: &bytes)
        try check()
    }

    var string: String { String(decoding: bytes, as: UTF8.self) }
}

/// Compiled statement and expression code.
typealias Exec = @Sendable (inout OutputBuffer, Frame) throws -> Void
typealias Eval = @Sendable (Frame) throws -> TemplateValue

/// A compiled function body: how many slots its frame needs and what it runs.
struct FunctionCode: Sendable {
    let slotCount: Int
    let body: Exec
}
