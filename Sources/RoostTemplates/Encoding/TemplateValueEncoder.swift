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
        try EncodingNode.encode(value, parent: nil, key: nil, session: EncodingSession())
    }
}

/// State shared by the encoders of one `encode` call.
final class EncodingSession {
    /// Finished encoders, reused: encoding is depth-first, so an encoder is free again as soon
    /// as its value is finished (unless something kept it, which the uniqueness check catches).
    @exclusivity(unchecked) var spare: [TemplateEncoderImpl] = []
    /// The key list each keyed type produced first; later values of the type share it. A
    /// short list searched linearly: a context has few struct types.
    @exclusivity(unchecked) var keysByType: [(ObjectIdentifier, [TemplateValue])] = []

    @inline(__always)
    func sharedKeys(_ id: ObjectIdentifier) -> [TemplateValue]? {
        for entry in keysByType where entry.0 == id { return entry.1 }
        return nil
    }

    func rememberKeys(_ id: ObjectIdentifier, _ keys: [TemplateValue]) {
        guard keysByType.count < 32, sharedKeys(id) == nil else { return }
        keysByType.append((id, keys))
    }

    @inline(__always)
    func encoder(parent: TemplateEncoderImpl?, key: (any CodingKey)?) -> TemplateEncoderImpl {
        if let e = spare.popLast() {
            e.parent = parent
            e.key = key
            return e
        }
        return TemplateEncoderImpl(parent: parent, key: key, session: self)
    }

    @inline(__always)
    func recycle(_ e: inout TemplateEncoderImpl) {
        guard isKnownUniquelyReferenced(&e) else { return }
        e.reset()
        spare.append(e)
    }
}

/// Encoding entry points shared by the containers.
enum EncodingNode {
    /// Encodes a value, with fast paths (metatype checks, no casts) for the types templates
    /// print specially.
    @inline(__always)
    static func encode<T: Encodable>(
        _ value: T, parent: TemplateEncoderImpl?, key: (any CodingKey)?, session: EncodingSession
    ) throws -> TemplateValue {
        if T.self == String.self { return .string(unsafeBitCast(value, to: String.self)) }
        if T.self == Int.self { return .int(unsafeBitCast(value, to: Int.self)) }
        if T.self == Double.self { return .double(unsafeBitCast(value, to: Double.self)) }
        if T.self == Bool.self { return .bool(unsafeBitCast(value, to: Bool.self)) }
        if T.self == TemplateValue.self { return unsafeBitCast(value, to: TemplateValue.self) }
        if let special = specialValue(value) { return special }
        if T.self is any SortedKeyEncodable.Type, let dict = value as? any SortedKeyEncodable {
            return try dict.sortedTemplateValue(parent: parent, key: key, session: session)
        }
        var encoder = session.encoder(parent: parent, key: key)
        try value.encode(to: encoder)
        let result = encoder.finish()
        session.recycle(&encoder)
        return result
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

/// Dictionaries with string keys encode with sorted keys.
protocol SortedKeyEncodable {
    func sortedTemplateValue(parent: TemplateEncoderImpl?, key: (any CodingKey)?, session: EncodingSession) throws -> TemplateValue
}

extension Dictionary: SortedKeyEncodable where Key == String, Value: Encodable {
    func sortedTemplateValue(parent: TemplateEncoderImpl?, key: (any CodingKey)?, session: EncodingSession) throws -> TemplateValue {
        let encoder = TemplateEncoderImpl(parent: parent, key: key, session: session)
        var pairs: [(TemplateValue, TemplateValue)] = []
        pairs.reserveCapacity(count)
        for name in keys.sorted() {
            pairs.append((.string(name), try EncodingNode.encode(self[name]!, parent: encoder, key: TemplateCodingKey(name), session: session)))
        }
        return .dict(TemplateDict(pairs))
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
