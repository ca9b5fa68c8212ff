#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The current time as an IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`), re-formatted at
/// most once a second. One per connection (HTTP/1.1 and HTTP/2), used on its event loop.
package struct HTTPDateCache {
    private var second: time_t = -1
    private var text = ""
    private var bytes: [UInt8] = []

    package init() {}

    /// The `Date` header value for now, as bytes (HTTP/1.1 writes them).
    package mutating func current() -> [UInt8] {
        refresh()
        return bytes
    }

    /// The `Date` header value for now, as text (HPACK headers take strings).
    package mutating func currentText() -> String {
        refresh()
        return text
    }

    private mutating func refresh() {
        let now = time(nil)
        guard now != second else { return }
        second = now
        text = HTTPDate.format(secondsSince1970: Double(now))
        bytes = Array(text.utf8)
    }
}
