import Synchronization

/// A template compiled to a tree of closures: parsed once, never re-read at render time.
final class CompiledTemplate: Sendable {
    /// The largest output seen so far, to size the next render's buffer in one go.
    private let sizeHint = Atomic<Int>(256)
    var outputSizeHint: Int { sizeHint.load(ordering: .relaxed) }

    func recordOutputSize(_ n: Int) {
        if n > sizeHint.load(ordering: .relaxed) { sizeHint.store(n, ordering: .relaxed) }
    }

    let name: String?
    let source: String
    let autoescape: Bool
    let root: FunctionCode
    let blocks: [String: BlockCode]

    init(name: String?, source: String, autoescape: Bool, root: FunctionCode, blocks: [String: BlockCode]) {
        self.name = name
        self.source = source
        self.autoescape = autoescape
        self.root = root
        self.blocks = blocks
    }

    /// Runs the root function with `context`, then the templates it extends.
    func renderRoot(_ context: Context, into out: inout OutputBuffer) throws {
        let frame = Frame.make(slotCount: root.slotCount, parent: nil, context: context)
        try root.body(&out, frame)
        var depth = 0
        defer { for _ in 0..<depth { context.state.leave() } }
        while let parent = context.parentTemplate {
            try context.state.enter()
            depth += 1
            context.parentTemplate = nil
            let parentFrame = Frame.make(slotCount: parent.root.slotCount, parent: nil, context: context)
            try parent.root.body(&out, parentFrame)
        }
    }
}

/// A compiled `{% block %}`.
final class BlockCode: Sendable {
    let name: String
    let code: FunctionCode
    let required: Bool
    let templateName: String?
    let selfSlot: Int?
    let superSlot: Int?

    init(name: String, code: FunctionCode, required: Bool, templateName: String?, selfSlot: Int?, superSlot: Int?) {
        self.name = name
        self.code = code
        self.required = required
        self.templateName = templateName
        self.selfSlot = selfSlot
        self.superSlot = superSlot
    }

    /// Renders this block with `context`.
    func render(_ context: Context, into out: inout OutputBuffer) throws {
        if required {
            throw TemplateError.runtime("Required block '\(name)' not found")
        }
        try context.state.enter()
        defer { context.state.leave() }
        let frame = Frame.make(slotCount: code.slotCount, parent: nil, context: context)
        if let selfSlot { frame[selfSlot] = .object(TemplateReference(context: context)) }
        if let superSlot { frame[superSlot] = BlockReference.superOf(self, context: context) }
        try code.body(&out, frame)
    }
}
