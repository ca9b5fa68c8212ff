#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
public import RoostDatabase

/// Constructors migration files use for values that have no literal form in Swift, so
/// the files need no force unwraps.
extension DatabaseValue {
    /// A timestamp from seconds since 1970, as migration files write them.
    ///
    /// ```swift
    /// AddField(model: "Post", FieldSpec("createdAt", .dateTime), default: .timestamp(secondsSince1970: 1_700_000_000))
    /// ```
    public static func timestamp(secondsSince1970 seconds: Double) -> DatabaseValue {
        .timestamp(Date(timeIntervalSince1970: seconds))
    }

    /// A calendar date from `YYYY-MM-DD` (kept as text if it does not parse).
    public static func date(iso text: String) -> DatabaseValue {
        CalendarDate(text).map { .date($0) } ?? .string(text)
    }

    /// A UUID from its text form (kept as text if it does not parse).
    public static func uuid(string text: String) -> DatabaseValue {
        UUID(uuidString: text).map { .uuid($0) } ?? .string(text)
    }

    /// An exact decimal from its text form (kept as text if it does not parse).
    public static func decimal(string text: String) -> DatabaseValue {
        Decimal(string: text, locale: nil).map { .decimal($0) } ?? .string(text)
    }
}
