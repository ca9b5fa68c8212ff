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
public struct TemplateValueEncoder: Sendable {
    /// Creates an encoder.
    public init() {}

    /// Encodes `value`.
    /// - Parameter value: Any `Encodable` value.
    /// - Returns: The template value.
    /// - Throws: `EncodingError` from the value's own `encode(to:)`.
    public func encode(_ value: some Encodable) throws -> TemplateValue {
        try EncodingNode.encode(value, codingPath: [])
    }
}

/// The result of encoding one value: filled in by one of the containers.
final class EncodingNode {
    enum Content {
        case empty
        case value(TemplateValue)
        case keyed([String], [EncodingNode])
        case unkeyed([EncodingNode])
    }

    var content: Content = .empty

    init() {}
    init(_ v: TemplateValue) { content = .value(v) }

    var value: TemplateValue {
        switch content {
        case .empty: return .dict(.empty)
        case .value(let v): return v
        case .keyed(let keys, let nodes):
            return .dict(TemplateDict(uniqueKeys: keys.map { .string($0) }, values: nodes.map(\.value)))
        case .unkeyed(let nodes): return .list(nodes.map(\.value))
        }
    }

    /// Encodes a value, with fast paths for the types templates print specially.
    static func encode<T: Encodable>(_ value: T, codingPath: [any CodingKey]) throws -> TemplateValue {
        if let special = specialValue(value) { return special }
        if let dict = value as? any SortedKeyEncodable { return try dict.sortedTemplateValue(codingPath: codingPath) }
        let encoder = TemplateEncoderImpl(codingPath: codingPath)
        try value.encode(to: encoder)
        return encoder.node.value
    }

    static func specialValue<T: Encodable>(_ value: T) -> TemplateValue? {
        switch value {
        case let v as TemplateValue: return v
        case let v as String: return .string(v)
        case let v as Int: return .int(v)
        case let v as Double: return .double(v)
        case let v as Bool: return .bool(v)
        case let v as Date: return .string(ISO8601.format(v))
        case let v as UUID: return .string(v.uuidString.lowercased())
        case let v as URL: return .string(v.absoluteString)
        case let v as Data: return .string(v.base64EncodedString())
        case let v as Decimal: return .double(Double(v.description) ?? 0)
        default: return nil
        }
    }
}

/// Dictionaries with string keys encode with sorted keys.
protocol SortedKeyEncodable {
    func sortedTemplateValue(codingPath: [any CodingKey]) throws -> TemplateValue
}

extension Dictionary: SortedKeyEncodable where Key == String, Value: Encodable {
    func sortedTemplateValue(codingPath: [any CodingKey]) throws -> TemplateValue {
        var pairs: [(TemplateValue, TemplateValue)] = []
        pairs.reserveCapacity(count)
        for key in keys.sorted() {
            pairs.append((.string(key), try EncodingNode.encode(self[key]!, codingPath: codingPath + [TemplateCodingKey(key)])))
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
        let millis = Int(((t - Double(seconds)) * 1000).rounded())
        var ms = millis
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
