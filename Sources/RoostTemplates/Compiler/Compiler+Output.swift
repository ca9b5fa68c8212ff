extension Compiler {
    /// Compiles the parts of an output statement: literal text and `{{ … }}` expressions.
    func compileOutput(_ parts: [OutputPart], line: Int) throws -> [(Exec, Int)] {
        var items: [(Exec, Int)] = []
        var pendingText: [UInt8] = []
        var pendingLine = line
        let guardOutput = inRoot && hasExtends
        func flushText() {
            guard !pendingText.isEmpty else { return }
            let bytes = pendingText
            pendingText = []
            if guardOutput {
                items.append(({ out, frame in
                    if frame.context.parentTemplate != nil { return }
                    try out.write(bytes: bytes)
                }, pendingLine))
            } else {
                items.append(({ out, _ in try out.write(bytes: bytes) }, pendingLine))
            }
        }
        for part in parts {
            switch part {
            case .text(let t):
                if pendingText.isEmpty { pendingLine = line }
                pendingText.append(contentsOf: t.utf8)
            case .expr(let e):
                if let c = e.constantValue {
                    // literals print at compile time
                    var tmp: [UInt8] = []
                    Compiler.append(c, autoescape: autoescape, to: &tmp)
                    if pendingText.isEmpty { pendingLine = e.line }
                    pendingText.append(contentsOf: tmp)
                    continue
                }
                flushText()
                let eval = try compileExpr(e)
                let escape = autoescape
                if guardOutput {
                    items.append(({ out, frame in
                        if frame.context.parentTemplate != nil { return }
                        try Compiler.write(eval(frame), escape: escape, to: &out, state: frame.state)
                    }, e.line))
                } else {
                    items.append(({ out, frame in
                        try Compiler.write(eval(frame), escape: escape, to: &out, state: frame.state)
                    }, e.line))
                }
            }
        }
        flushText()
        return items
    }

    /// Appends a literal's printed form (used for constant folding).
    static func append(_ v: TemplateValue, autoescape: Bool, to bytes: inout [UInt8]) {
        switch v {
        case .markup(let s): bytes.append(contentsOf: s.utf8)
        case .string(let s):
            if autoescape { Escaper.appendEscaped(s, to: &bytes) } else { bytes.append(contentsOf: s.utf8) }
        default:
            let s = v.printed
            if autoescape { Escaper.appendEscaped(s, to: &bytes) } else { bytes.append(contentsOf: s.utf8) }
        }
    }

    /// Writes a value as `{{ value }}` prints it.
    @inline(__always)
    static func write(_ v: TemplateValue, escape: Bool, to out: inout OutputBuffer, state: RenderState) throws {
        switch v {
        case .string(let s):
            if escape { try out.writeEscaped(s) } else { try out.write(s) }
        case .markup(let s):
            try out.write(s)
        case .int(let i):
            writeInt(i, to: &out.bytes)
            try out.check()
        case .undefined:
            let s = try state.str(v)
            if escape { try out.writeEscaped(s) } else { try out.write(s) }
        case .object(let o) where o is TemplateModule:
            try out.write(o.printed)
        default:
            let s = v.printed
            if escape { try out.writeEscaped(s) } else { try out.write(s) }
        }
    }

    /// Appends the decimal digits of `i` without building a `String`.
    @inline(__always)
    static func writeInt(_ i: Int, to bytes: inout [UInt8]) {
        if i >= 0 && i < 10 {
            bytes.append(UInt8(48 + i))
            return
        }
        var n = i.magnitude
        var tmp: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                  UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &tmp) { buf in
            while n > 0 {
                buf[19 - count] = UInt8(48 + n % 10)
                n /= 10
                count += 1
            }
            if i < 0 { bytes.append(0x2D) }
            bytes.append(contentsOf: buf[(20 - count)...])
        }
    }
}
