typealias Assign = @Sendable (Frame, TemplateValue) throws -> Void

/// The compiled parts of one `{% for %}` loop.
struct LoopProgram: Sendable {
    let testEval: Eval?
    let testInits: [SlotInit]
    let testAssign: Assign?
    let assign: Assign
    let body: Exec
    let onceInits: [SlotInit]
    let perIterationInits: [SlotInit]
    let elseInits: [SlotInit]
    let elseBody: Exec?
    let loopSlot: Int?
    /// The frame slot of a plain `{% for name in … %}` target (no unpacking).
    let targetSlot: Int?
    /// Whether the items may be lent to ``targetSlot`` (see ``Compiler/onlyReads(_:)``).
    let lendsItems: Bool
    let recursive: Bool
    let autoescape: Bool
    let slotCount: Int

    /// Binds the loop target to `items[index]`: a plain name is stored straight into its slot.
    @inline(__always)
    func assignItem(_ items: [TemplateValue], _ index: Int, _ frame: Frame) throws {
        if let targetSlot {
            frame.withUnsafeMutablePointerToElements { $0[targetSlot] = items[index] }
        } else {
            try assign(frame, items[index])
        }
    }

    /// Runs the loop over `sequence`; recursive loops get their own frame per level.
    func run(_ sequence: TemplateValue, depth0: Int, frame outer: Frame, out: inout OutputBuffer) throws {
        let frame = recursive ? Frame.make(slotCount: slotCount, parent: outer, context: outer.context) : outer
        let state = frame.state
        var items = try state.iterate(sequence)
        if let testEval, let testAssign {
            var kept: [TemplateValue] = []
            for item in items {
                for i in testInits { i.apply(frame) }
                try testAssign(frame, item)
                if try Compiler.truthy(testEval(frame), state) { kept.append(item) }
            }
            items = kept
        }
        if items.isEmpty {
            if let elseBody {
                for i in elseInits { i.apply(frame) }
                try elseBody(&out, frame)
            }
            return
        }
        try state.chargeIterations(items.count)
        for i in onceInits { i.apply(frame) }
        if lendsItems, let targetSlot {
            try items.withUnsafeBufferPointer { lent in
                // Each item is copied into the target's slot bit for bit, without a retain:
                // `items` keeps it alive, and the body neither rebinds the name nor keeps the
                // frame. The slot is `None` again (without a release) however the loop ends.
                let slot = frame.withUnsafeMutablePointerToElements { $0 + targetSlot }
                slot.pointee = .none
                defer { slot.initialize(to: .none) }
                try run(items, frame: frame, depth0: depth0, outer: outer, out: &out) { index in
                    UnsafeMutableRawPointer(slot).copyMemory(from: lent.baseAddress! + index, byteCount: MemoryLayout<TemplateValue>.size)
                }
            }
        } else {
            try run(items, frame: frame, depth0: depth0, outer: outer, out: &out) { index in try assignItem(items, index, frame) }
        }
    }

    /// Runs the body for each of `items` (there is at least one), binding the target with `bind`.
    @inline(__always)
    private func run(
        _ items: [TemplateValue], frame: Frame, depth0: Int, outer: Frame, out: inout OutputBuffer, bind: (Int) throws -> Void
    ) throws {
        var context: LoopContext?
        if let loopSlot {
            let recurse: (@Sendable (TemplateValue, RenderState) throws -> TemplateValue)?
            if recursive {
                let outerFrame = FrameReference(frame: outer)
                recurse = { [self] value, state in
                    let outer = outerFrame.frame
                    try state.enter()
                    defer { state.leave() }
                    var sub = OutputBuffer(limit: state.limits.maxOutputBytes)
                    try self.run(value, depth0: depth0 + 1, frame: outer, out: &sub)
                    return self.autoescape ? .markup(sub.string) : .string(sub.string)
                }
            } else {
                recurse = nil
            }
            let ctx = LoopContext(items: items, depth0: depth0, recurse: recurse)
            context = ctx
            let loopValue = TemplateValue.object(ctx)
            frame[loopSlot] = loopValue
            for index in items.indices {
                for i in perIterationInits { i.apply(frame) }
                try bind(index)
                ctx.index0 = index
                // The body may have rebound `loop` (a nested macro call cannot, a `set` can).
                if !TemplateValue.holds(ctx, at: frame, loopSlot) { frame[loopSlot] = loopValue }
                try body(&out, frame)
            }
        } else {
            for index in items.indices {
                for i in perIterationInits { i.apply(frame) }
                try bind(index)
                try body(&out, frame)
            }
        }
        _ = context
    }
}

