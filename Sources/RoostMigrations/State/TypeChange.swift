public import RoostORM

/// Which column type changes keep every value, and what a column can be filled with when
/// a migration must invent values (unapplying a `RemoveField`).
public enum TypeChange {
    /// Whether changing a column from `old` to `new` can lose or refuse existing values:
    /// a shorter or narrower type, or a different kind of value. Widening changes
    /// (`smallInteger` → `integer` → `bigInteger`, `string(50)` → `string(200)` → `text`,
    /// `date` → `dateTime`, more decimal digits) are safe.
    ///
    /// ```swift
    /// TypeChange.isLossy(from: .string(maxLength: 200), to: .text)             // false
    /// TypeChange.isLossy(from: .text, to: .string(maxLength: 50))              // true
    /// TypeChange.isLossy(from: .bigInteger, to: .integer)                      // true
    /// ```
    public static func isLossy(from old: FieldType, to new: FieldType) -> Bool {
        if old == new { return false }
        switch (old, new) {
        case (.smallInteger, .integer), (.smallInteger, .bigInteger), (.integer, .bigInteger):
            return false
        case (.smallInteger, .double), (.integer, .double):
            return false
        case (.smallInteger, .decimal(let digits, let places)):
            return digits - places < 5
        case (.integer, .decimal(let digits, let places)):
            return digits - places < 10
        case (.bigInteger, .decimal(let digits, let places)):
            return digits - places < 19
        case (.decimal(let oldDigits, let oldPlaces), .decimal(let newDigits, let newPlaces)):
            return newPlaces < oldPlaces || newDigits - newPlaces < oldDigits - oldPlaces
        case (.string(let oldLength), .string(let newLength)):
            return newLength < oldLength
        case (.string, .text):
            return false
        case (.date, .dateTime):
            return false
        case (.smallInteger, .string), (.integer, .string), (.bigInteger, .string), (.uuid, .string),
            (.boolean, .string), (.decimal, .string), (.double, .string), (.date, .string), (.dateTime, .string):
            // Text holds any of these, if it is long enough.
            if case .string(let length) = new { return length < minimumTextLength(old) }
            return false
        case (.smallInteger, .text), (.integer, .text), (.bigInteger, .text), (.uuid, .text), (.boolean, .text),
            (.decimal, .text), (.double, .text), (.date, .text), (.dateTime, .text), (.json, .text):
            return false
        default:
            return true
        }
    }

    private static func minimumTextLength(_ type: FieldType) -> Int {
        switch type {
        case .smallInteger: 6
        case .integer: 11
        case .bigInteger: 20
        case .uuid: 36
        case .boolean: 5
        case .decimal(let digits, _): digits + 2
        case .double: 24
        case .date: 10
        case .dateTime: 32
        default: Int.max
        }
    }

    /// A value of the type for rows that need one and have none: zero, empty, false, the
    /// epoch. Used only when unapplying a migration that removed a non-nullable column.
    ///
    /// ```swift
    /// TypeChange.placeholder(for: .text)   // .string("")
    /// ```
    public static func placeholder(for type: FieldType) -> DatabaseValue {
        switch type {
        case .smallInteger, .integer, .bigInteger, .autoIncrement: .int(0)
        case .double: .double(0)
        case .decimal: .int(0)
        case .boolean: .bool(false)
        case .string, .text: .string("")
        case .dateTime: .timestamp(secondsSince1970: 0)
        case .date: .date(iso: "1970-01-01")
        case .uuid: .uuid(string: "00000000-0000-0000-0000-000000000000")
        case .bytes: .bytes([])
        case .json: .json("null")
        }
    }
}
