/// The kind of column a field maps to; each backend turns it into its SQL type.
public enum FieldType: Sendable, Hashable, CustomStringConvertible {
    /// A 16-bit integer (`SMALLINT`).
    case smallInteger
    /// A 32-bit integer (`INTEGER`).
    case integer
    /// A 64-bit integer (`BIGINT`).
    case bigInteger
    /// A 64-bit integer primary key the database assigns.
    case autoIncrement
    /// A double-precision float.
    case double
    /// A fixed-point decimal with `digits` digits, `places` of them after the point.
    case decimal(digits: Int, places: Int)
    /// A boolean.
    case boolean
    /// Text with a maximum length (`VARCHAR(n)`).
    case string(maxLength: Int)
    /// Text of any length.
    case text
    /// A point in time (UTC).
    case dateTime
    /// A calendar date without a time.
    case date
    /// A UUID.
    case uuid
    /// Binary data.
    case bytes
    /// JSON.
    case json

    public var description: String {
        switch self {
        case .smallInteger: "smallInteger"
        case .integer: "integer"
        case .bigInteger: "bigInteger"
        case .autoIncrement: "autoIncrement"
        case .double: "double"
        case .decimal(let digits, let places): "decimal(\(digits), \(places))"
        case .boolean: "boolean"
        case .string(let maxLength): "string(\(maxLength))"
        case .text: "text"
        case .dateTime: "dateTime"
        case .date: "date"
        case .uuid: "uuid"
        case .bytes: "bytes"
        case .json: "json"
        }
    }
}
