public import RoostDatabase

/// Row decoding for generated code: a value from a row position, with the model and field
/// named in the error when it does not fit.
public enum ModelDecoding {
    /// Decodes the value at `index` of `row` for the field `field` (`Post.title`).
    @inlinable @inline(__always)
    public static func decode<Value: DatabaseValueConvertible>(
        _ type: Value.Type, _ row: Row, _ index: Int, _ field: String
    ) throws -> Value {
        do {
            return try row.decode(Value.self, at: index)
        } catch {
            throw ModelDecodingError(field: field, underlying: error)
        }
    }

    /// Decodes a single value for the field `field`.
    @inlinable
    public static func decode<Value: DatabaseValueConvertible>(
        _ type: Value.Type, _ value: DatabaseValue, _ field: String
    ) throws -> Value {
        do {
            return try Value(databaseValue: value)
        } catch {
            throw ModelDecodingError(field: field, underlying: error)
        }
    }
}

/// Row encoding for generated code.
public enum ModelEncoding {
    /// The database form of a field's value.
    @inlinable
    public static func encode<Value: DatabaseValueConvertible>(_ value: Value) -> DatabaseValue {
        value.databaseValue
    }
}

/// A row that does not fit its model: NULL in a non-optional field, the wrong type, a
/// malformed value. Names the model field and the column.
public struct ModelDecodingError: Error, Sendable, CustomStringConvertible {
    /// The model field, as `Model.field`.
    public let field: String
    /// The driver-level error, naming the column and the kinds involved.
    public let underlying: DatabaseDecodingError

    /// Creates the error.
    public init(field: String, underlying: DatabaseDecodingError) {
        self.field = field
        self.underlying = underlying
    }

    public var description: String { "cannot load \(field): \(underlying)" }
}
