#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif

extension DatabaseValue {
    /// Encodes `value` as a JSON document (`jsonb` on PostgreSQL, text on SQLite).
    ///
    /// - Parameters:
    ///   - value: Any `Encodable` value.
    ///   - encoder: The encoder to use; a default one when omitted.
    /// - Returns: A ``json(_:)`` value.
    /// - Throws: The encoder's error.
    ///
    /// ```swift
    /// try await db.execute("UPDATE users SET settings = \(try DatabaseValue.json(encoding: settings)) WHERE id = \(id)")
    /// ```
    public static func json(encoding value: some Encodable, encoder: JSONEncoder = JSONEncoder()) throws -> DatabaseValue {
        .json(String(decoding: try encoder.encode(value), as: UTF8.self))
    }
}

extension Row {
    /// Decodes a JSON column (stored as `jsonb`, `json` or text) into a `Decodable` type.
    ///
    /// - Parameters:
    ///   - type: The type to decode.
    ///   - column: The column name.
    ///   - decoder: The decoder to use; a default one when omitted.
    /// - Returns: The decoded value.
    /// - Throws: ``DatabaseDecodingError`` for a missing column, `NULL` or a non-text value,
    ///   and the decoder's error for malformed JSON.
    ///
    /// ```swift
    /// let settings = try row.decodeJSON(Settings.self, column: "settings")
    /// ```
    public func decodeJSON<Value: Decodable>(
        _ type: Value.Type, column: String, decoder: JSONDecoder = JSONDecoder()
    ) throws -> Value {
        let text = try decode(String.self, column: column)
        return try decoder.decode(Value.self, from: Data(text.utf8))
    }
}
