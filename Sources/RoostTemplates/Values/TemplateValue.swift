/// A value as templates see it: the Jinja/Python data model reduced to what a template can
/// reach.
///
/// Values come from the render context (see ``TemplateValueEncoder`` for `Encodable` input),
/// from literals in the template, and from filters, tests and globals. They print and compare
/// like their Python counterparts: `.double(1)` prints `1.0`, `.none` prints `None`, a list
/// prints as `['a', 1]`.
///
/// ```swift
/// let context: [String: TemplateValue] = ["name": "Ada", "tags": ["a", "b"], "age": 36]
/// ```
public enum TemplateValue: Sendable {
    /// A name or attribute that does not exist. Prints as the empty string by default, or
    /// raises on use when ``TemplateConfiguration/undefined`` is `.strict`.
    case undefined(UndefinedValue)
    /// Python's `None`.
    case none
    /// A boolean (`True`/`False` when printed).
    case bool(Bool)
    /// A 64-bit integer (Python `int`; results that overflow raise an error).
    case int(Int)
    /// A floating point number (Python `float`).
    case double(Double)
    /// A plain string, escaped on output when autoescaping is on.
    case string(String)
    /// A string known to be safe HTML (Jinja's `Markup`); never escaped again.
    case markup(String)
    /// A list (Python `list`).
    case list([TemplateValue])
    /// A tuple (Python `tuple`), as made by `(1, 2)` literals, `dict.items()` or `groupby`.
    case tuple([TemplateValue])
    /// An insertion-ordered dictionary (Python `dict`); `Encodable` structs become one too.
    case dict(TemplateDict)
    /// Something that can be called: a macro, a global function, a bound method.
    case callable(TemplateCallable)
    /// An object with attributes: a namespace, a loop, a cycler, an imported module, or a
    /// value of your own conforming to ``TemplateObject``.
    case object(any TemplateObject)
}

/// An object that exposes attributes to templates.
///
/// Conform your own types to give templates controlled, lazy access to data; nothing is
/// reachable unless ``attribute(named:)`` returns it.
public protocol TemplateObject: AnyObject, Sendable {
    /// The Python-like type name used in messages, e.g. `"User"` gives `'User object'`.
    var typeName: String { get }
    /// Returns the attribute `name`, or `nil` when there is none.
    /// - Parameter name: The attribute name used in the template (`obj.name`).
    /// - Returns: The attribute's value, or `nil`.
    func attribute(named name: String) -> TemplateValue?
    /// The text printed by `{{ obj }}`.
    var printed: String { get }
    /// The values produced when the object is iterated, or `nil` if it is not iterable.
    var iterated: [TemplateValue]? { get }
}

extension TemplateObject {
    /// The default printed form: `<TypeName object>`.
    public var printed: String { "<\(typeName) object>" }
    /// By default objects are not iterable.
    public var iterated: [TemplateValue]? { nil }
}

/// Why a value is undefined; used in error messages.
public final class UndefinedValue: Sendable {
    enum Reason: Sendable {
        case name(String)
        case attribute(owner: String, key: String)
        case element(owner: String, key: String)
        case hint(String)
    }

    let reason: Reason
    /// `true` for a variable that was never assigned (Jinja's `missing`).
    let isMissing: Bool

    init(_ reason: Reason, missing: Bool = false) {
        self.reason = reason
        self.isMissing = missing
    }

    /// The message Jinja gives when this undefined value is used, e.g. `'x' is undefined`.
    public var message: String {
        switch reason {
        case .name(let name): return "'\(name)' is undefined"
        case .attribute(let owner, let key): return "'\(owner)' has no attribute \(key)"
        case .element(let owner, let key): return "\(owner) has no element \(key)"
        case .hint(let hint): return hint
        }
    }

    /// The undefined name, when the value came from a plain name.
    public var name: String? {
        if case .name(let name) = reason { return name }
        return nil
    }
}

extension TemplateValue {
    /// An undefined value for the variable `name`.
    /// - Parameter name: The missing variable's name.
    /// - Returns: An undefined value whose message is `'name' is undefined`.
    public static func undefined(name: String) -> TemplateValue {
        .undefined(UndefinedValue(.name(name)))
    }

    /// An undefined value with a custom message.
    /// - Parameter hint: The message given when the value is used.
    /// - Returns: The undefined value.
    public static func undefined(hint: String) -> TemplateValue {
        .undefined(UndefinedValue(.hint(hint)))
    }

    /// `true` unless the value is undefined.
    public var isDefined: Bool {
        if case .undefined = self { return false }
        return true
    }

