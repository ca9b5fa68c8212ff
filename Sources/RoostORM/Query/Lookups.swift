#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif
public import RoostDatabase

/// `Optional` as a field value, so lookups can accept the wrapped type.
public protocol OptionalModelFieldValue: ModelFieldValue {
    /// The non-optional type.
    associatedtype Wrapped: ModelFieldValue
}

extension Optional: OptionalModelFieldValue where Wrapped: ModelFieldValue {}

extension TypedExpression {
    /// Equality (`exact`); comparing with `nil` tests for NULL.
    public static func == (lhs: Self, rhs: Value) -> Predicate {
        let value = rhs.databaseValue
        return value.isNull ? .isNull(lhs.sqlExpression) : .comparison(lhs.sqlExpression, .equal, .value(value))
    }

    /// Inequality with Swift's meaning: for optional columns, NULL differs from every value.
    public static func != (lhs: Self, rhs: Value) -> Predicate {
        let value = rhs.databaseValue
        if value.isNull { return .isNotNull(lhs.sqlExpression) }
        let different = Predicate.comparison(lhs.sqlExpression, .notEqual, .value(value))
        return Value.isOptional ? different || .isNull(lhs.sqlExpression) : different
    }

    /// Compares two columns or expressions of the same type (Django's `F()` comparisons).
    public static func == <Other: TypedExpression>(lhs: Self, rhs: Other) -> Predicate where Other.Value == Value {
        .comparison(lhs.sqlExpression, .equal, rhs.sqlExpression)
    }

    /// One of several values (`in`); an empty list matches nothing.
    public func isIn(_ values: some Sequence<Value>) -> Predicate {
        .inList(sqlExpression, values.map { $0.databaseValue })
    }

    /// None of several values.
    public func isNotIn(_ values: some Sequence<Value>) -> Predicate {
        !isIn(values)
    }

    /// NULL (`isnull=True`).
    public var isNull: Predicate { .isNull(sqlExpression) }

    /// Not NULL (`isnull=False`).
    public var isNotNull: Predicate { .isNotNull(sqlExpression) }
}

extension TypedExpression where Value: Comparable {
    public static func < (lhs: Self, rhs: Value) -> Predicate { .comparison(lhs.sqlExpression, .less, .value(rhs.databaseValue)) }
    public static func <= (lhs: Self, rhs: Value) -> Predicate { .comparison(lhs.sqlExpression, .lessOrEqual, .value(rhs.databaseValue)) }
    public static func > (lhs: Self, rhs: Value) -> Predicate { .comparison(lhs.sqlExpression, .greater, .value(rhs.databaseValue)) }
    public static func >= (lhs: Self, rhs: Value) -> Predicate { .comparison(lhs.sqlExpression, .greaterOrEqual, .value(rhs.databaseValue)) }

    /// Within bounds, inclusive (`range`).
    public func isBetween(_ range: ClosedRange<Value>) -> Predicate {
        .between(sqlExpression, range.lowerBound.databaseValue, range.upperBound.databaseValue)
    }
}

extension TypedExpression where Value: OptionalModelFieldValue, Value.Wrapped: Comparable {
    public static func < (lhs: Self, rhs: Value.Wrapped) -> Predicate { .comparison(lhs.sqlExpression, .less, .value(rhs.databaseValue)) }
    public static func <= (lhs: Self, rhs: Value.Wrapped) -> Predicate { .comparison(lhs.sqlExpression, .lessOrEqual, .value(rhs.databaseValue)) }
    public static func > (lhs: Self, rhs: Value.Wrapped) -> Predicate { .comparison(lhs.sqlExpression, .greater, .value(rhs.databaseValue)) }
    public static func >= (lhs: Self, rhs: Value.Wrapped) -> Predicate { .comparison(lhs.sqlExpression, .greaterOrEqual, .value(rhs.databaseValue)) }

    /// Within bounds, inclusive (`range`); NULL never is.
    public func isBetween(_ range: ClosedRange<Value.Wrapped>) -> Predicate {
        .between(sqlExpression, range.lowerBound.databaseValue, range.upperBound.databaseValue)
    }
}

/// `String` and `String?`, for the text lookups.
public protocol TextFieldValue: ModelFieldValue {}
extension String: TextFieldValue {}
extension Optional: TextFieldValue where Wrapped == String {}

