#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The current time as an IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`), re-formatted at
/// most once a second.
struct HTTPDateCache {
    private var second: time_t = -1
    private(set) var bytes: [UInt8] = []

    /// The `Date` header value for now.
    mutating func current() -> [UInt8] {
        let now = time(nil)
        if now != second {
            second = now
            bytes = Self.format(now)
        }
        return bytes
    }

    static func format(_ seconds: time_t) -> [UInt8] {
        var seconds = seconds
        var parts = tm()
        gmtime_r(&seconds, &parts)
        let days: [StaticString] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months: [StaticString] = [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ]
        var out: [UInt8] = []
        out.reserveCapacity(29)
        func append(_ text: StaticString) {
            out.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
        }
        func twoDigits(_ value: Int32) {
            out.append(UInt8(48 + value / 10))
            out.append(UInt8(48 + value % 10))
        }
        append(days[Int(parts.tm_wday)])
        append(", ")
        twoDigits(parts.tm_mday)
        out.append(32)
        append(months[Int(parts.tm_mon)])
        out.append(32)
        let year = Int(parts.tm_year) + 1900
        out.append(contentsOf: Array(String(year).utf8))
        out.append(32)
        twoDigits(parts.tm_hour)
        out.append(58)
        twoDigits(parts.tm_min)
        out.append(58)
        twoDigits(parts.tm_sec)
        append(" GMT")
        return out
    }
}
