#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds the end of a request head in bytes that arrive piece by piece.
///
/// The scanner remembers how far it has looked, so a client that sends its head one byte at a
/// time costs linear work, not quadratic. It enforces the head and URI limits while the head is
/// still incomplete, so a client cannot make the server buffer more than the limit.
struct HeadBoundaryScanner {
    /// Where the head starts after any empty lines a client sent between requests.
    private(set) var headStart = 0
    private var scanned = 0
    private var firstLineEnd: Int?

    /// The outcome of a scan.
    enum Outcome: Equatable {
        /// The head is not complete yet.
        case incomplete
        /// The head occupies `range`, which ends just after its final empty line.
        case complete(Range<Int>)
    }

    /// Forgets all progress, for the next request.
    mutating func reset() {
        self = HeadBoundaryScanner()
    }

    /// Looks for the end of the head in `bytes`, which must start where the previous call's
    /// bytes started and may have grown since.
    mutating func scan(_ bytes: UnsafeRawBufferPointer, limits: HTTP1Limits) throws(HTTP1ParseError) -> Outcome {
        let count = bytes.count
        if scanned == 0 {
            // RFC 9112 §2.2: ignore empty lines received before a request line.
            while headStart + 1 < count, bytes[headStart] == ByteClass.cr, bytes[headStart + 1] == ByteClass.lf {
                headStart += 2
                guard headStart <= 64 else { throw .badRequest("Too many empty lines before the request") }
            }
            if headStart < count, bytes[headStart] == ByteClass.lf {
                throw .badRequest("Bare LF line ending")
            }
            if headStart + 1 >= count, headStart < count, bytes[headStart] == ByteClass.cr {
                return .incomplete
            }
            scanned = headStart
        }
        guard let base = bytes.baseAddress else { return .incomplete }
        var position = scanned
        while position < count {
            guard let found = memchr(base + position, Int32(ByteClass.lf), count - position) else { break }
            let lf = base.distance(to: UnsafeRawPointer(found))
            guard lf > headStart, bytes[lf - 1] == ByteClass.cr else {
                throw .badRequest("Bare LF line ending")
            }
            if firstLineEnd == nil {
                firstLineEnd = lf + 1
            } else if bytes[lf - 2] == ByteClass.lf, bytes[lf - 3] == ByteClass.cr {
                let range = headStart..<(lf + 1)
                guard range.count <= limits.maxHeadBytes else { throw .headTooLarge }
                return .complete(range)
            }
            position = lf + 1
        }
        scanned = count
        let length = count - headStart
        if firstLineEnd == nil {
            // Method, two spaces and "HTTP/1.1\r" around the target.
            if length > limits.maxURILength + 32 { throw .uriTooLong }
        } else if length > limits.maxHeadBytes {
            throw .headTooLarge
        }
        return .incomplete
    }
}
