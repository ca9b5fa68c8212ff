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

    /// Resets every slot to `None`, releasing the values.
    func clear() {
        withUnsafeMutablePointers { header, elements in
            for i in 0..<header.pointee.count { elements[i] = .none }
        }
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