    /// `true` for `.none`.
    public var isNone: Bool {
        if case .none = self { return true }
        return false
    }

    /// The string payload of `.string` and `.markup`, else `nil`.
    public var stringValue: String? {
        switch self {
        case .string(let s), .markup(let s): return s
        default: return nil
        }
    }

    /// The integer payload of `.int` (and `.bool` as 0/1), else `nil`.
    public var intValue: Int? {
        switch self {
        case .int(let i): return i
        case .bool(let b): return b ? 1 : 0
        default: return nil
        }
    }

    /// The numeric payload as a `Double` for `.int`, `.double` and `.bool`, else `nil`.
    public var doubleValue: Double? {
        switch self {
        case .int(let i): return Double(i)
        case .double(let d): return d
        case .bool(let b): return b ? 1 : 0
        default: return nil
        }
    }

    /// The elements of `.list` and `.tuple`, else `nil`.
    public var arrayValue: [TemplateValue]? {
        switch self {
        case .list(let a), .tuple(let a): return a
        default: return nil
        }
    }

    /// The dict at `p`, if `p` holds one, unretained: for reading it while the value at `p`
    /// stays put (use `_withUnsafeGuaranteedRef`), without the reference counting of a copy.
    @inline(__always)
    static func dict(at p: UnsafeMutablePointer<TemplateValue>) -> Unmanaged<DictStorage>? {
        if case .dict(let d) = p.pointee { return .passUnretained(d.storage) }
        return nil
    }

    /// Whether slot `i` of `frame` holds the object `object` (checked without copying).
    @inline(__always)
    static func holds(_ object: AnyObject, at frame: Frame, _ i: Int) -> Bool {
        frame.withUnsafeMutablePointerToElements { slots in
            let p: UnsafeMutablePointer<TemplateValue> = slots + i
            guard case .object(let o) = p.pointee else { return false }
            return Unmanaged.passUnretained(o as AnyObject).toOpaque() == Unmanaged.passUnretained(object).toOpaque()
        }
    }

    /// Whether the value at `p` is a `.list` (checked without copying it).
    @inline(__always)
    static func isList(at p: UnsafeMutablePointer<TemplateValue>) -> Bool {
        if case .list = p.pointee { return true }
        return false
    }

    /// Whether the value at `p` is a `.string` (checked without copying it).
    @inline(__always)
    static func isString(at p: UnsafeMutablePointer<TemplateValue>) -> Bool {
        if case .string = p.pointee { return true }
        return false
    }

    /// Calls `body` with the UTF-8 bytes of the `.string` or `.markup` at `p`, without a
    /// copy of the string (and its reference counting): the caller guarantees that the value
    /// at `p` stays put meanwhile. `nil` when `p` holds something else or a string whose bytes
    /// are not contiguous.
    @inline(__always)
    static func withStringBytes<R>(at p: UnsafeMutablePointer<TemplateValue>, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R? {
        switch p.pointee {
        case .string, .markup: break
        default: return nil
        }
        // The payload of a case sits at the start of an enum value (the case tag is stored
        // after the largest payload, since `.int`'s leaves no spare bits): the string is read in
        // place, borrowed, instead of copied out with a retain and a release.
        let string = UnsafeMutableRawPointer(p).assumingMemoryBound(to: String.self)
        // Short strings may live inline in the value: their bytes are copied out here.
        var inline: (UInt64, UInt64) = (0, 0)
        let (base, count): (UnsafePointer<UInt8>?, Int) = withUnsafeMutableBytes(of: &inline) { local in
            let n = string.pointee.utf8.count
            if n <= 15 {
                var i = 0
                for b in string.pointee.utf8 {
                    local[i] = b
                    i += 1
                }
                return (nil, n)
            }
            // Longer strings keep their bytes in storage that the value at `p` keeps alive.
            return string.pointee.utf8.withContiguousStorageIfAvailable { ($0.baseAddress, $0.count) } ?? (nil, -1)
        }
        if count < 0 { return nil }
        if let base { return try body(UnsafeBufferPointer(start: base, count: count)) }
        return try withUnsafeBytes(of: &inline) { raw in
            try body(UnsafeBufferPointer(start: raw.baseAddress?.assumingMemoryBound(to: UInt8.self), count: count))
        }
    }

    /// The dictionary payload of `.dict`, else `nil`.
    public var dictValue: TemplateDict? {
        if case .dict(let d) = self { return d }
        return nil
    }

    /// `true` when the value is safe markup.
    public var isMarkup: Bool {
        if case .markup = self { return true }
        return false
    }
}
