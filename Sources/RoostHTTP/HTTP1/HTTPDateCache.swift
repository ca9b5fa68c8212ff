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
        Array(HTTPDate.format(secondsSince1970: Double(seconds)).utf8)
    }
}
