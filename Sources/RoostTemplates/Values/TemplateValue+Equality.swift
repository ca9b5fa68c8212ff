/// Python equality and hashing: numbers compare by value across `int`/`float`/`bool`,
/// strings and markup compare by text, lists and tuples element-wise, dicts by content.
extension TemplateValue: Hashable {
    /// Python's `==`.
    public static func == (lhs: TemplateValue, rhs: TemplateValue) -> Bool {
        switch (lhs, rhs) {
        case (.int(let a), .int(let b)): return a == b
        case (.string(let a), .string(let b)), (.string(let a), .markup(let b)),
            (.markup(let a), .string(let b)), (.markup(let a), .markup(let b)):
            return pyStringEqual(a, b)
        case (.none, .none): return true
        case (.undefined, .undefined): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.double(let a), .double(let b)): return a == b
        case (.int(let a), .double(let b)), (.double(let b), .int(let a)): return numericEqual(a, b)
        case (.bool(let a), .int(let b)), (.int(let b), .bool(let a)): return (a ? 1 : 0) == b
        case (.bool(let a), .double(let b)), (.double(let b), .bool(let a)): return (a ? 1.0 : 0.0) == b
        case (.list(let a), .list(let b)), (.tuple(let a), .tuple(let b)): return a == b
        case (.dict(let a), .dict(let b)):
            if a.isIdentical(to: b) { return true }
            guard a.count == b.count else { return false }
            for (k, v) in zip(a.keys, a.values) {
                guard let other = b[k], other == v else { return false }
            }
            return true
        case (.callable(let a), .callable(let b)): return a === b
        case (.object(let a), .object(let b)): return a === b
        default: return false
        }
    }

    /// Python string equality: code point by code point (Swift's `==` would also equate
    /// canonically equivalent strings).
    @inline(__always)
    static func pyStringEqual(_ a: String, _ b: String) -> Bool {
        guard a.utf8.count == b.utf8.count else { return false }
        var a = a
        var b = b
        return a.withUTF8 { pa in b.withUTF8 { pb in bytesEqual(pa, pb) } }
    }

    /// Byte equality of two buffers of the same length, eight bytes at a time.
    @inline(__always)
    static func bytesEqual(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = a.count
        guard n == b.count else { return false }
        guard n > 0, let pa = a.baseAddress, let pb = b.baseAddress else { return true }
        if pa == pb { return true }
        var i = 0
        while i &+ 8 <= n {
            if UnsafeRawPointer(pa + i).loadUnaligned(as: UInt64.self) != UnsafeRawPointer(pb + i).loadUnaligned(as: UInt64.self) {
                return false
            }
            i &+= 8
        }
        while i < n {
            if pa[i] != pb[i] { return false }
            i &+= 1
        }
        return true
    }

    /// Exact comparison of an integer with a double, as Python does.
    static func numericEqual(_ a: Int, _ b: Double) -> Bool {
        guard b.isFinite, b.rounded(.towardZero) == b else { return false }
        guard b >= -9.223372036854775808e18, b < 9.223372036854775808e18 else { return false }
        return Int(b) == a
    }

    /// Hashes consistently with ``==``.
    public func hash(into hasher: inout Hasher) {
        switch self {
        case .int(let i): hasher.combine(i)
        case .bool(let b): hasher.combine(b ? 1 : 0)
        case .double(let d):
            if d.isFinite, d.rounded(.towardZero) == d, d >= -9.223372036854775808e18, d < 9.223372036854775808e18 {
                hasher.combine(Int(d))
            } else {
                hasher.combine(d)
            }
        case .string(let s), .markup(let s): hasher.combine(s)
        case .none: hasher.combine(0x4E4F4E45)
        case .undefined: hasher.combine(0x554E4446)
        case .list(let a), .tuple(let a):
            hasher.combine(a.count)
            for e in a { e.hash(into: &hasher) }
        case .dict(let d): hasher.combine(d.count)
        case .callable(let c): hasher.combine(ObjectIdentifier(c))
        case .object(let o): hasher.combine(ObjectIdentifier(o))
        }
    }
}