extension TypedExpression where Value: TextFieldValue {
    /// Contains `text`, case-sensitively (`contains`).
    public func contains(_ text: String) -> Predicate { .text(sqlExpression, .contains, text, caseInsensitive: false) }
    /// Contains `text`, ignoring case (`icontains`).
    public func icontains(_ text: String) -> Predicate { .text(sqlExpression, .contains, text, caseInsensitive: true) }
    /// Starts with `text` (`startswith`).
    public func startsWith(_ text: String) -> Predicate { .text(sqlExpression, .startsWith, text, caseInsensitive: false) }
    /// Starts with `text`, ignoring case (`istartswith`).
    public func istartsWith(_ text: String) -> Predicate { .text(sqlExpression, .startsWith, text, caseInsensitive: true) }
    /// Ends with `text` (`endswith`).
    public func endsWith(_ text: String) -> Predicate { .text(sqlExpression, .endsWith, text, caseInsensitive: false) }
    /// Ends with `text`, ignoring case (`iendswith`).
    public func iendsWith(_ text: String) -> Predicate { .text(sqlExpression, .endsWith, text, caseInsensitive: true) }
    /// Equal to `text`, ignoring case (`iexact`).
    public func iequals(_ text: String) -> Predicate { .text(sqlExpression, .exact, text, caseInsensitive: true) }
    /// Matches a regular expression (`regex`; POSIX on PostgreSQL, ICU-like on SQLite).
    public func matches(regex pattern: String, caseInsensitive: Bool = false) -> Predicate {
        .regex(sqlExpression, pattern, caseInsensitive: caseInsensitive)
    }
    /// The value in lower case.
    public var lowercased: ValueExpression<Value> { ValueExpression(.lower(sqlExpression)) }
    /// The value in upper case.
    public var uppercased: ValueExpression<Value> { ValueExpression(.upper(sqlExpression)) }
    /// The length of the value.
    public var length: ValueExpression<Int> { ValueExpression(.length(sqlExpression)) }
}

/// Types with date parts: `Date`, `CalendarDate` and their optionals.
public protocol DateFieldValue: ModelFieldValue {}
extension Date: DateFieldValue {}
extension CalendarDate: DateFieldValue {}
extension Optional: DateFieldValue where Wrapped: DateFieldValue {}

extension TypedExpression where Value: DateFieldValue {
    /// The year (`__year`), in UTC.
    public var year: ValueExpression<Int> { ValueExpression(.datePart(.year, sqlExpression)) }
    /// The month, 1–12 (`__month`).
    public var month: ValueExpression<Int> { ValueExpression(.datePart(.month, sqlExpression)) }
    /// The day of the month (`__day`).
    public var day: ValueExpression<Int> { ValueExpression(.datePart(.day, sqlExpression)) }
    /// The day of the week, 1 (Sunday) to 7 (`__week_day`).
    public var weekDay: ValueExpression<Int> { ValueExpression(.datePart(.weekDay, sqlExpression)) }
    /// The hour, 0–23 (date-times only).
    public var hour: ValueExpression<Int> { ValueExpression(.datePart(.hour, sqlExpression)) }
}

/// Numeric field types, for arithmetic in updates and annotations.
public protocol NumericFieldValue: ModelFieldValue {}
extension Int: NumericFieldValue {}
extension Int64: NumericFieldValue {}
extension Int32: NumericFieldValue {}
extension Int16: NumericFieldValue {}
extension Double: NumericFieldValue {}
extension Decimal: NumericFieldValue {}
extension Optional: NumericFieldValue where Wrapped: NumericFieldValue {}

extension TypedExpression where Value: NumericFieldValue {
    public static func + (lhs: Self, rhs: Value) -> ValueExpression<Value> { ValueExpression(.arithmetic(lhs.sqlExpression, .add, .value(rhs.databaseValue))) }
    public static func - (lhs: Self, rhs: Value) -> ValueExpression<Value> { ValueExpression(.arithmetic(lhs.sqlExpression, .subtract, .value(rhs.databaseValue))) }
    public static func * (lhs: Self, rhs: Value) -> ValueExpression<Value> { ValueExpression(.arithmetic(lhs.sqlExpression, .multiply, .value(rhs.databaseValue))) }
    public static func / (lhs: Self, rhs: Value) -> ValueExpression<Value> { ValueExpression(.arithmetic(lhs.sqlExpression, .divide, .value(rhs.databaseValue))) }
    public static func + <Other: TypedExpression>(lhs: Self, rhs: Other) -> ValueExpression<Value> where Other.Value == Value {
        ValueExpression(.arithmetic(lhs.sqlExpression, .add, rhs.sqlExpression))
    }
    public static func - <Other: TypedExpression>(lhs: Self, rhs: Other) -> ValueExpression<Value> where Other.Value == Value {
        ValueExpression(.arithmetic(lhs.sqlExpression, .subtract, rhs.sqlExpression))
    }
}
