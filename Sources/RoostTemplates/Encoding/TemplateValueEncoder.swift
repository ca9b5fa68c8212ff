import Synchronization

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Converts any `Encodable` value straight into a ``TemplateValue`` (no JSON text in between).
///
/// - Structs and classes become dicts with their coding keys in declaration order.
/// - `[String: T]` dictionaries become dicts with keys sorted, so output is deterministic.
/// - `nil` optionals become `None` (so `{{ post.subtitle }}` prints `None` as in Python and
///   `{% if post.subtitle %}` is false).
/// - `Date` becomes an ISO 8601 string in UTC (`2024-05-01T12:00:00Z`, with milliseconds when
///   the date has a fractional second); `UUID` its lower-case string; `URL` its absolute string;
///   `Data` its Base64 string; `Decimal` a float.
/// - ``TemplateValue`` values pass through unchanged.
///
/// A key encoded twice by a custom `encode(to:)` appears twice; lookups find the first.
public struct TemplateValueEncoder: Sendable {
    /// Creates an encoder.
    public init() {}

    /// Encodes `value`.
    /// - Parameter value: Any `Encodable` value.
    /// - Returns: The template value.
    /// - Throws: `EncodingError` from the value's own `encode(to:)`.
    public func encode(_ value: some Encodable) throws -> TemplateValue {
        let session = EncodingSession()
        return try withExtendedLifetime(session) { try session.encode(value) }
    }
}

/// The key list shared by all dicts encoded from one `CodingKey` type, with its hash index.
final class KeyShape {
    let keys: [TemplateValue]
    let index: [TemplateValue: Int]?
    /// Dicts of this shape that a finished render gave back, every value `None` (see
    /// ``EncodingSession/recycle(_:)``): the next values of the type fill them.
    @exclusivity(unchecked) var spares: [DictStorage] = []
    /// At most this many spares are kept per shape.
    static let maxSpares = 4096

    /// Where the keys' elements are (what a dict of this shape shares).
    var keysAddress: UnsafePointer<TemplateValue>? { keys.withUnsafeBufferPointer { $0.baseAddress } }

    init(_ keys: [TemplateValue]) {
        self.keys = keys
        self.index = TemplateDict.makeIndex(keys)
    }

    /// Whether the key at `position` is `name`.
    @inline(__always)
    func matches(_ name: String, at position: Int) -> Bool {
        guard position < keys.count, case .string(let s) = keys[position] else { return false }
        return s == name
    }
}

/// What one encoding session knows about a `CodingKey` type.
final class KeyTypeInfo {
    let id: ObjectIdentifier
    /// A ``SharedContainer`` for the type: creating a `KeyedEncodingContainer` costs two
    /// generic metadata look-ups and an allocation, so each type's container is made once and
    /// handed out again for every value.
    let container: AnyObject
    private let containerPointer: UnsafeMutableRawPointer
    /// `true` for the standard library's dictionary keys: such dicts get sorted keys.
    let isDictionary: Bool
    /// The keys the first value of this type produced.
    var shape: KeyShape? {
        didSet { shapeRef = shape.map { .passUnretained($0) } }
    }
    /// ``shape``, for reading without reference counting.
    private(set) var shapeRef: Unmanaged<KeyShape>?

    init(id: ObjectIdentifier, container: AnyObject, isDictionary: Bool) {
        self.id = id
        self.container = container
        self.containerPointer = Unmanaged.passUnretained(container).toOpaque()
        self.isDictionary = isDictionary
    }

    /// The shared container; `Key` must be the type this entry was made for.
    @inline(__always)
    func sharedContainer<Key: CodingKey>(_: Key.Type) -> KeyedEncodingContainer<Key> {
        // The container sits behind a closure because a function-typed field has the same
        // layout for every `Key`: reading it needs no generic metadata.
        Unmanaged<SharedContainer<KeyedEncodingContainer<Key>>>.fromOpaque(containerPointer)._withUnsafeGuaranteedRef { $0.make() }
    }
}

/// Sessions kept for reuse by an environment, so that the key types, shapes and encoders of
/// one render's context serve the next render's too.
final class EncodingSessionPool: Sendable {
    private let sessions = Mutex<[EncodingSession]>([])
    private static let maxKept = 16

    /// Runs `body` with a session from the pool, which is given back afterwards.
    func withSession<R>(_ body: (EncodingSession) throws -> R) rethrows -> R {
        let session = sessions.withLock { $0.popLast() } ?? EncodingSession()
        defer {
            session.endEncode()
            sessions.withLock { if $0.count < Self.maxKept { $0.append(session) } }
        }
        return try withExtendedLifetime(session) { try body(session) }
    }
}

