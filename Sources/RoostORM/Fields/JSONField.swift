#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
public import RoostDatabase

/// A `Codable` value stored as JSON (`jsonb` on PostgreSQL, text on SQLite).
///
/// ```swift
/// struct Settings: Codable, Sendable { var theme = "dark" }
/// @Model struct Profile { var id: Int64?; var settings = JSONField(Settings()) }
/// profile.settings.value.theme
/// ```
public struct JSONField<Value: Codable & Sendable>: Sendable {
    /// The decoded value.
    public var value: Value

    /// Wraps a value.
    public init(_ value: Value) {
        self.value = value
    }
}

extension JSONField: DatabaseValueConvertible {
    public var databaseValue: DatabaseValue {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(value) else { return .null }
        return .json(String(decoding: data, as: UTF8.self))
    }

    public init(databaseValue: DatabaseValue) throws(DatabaseDecodingError) {
        let text: String
        switch databaseValue {
        case .json(let json), .string(let json): text = json
        default: throw .typeMismatch(Self.self, found: databaseValue)
        }
        do {
            value = try JSONDecoder().decode(Value.self, from: Data(text.utf8))
        } catch {
            throw .invalidFormat(Self.self, found: databaseValue, detail: "\(error)")
        }
    }
}

extension JSONField: ModelFieldValue {
    public static var fieldType: FieldType { .json }
}

extension JSONField: Encodable {
    public func encode(to encoder: any Encoder) throws { try value.encode(to: encoder) }
}
