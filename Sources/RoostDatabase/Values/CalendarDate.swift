#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif

/// A calendar date without a time of day or time zone, like Django's `DateField` or SQL `DATE`.
///
/// Years run from 1 to 9999. The text form is ISO 8601, `YYYY-MM-DD`, which is also how it is
/// encoded with `Codable` and stored in SQLite.
///
/// ```swift
/// let birthday = CalendarDate(year: 1990, month: 2, day: 28)!
/// birthday.description                          // "1990-02-28"
/// CalendarDate("2024-02-29")?.day                // 29
/// CalendarDate(year: 2023, month: 2, day: 29)    // nil: not a leap year
/// ```
public struct CalendarDate: Sendable, Hashable, Comparable {
    /// The year, 1...9999.
    public let year: Int
    /// The month, 1...12.
    public let month: Int
    /// The day of the month, 1...31.
    public let day: Int

    /// Creates a date, or `nil` when the parts do not name a real day between year 1 and 9999.
    ///
    /// ```swift
    /// CalendarDate(year: 2024, month: 12, day: 31)   // 2024-12-31
    /// ```
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              day >= 1, day <= CivilCalendar.daysInMonth(year: year, month: month)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD`; returns `nil` for anything else.
    ///
    /// ```swift
    /// CalendarDate("2024-01-05")   // 2024-01-05
    /// CalendarDate("2024-1-5")     // nil
    /// ```
    public init?(_ text: some StringProtocol) {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
              let year = CivilCalendar.digits(bytes, 0, 4),
              let month = CivilCalendar.digits(bytes, 5, 2),
              let day = CivilCalendar.digits(bytes, 8, 2)
        else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// The date, in UTC, on which `instant` falls.
    ///
    /// ```swift
    /// CalendarDate(utc: Date(timeIntervalSince1970: 0))   // 1970-01-01
    /// ```
    public init(utc instant: Date) {
        let seconds = Int64(instant.timeIntervalSince1970.rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        self.init(daysSince1970: Int(days))
    }

    /// The date `days` days after 1970-01-01 (negative for earlier days), clamped to years 1...9999.
    ///
    /// ```swift
    /// CalendarDate(daysSince1970: 1)   // 1970-01-02
    /// ```
    public init(daysSince1970 days: Int) {
        let clamped = min(max(days, CivilCalendar.minimumDay), CivilCalendar.maximumDay)
        let (year, month, day) = CivilCalendar.civil(fromDays: clamped)
        self.year = year
        self.month = month
        self.day = day
    }

    /// Days since 1970-01-01 (negative before it).
    ///
    /// ```swift
    /// CalendarDate("1970-01-11")!.daysSince1970   // 10
    /// ```
    public var daysSince1970: Int {
        CivilCalendar.days(year: year, month: month, day: day)
    }

    /// Midnight UTC at the start of this date.
    ///
    /// ```swift
    /// CalendarDate("1970-01-02")!.startOfDayUTC.timeIntervalSince1970   // 86400
    /// ```
    public var startOfDayUTC: Date {
        Date(timeIntervalSince1970: Double(daysSince1970) * 86_400)
    }

    /// Orders dates chronologically.
    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }
}

extension CalendarDate: CustomStringConvertible {
    /// The ISO 8601 form, `YYYY-MM-DD`.
    public var description: String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(10)
        CivilCalendar.append(year, width: 4, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        CivilCalendar.append(month, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        CivilCalendar.append(day, width: 2, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension CalendarDate: Codable {
    /// Decodes the `YYYY-MM-DD` string form.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let date = CalendarDate(text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "Expected a date as YYYY-MM-DD")
        }
        self = date
    }

    /// Encodes the `YYYY-MM-DD` string form.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// Proleptic Gregorian calendar arithmetic (Howard Hinnant's `days_from_civil` algorithms),
/// shared by ``CalendarDate`` and ``TimestampText``.
enum CivilCalendar {
    /// 0001-01-01 as days since 1970-01-01.
    static let minimumDay = -719_162
    /// 9999-12-31 as days since 1970-01-01.
    static let maximumDay = 2_932_896

    static func isLeap(_ year: Int) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let shiftedMonth = month > 2 ? month - 3 : month + 9
        let dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func civil(fromDays days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// Reads `count` ASCII digits at `offset`, or `nil` if any is not a digit.
    static func digits(_ bytes: [UInt8], _ offset: Int, _ count: Int) -> Int? {
        guard offset + count <= bytes.count else { return nil }
        var value = 0
        for index in offset..<(offset + count) {
            let byte = bytes[index]
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }

    /// Appends `value` zero-padded to `width` digits.
    static func append(_ value: Int, width: Int, to bytes: inout [UInt8]) {
        var digits: [UInt8] = []
        var rest = value
        repeat {
            digits.append(UInt8(ascii: "0") + UInt8(rest % 10))
            rest /= 10
        } while rest > 0
        if digits.count < width {
            bytes.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: width - digits.count))
        }
        bytes.append(contentsOf: digits.reversed())
    }
}
