#if canImport(FoundationEssentials)
package import FoundationEssentials
#else
package import Foundation
#endif

/// The text form of instants used where a database has no timestamp type (Django's SQLite
/// convention): UTC, `YYYY-MM-DD HH:MM:SS.ffffff`.
///
/// Parsing also accepts a `T` separator, fewer (or no) fractional digits, a missing seconds
/// field and a zone suffix (`Z`, `+HH`, `+HHMM`, `+HH:MM`); text without a zone is UTC.
package enum TimestampText {
    /// Formats `instant` in UTC with microsecond precision.
    package static func format(_ instant: Date) -> String {
        let micros = microsecondsSince1970(instant)
        let microsPerDay: Int64 = 86_400_000_000
        var days = micros / microsPerDay
        var rest = micros % microsPerDay
        if rest < 0 {
            days -= 1
            rest += microsPerDay
        }
        let clampedDays = Int(min(max(days, Int64(CivilCalendar.minimumDay)), Int64(CivilCalendar.maximumDay)))
        let (year, month, day) = CivilCalendar.civil(fromDays: clampedDays)
        let seconds = Int(rest / 1_000_000)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(26)
        CivilCalendar.append(year, width: 4, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        CivilCalendar.append(month, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        CivilCalendar.append(day, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: " "))
        CivilCalendar.append(seconds / 3600, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        CivilCalendar.append(seconds / 60 % 60, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        CivilCalendar.append(seconds % 60, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: "."))
        CivilCalendar.append(Int(rest % 1_000_000), width: 6, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Parses the text forms described above, or returns `nil`.
    package static func parse(_ text: some StringProtocol) -> Date? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 16, let date = CalendarDate(String(decoding: bytes[0..<10], as: UTF8.self)),
              bytes[10] == UInt8(ascii: " ") || bytes[10] == UInt8(ascii: "T"),
              let hour = CivilCalendar.digits(bytes, 11, 2), bytes[13] == UInt8(ascii: ":"),
              let minute = CivilCalendar.digits(bytes, 14, 2), hour < 24, minute < 60
        else { return nil }
        var index = 16
        var second = 0
        var micros = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: ":") {
            guard let value = CivilCalendar.digits(bytes, index + 1, 2), value < 60 else { return nil }
            second = value
            index += 3
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                index += 1
                var scale = 100_000
                let start = index
                while index < bytes.count, let digit = CivilCalendar.digits(bytes, index, 1) {
                    micros += digit * scale
                    scale /= 10
                    index += 1
                }
                guard index > start else { return nil }
            }
        }
        guard let offset = zoneOffsetSeconds(bytes, from: index) else { return nil }
        let totalSeconds = Int64(date.daysSince1970) * 86_400 + Int64(hour * 3600 + minute * 60 + second) - Int64(offset)
        return Date(timeIntervalSince1970: Double(totalSeconds) + Double(micros) / 1_000_000)
    }

    /// Whole microseconds since 1970, rounded to the nearest microsecond.
    package static func microsecondsSince1970(_ instant: Date) -> Int64 {
        let seconds = instant.timeIntervalSince1970
        let whole = seconds.rounded(.down)
        let fraction = ((seconds - whole) * 1_000_000).rounded()
        return Int64(whole) * 1_000_000 + Int64(fraction)
    }

    /// An instant from whole microseconds since 1970, as exactly as `Date` can hold it.
    package static func date(microsecondsSince1970 micros: Int64) -> Date {
        var whole = micros / 1_000_000
        var fraction = micros % 1_000_000
        if fraction < 0 {
            whole -= 1
            fraction += 1_000_000
        }
        return Date(timeIntervalSince1970: Double(whole) + Double(fraction) / 1_000_000)
    }

    private static func zoneOffsetSeconds(_ bytes: [UInt8], from index: Int) -> Int? {
        if index == bytes.count { return 0 }
        if bytes[index] == UInt8(ascii: "Z") || bytes[index] == UInt8(ascii: "z") {
            return index + 1 == bytes.count ? 0 : nil
        }
        let sign: Int
        switch bytes[index] {
        case UInt8(ascii: "+"): sign = 1
        case UInt8(ascii: "-"): sign = -1
        default: return nil
        }
        let rest = bytes.count - index - 1
        guard let hours = CivilCalendar.digits(bytes, index + 1, 2), hours < 24 else { return nil }
        let minutes: Int?
        switch rest {
        case 2: minutes = 0
        case 4: minutes = CivilCalendar.digits(bytes, index + 3, 2)
        case 5 where bytes[index + 3] == UInt8(ascii: ":"): minutes = CivilCalendar.digits(bytes, index + 4, 2)
        default: minutes = nil
        }
        guard let minutes, minutes < 60 else { return nil }
        return sign * (hours * 3600 + minutes * 60)
    }
}