/// State shared by the encoders of one `encode` call.
///
/// Used by one thread at a time: by one `encode` call, or taken from and given back to an
/// ``EncodingSessionPool`` under its lock (hence `@unchecked Sendable`).
final class EncodingSession: @unchecked Sendable {
    /// One encoder per nesting depth, reused: encoding is depth-first, so the encoder of a
    /// depth is free again as soon as its value is finished (unless something kept it, which
    /// the uniqueness check in ``leave()`` catches).
    @exclusivity(unchecked) var byDepth: [TemplateEncoderImpl] = []
    @exclusivity(unchecked) var depth = 0
    /// The encoder of the value being encoded now; containers handed out from the per-type
    /// cache write to it. Kept alive by the `encode` call that set it.
    @exclusivity(unchecked) var top: Unmanaged<TemplateEncoderImpl>?
    /// Coding key types seen so far: a context has few, so a short list searched linearly.
    @exclusivity(unchecked) var keyTypes: [KeyTypeInfo] = []
    @exclusivity(unchecked) var lastKeyType: Unmanaged<KeyTypeInfo>?
    /// The shape the last recycled dict had (see ``recycle(_:)``), owned by ``keyTypes``.
    @exclusivity(unchecked) var lastRecycledShape: Unmanaged<KeyShape>?

    /// Encodes `value`.
    func encode<T: Encodable>(_ value: T) throws -> TemplateValue {
        try EncodingNode.encode(value, parent: nil, session: .passUnretained(self))
    }

    /// Forgets the state that must not outlive one encode call.
    func endEncode() {
        top = nil
    }

    /// `Key`'s entry, created on first use.
    @inline(__always)
    func keyType<Key: CodingKey>(_ type: Key.Type) -> Unmanaged<KeyTypeInfo> {
        let id = ObjectIdentifier(type)
        if let last = lastKeyType, last._withUnsafeGuaranteedRef({ $0.id == id }) { return last }
        for info in keyTypes where info.id == id {
            lastKeyType = .passUnretained(info)
            return .passUnretained(info)
        }
        return .passUnretained(addKeyType(type))
    }

    private func addKeyType<Key: CodingKey>(_ type: Key.Type) -> KeyTypeInfo {
        let container = KeyedEncodingContainer(KeyedContainer<Key>(session: .passUnretained(self), bound: nil))
        let id = ObjectIdentifier(type)
        let info = KeyTypeInfo(
            id: id, container: SharedContainer(container), isDictionary: id == DictionaryKeyProbe.keyType)
        keyTypes.append(info)
        lastKeyType = .passUnretained(info)
        return info
    }

    /// The encoder for a value one level deeper than the current one.
    @inline(__always)
    func enter() -> Unmanaged<TemplateEncoderImpl> {
        if depth == byDepth.count { byDepth.append(TemplateEncoderImpl(parent: nil, key: nil, session: self)) }
        let encoder = byDepth.withUnsafeBufferPointer { Unmanaged.passUnretained($0[depth]) }
        depth += 1
        return encoder
    }

    /// Back from the value ``enter()`` gave an encoder for.
    @inline(__always)
    func leave() {
        depth -= 1
        // Something kept the encoder (a custom `encode(to:)` may): give this depth a new one.
        if !isKnownUniquelyReferenced(&byDepth[depth]) {
            byDepth[depth] = TemplateEncoderImpl(parent: nil, key: nil, session: self)
        }
    }
}

/// The holder of a key type's shared container (see ``KeyTypeInfo/sharedContainer(_:)``).
/// Generic over the container's own type (not its key type), so that copying the container
/// out takes that type's metadata from the holder instead of looking
/// `KeyedEncodingContainer<Key>` up on every call.
final class SharedContainer<Container> {
    let container: Container

    init(_ container: Container) {
        self.container = container
    }

    @inline(never)
    func make() -> Container { container }
}

/// Finds the standard library's private key type for dictionaries by encoding one.
enum DictionaryKeyProbe {
    static let keyType: ObjectIdentifier? = {
        let probe = ProbeEncoder()
        try? ["": 0].encode(to: probe)
        return probe.keyType
    }()

    /// An encoder that only records the key type of the first keyed container asked for.
    final class ProbeEncoder: Encoder {
        var keyType: ObjectIdentifier?
        // Containers hold their session and encoder unowned: keep them alive here.
        let session = EncodingSession()
        lazy var sink = TemplateEncoderImpl(parent: nil, key: nil, session: session)
        var codingPath: [any CodingKey] { [] }
        var userInfo: [CodingUserInfoKey: Any] { [:] }