extension Compiler {
    /// Whether `body` binds no names and defines nothing that keeps its frame (macros, call
    /// blocks, blocks): a loop with such a body may lend its items to the target's slot.
    static func onlyReads(_ body: [Stmt]) -> Bool {
        body.allSatisfy { stmt in
            switch stmt.kind {
            case .output, .include:
                return true
            case .ifStmt(_, let then, let elifs, let otherwise):
                return onlyReads(then) && elifs.allSatisfy { onlyReads($0.1) } && onlyReads(otherwise)
            case .forLoop(let loop):
                return onlyReads(loop.body) && onlyReads(loop.otherwise)
            case .filterBlock(_, let inner), .autoescape(_, let inner):
                return onlyReads(inner)
            default:
                return false
            }
        }
    }

    static func targetNames(_ e: Expr) -> [String] {
        switch e.kind {
        case .name(let n): return [n]
        case .tuple(let items), .list(let items): return items.flatMap(targetNames)
        default: return []
        }
    }

    func compileFor(_ loop: ForLoop, line: Int) throws -> Exec {
        if Compiler.targetNames(loop.target).contains("loop") {
            throw fail("Can't assign to special loop variable in for-loop target", line: line)
        }
        let iter = try compileExpr(loop.iter)
        let extended = loop.recursive || UndeclaredNames.find(loop.body, ["loop"]).contains("loop")
        let outer = symbols
        let function = loop.recursive ? FunctionScope(parent: symbols.function) : symbols.function
        let loopSymbols = Symbols(parent: outer, function: function)
        var loopSlot: Int?
        if extended { loopSlot = loopSymbols.declareParameter("loop").slot }
        var visitor = SymbolVisitor(symbols: loopSymbols)
        visitor.visitTarget(loop.target, asParam: true)
        visitor.visit(loop.body)

        let elseSymbols = Symbols(parent: outer, function: function)
        var elseVisitor = SymbolVisitor(symbols: elseSymbols)
        elseVisitor.visit(loop.otherwise)

        var testEval: Eval?
        var testInits: [SlotInit] = []
        var testAssign: Assign?
        if let filter = loop.filter {
            let testSymbols = Symbols(parent: loopSymbols, function: function)
            var tv = SymbolVisitor(symbols: testSymbols)
            tv.visitTarget(loop.target, asParam: true)
            tv.visit(filter)
            try withScope(testSymbols) {
                testAssign = try assigner(loop.target)
                testEval = try compileExpr(filter)
                testInits = initializers(testSymbols)
            }
        }
        var targetSlot: Int?
        let (assign, body, onceInits, perIteration) = try withScope(loopSymbols) {
            let assign = try assigner(loop.target)
            if case .name(let name) = loop.target.kind, let ref = symbols.refs[name] ?? symbols.findRef(name),
               access(ref).0 == 0, !toplevel {
                targetSlot = ref.slot
            }
            let body = try compileBody(loop.body)
            let stores = loopSymbols.stores
            let once = initializers(loopSymbols) { name, mode in
                if case .resolve = mode { return !stores.contains(name) }
                return false
            }
            let each = initializers(loopSymbols) { name, mode in
                if case .resolve = mode { return stores.contains(name) }
                return true
            }
            return (assign, body, once, each)
        }
        var elseBody: Exec?
        var elseInits: [SlotInit] = []
        if !loop.otherwise.isEmpty {
            try withScope(elseSymbols) {
                elseBody = try compileBody(loop.otherwise)
                elseInits = initializers(elseSymbols)
            }
        }
        let program = LoopProgram(
            testEval: testEval, testInits: testInits, testAssign: testAssign, assign: assign, body: body,
            onceInits: onceInits, perIterationInits: perIteration, elseInits: elseInits, elseBody: elseBody,
            loopSlot: loopSlot, targetSlot: targetSlot,
            lendsItems: targetSlot != nil && !loop.recursive && Compiler.onlyReads(loop.body), recursive: loop.recursive, autoescape: autoescape, slotCount: function.slotCount)
        if loop.recursive {
            return { out, frame in
                let seq = try iter(frame)
                try frame.state.enter()
                defer { frame.state.leave() }
                try program.run(seq, depth0: 0, frame: frame, out: &out)
            }
        }
        return { out, frame in try program.run(iter(frame), depth0: 0, frame: frame, out: &out) }
    }
}
