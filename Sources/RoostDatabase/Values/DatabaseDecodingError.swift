/// Thrown when a value read from the database cannot become the Swift type asked for: `NULL`
/// into a non-optional, text into an integer, a number out of range, a malformed date, or a
/// column that the row does not have.
///
/// The message names the column and the kinds involved, never the stored value, so it is
/// safe to log.
///
/// ```swift
/// do {
///     let age = try row.decode(Int.self, column: "age")
/// } catch let error as DatabaseDecodingError where error.code == .unexpectedNull {
///     print(error)   // Cannot decode column "age" as Int: found NULL …
/// }
/// ```
public struct DatabaseDecodingError: Error, Sendable, CustomStringConvertible {
    /// What went wrong; compare with the static members, e.g. `error.code == .typeMismatch`.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case unexpectedNull, typeMismatch, outOfRange, invalidFormat, columnNotFound
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// `NULL` was read into a non-optional type.
        public static let unexpectedNull = Code(.unexpectedNull)
        /// The stored kind cannot represent the requested type (text into `Int`, …).
        public static let typeMismatch = Code(.typeMismatch)
        /// A number does not fit the requested type (300 into `UInt8`, …).
        public static let outOfRange = Code(.outOfRange)
        /// Text that should hold a date, UUID, decimal or enum case is malformed.
        public static let invalidFormat = Code(.invalidFormat)
        /// The row has no column with the requested name or index.
        public static let columnNotFound = Code(.columnNotFound)

        /// The code's name, e.g. `typeMismatch`.
        public var description: String { base.rawValue }
    }

    /// The kind of failure.
    public let code: Code
    /// The column, when known. ``Row`` fills it in; a bare conversion leaves it `nil`.
    public internal(set) var column: String?
    /// The Swift type that was requested, e.g. `"Int"`.
    public let expectedType: String
    /// The kind of value found (see ``DatabaseValue/kind``), never the value itself.
    public let foundKind: String
    /// Extra explanation, e.g. a hint on how to fix it.
    public let detail: String?

    /// Creates an error; custom ``DatabaseValueConvertible`` types use the static factories.
    ///
    /// ```swift
    /// throw DatabaseDecodingError(code: .invalidFormat, expectedType: "Color", foundKind: "text",
    ///                             detail: "unknown color name")
    /// ```
    public init(code: Code, expectedType: String, foundKind: String, detail: String? = nil, column: String? = nil) {
        self.code = code
        self.expectedType = expectedType
        self.foundKind = foundKind
        self.detail = detail
        self.column = column
    }

    /// `NULL` found where `type` cannot hold it.
    ///
    /// ```swift
    /// throw DatabaseDecodingError.unexpectedNull(Int.self)
    /// ```
    public static func unexpectedNull(_ type: Any.Type) -> DatabaseDecodingError {
        DatabaseDecodingError(
            code: .unexpectedNull, expectedType: String(describing: type), foundKind: "NULL",
            detail: "declare the property Optional to accept NULL")
    }

    /// `value`'s kind cannot become `type`.
    ///
    /// ```swift
    /// throw DatabaseDecodingError.typeMismatch(Int.self, found: .string("x"))
    /// ```
    public static func typeMismatch(_ type: Any.Type, found value: DatabaseValue) -> DatabaseDecodingError {
        DatabaseDecodingError(code: .typeMismatch, expectedType: String(describing: type), foundKind: value.kind)
    }

    /// `value` is a number outside `type`'s range.
    ///
    /// ```swift
    /// throw DatabaseDecodingError.outOfRange(UInt8.self, found: .int(300))
    /// ```
    public static func outOfRange(_ type: Any.Type, found value: DatabaseValue) -> DatabaseDecodingError {
        DatabaseDecodingError(
            code: .outOfRange, expectedType: String(describing: type), foundKind: value.kind,
            detail: "the number does not fit the type")
    }

    /// `value` has the right kind but malformed content.
    ///
    /// ```swift
    /// throw DatabaseDecodingError.invalidFormat(UUID.self, found: .string("nope"), detail: "not a UUID")
    /// ```
    public static func invalidFormat(_ type: Any.Type, found value: DatabaseValue, detail: String) -> DatabaseDecodingError {
        DatabaseDecodingError(code: .invalidFormat, expectedType: String(describing: type), foundKind: value.kind, detail: detail)
    }

    /// A human-readable message naming the column, the type and the kind found.
    public var description: String {
        var text = "Cannot decode "
        if let column {
            text += "column \"\(column)\" as \(expectedType)"
        } else {
            text += "a database value as \(expectedType)"
        }
        switch code {
        case .columnNotFound: text += ": no such column in the row"
        case .unexpectedNull: text += ": found NULL"
        default: text += ": found \(foundKind)"
        }
        if let detail { text += " (\(detail))" }
        return text
    }
}