        func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
            keyType = keyType ?? ObjectIdentifier(type)
            return KeyedEncodingContainer(KeyedContainer<Key>(session: .passUnretained(session), bound: sink))
        }

        func unkeyedContainer() -> any UnkeyedEncodingContainer { UnkeyedContainer(encoder: sink) }

        func singleValueContainer() -> any SingleValueEncodingContainer { SingleContainer(encoder: sink) }
    }
}

/// Encoding entry points shared by the containers.
enum EncodingNode {
    /// Encodes a value, with fast paths (metatype checks, no casts) for the types templates
    /// print specially.
    @inline(__always)
    static func encode<T: Encodable>(_ value: T, parent: TemplateEncoderImpl?, session: Unmanaged<EncodingSession>) throws -> TemplateValue {
        try encode(value, parent: parent, session: session) { _ in }
    }

    /// Encodes the value of `key` in a keyed container (the key goes into `codingPath`).
    @inline(__always)
    static func encode<T: Encodable, Key: CodingKey>(
        _ value: T, parent: TemplateEncoderImpl?, key: Key, session: Unmanaged<EncodingSession>
    ) throws -> TemplateValue {
        try encode(value, parent: parent, session: session) { $0.key = key }
    }

    @inline(__always)
    private static func encode<T: Encodable>(
        _ value: T, parent: TemplateEncoderImpl?, session sessionRef: Unmanaged<EncodingSession>,
        prepare: (TemplateEncoderImpl) -> Void
    ) throws -> TemplateValue {
        if T.self == String.self { return .string(unsafeBitCast(value, to: String.self)) }
        if T.self == Int.self { return .int(unsafeBitCast(value, to: Int.self)) }
        if T.self == Double.self { return .double(unsafeBitCast(value, to: Double.self)) }
        if T.self == Bool.self { return .bool(unsafeBitCast(value, to: Bool.self)) }
        if T.self == TemplateValue.self { return unsafeBitCast(value, to: TemplateValue.self) }
        if let special = specialValue(value) { return special }
        // The session and its encoders are reached unretained: they outlive this call.
        return try sessionRef._withUnsafeGuaranteedRef { session in
            let encoderRef = session.enter()
            defer { session.leave() }
            return try encoderRef._withUnsafeGuaranteedRef { encoder in
                encoder.parent = parent
                prepare(encoder)
                let saved = session.top
                session.top = encoderRef
                defer {
                    session.top = saved
                    encoder.reset()
                }
                try value.encode(to: encoder)
                return encoder.finish()
            }
        }
    }

    static func specialValue<T: Encodable>(_ value: T) -> TemplateValue? {
        if T.self == Date.self { return .string(ISO8601.format(unsafeBitCast(value, to: Date.self))) }
        if T.self == UUID.self { return .string((value as! UUID).uuidString.lowercased()) }
        if T.self == URL.self { return .string((value as! URL).absoluteString) }
        if T.self == Data.self { return .string((value as! Data).base64EncodedString()) }
        if T.self == Decimal.self { return .double(Double((value as! Decimal).description) ?? 0) }
        return nil
    }
}

struct TemplateCodingKey: CodingKey {
    var stringValue: String
    var intValue: Int?
    init(_ s: String) { stringValue = s }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) {
        self.stringValue = String(intValue)
        self.intValue = intValue
    }
}

/// ISO 8601 formatting in UTC without Foundation formatters.
enum ISO8601 {
    static func format(_ date: Date) -> String {
        let t = date.timeIntervalSince1970
        var seconds = Int(t.rounded(.down))
        var ms = Int(((t - Double(seconds)) * 1000).rounded())
        if ms >= 1000 {
            seconds += 1
            ms -= 1000
        }
        let days = Int((Double(seconds) / 86400).rounded(.down))
        let secOfDay = seconds - days * 86400
        // civil from days (proleptic Gregorian)
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        var y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        if m <= 2 { y += 1 }
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        var s = "\(String(format4: y))-\(two(m))-\(two(d))T\(two(secOfDay / 3600)):\(two(secOfDay % 3600 / 60)):\(two(secOfDay % 60))"
        if ms > 0 { s += "." + (ms < 10 ? "00" : ms < 100 ? "0" : "") + String(ms) }
        return s + "Z"
    }
}

extension String {
    init(format4 year: Int) {
        let s = String(abs(year))
        self = (year < 0 ? "-" : "") + String(repeating: "0", count: Swift.max(0, 4 - s.count)) + s
    }
}
