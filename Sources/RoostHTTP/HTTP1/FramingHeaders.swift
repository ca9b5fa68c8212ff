/// Reading of the header fields that decide message framing and connection reuse.
enum FramingHeaders {
    /// Merges one `Content-Length` field into `current`.
    ///
    /// A list of identical values (`5, 5`) is one length (RFC 9110 §8.6); differing values,
    /// signs, spaces inside digits or overflow are refused.
    static func mergeContentLength(
        _ bytes: UnsafeRawBufferPointer, _ range: Range<Int>, into current: inout Int?
    ) throws(HTTP1ParseError) {
        var index = range.lowerBound
        var sawValue = false
        while index < range.upperBound {
            var value = 0
            let digitsStart = index
            while index < range.upperBound, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
                let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
                let (sum, overflow2) = times10.addingReportingOverflow(Int(bytes[index] - UInt8(ascii: "0")))
                guard !overflow1, !overflow2 else { throw .badRequest("Content-Length too large") }
                value = sum
                index += 1
            }
            guard index > digitsStart else { throw .badRequest("Malformed Content-Length") }
            if let current, current != value { throw .badRequest("Conflicting Content-Length values") }
            current = value
            sawValue = true
            while index < range.upperBound, bytes[index] == ByteClass.space || bytes[index] == ByteClass.tab {
                index += 1
            }
            if index < range.upperBound {
                guard bytes[index] == UInt8(ascii: ",") else { throw .badRequest("Malformed Content-Length") }
                index += 1
                while index < range.upperBound, bytes[index] == ByteClass.space || bytes[index] == ByteClass.tab {
                    index += 1
                }
                guard index < range.upperBound else { throw .badRequest("Malformed Content-Length") }
            }
        }
        guard sawValue else { throw .badRequest("Malformed Content-Length") }
    }

    /// Merges one `Transfer-Encoding` field: only `chunked`, once and last, is supported.
    static func mergeTransferEncoding(
        _ bytes: UnsafeRawBufferPointer, _ range: Range<Int>, into special: inout RequestHeadParser.SpecialHeaders
    ) throws(HTTP1ParseError) {
        special.transferEncodingSeen = true
        var sawCoding = false
        try forEachListElement(bytes, range) { (element: Range<Int>) throws(HTTP1ParseError) in
            sawCoding = true
            if special.chunked { throw .badRequest("chunked must be the final transfer coding") }
            guard bytes.equalsLowercased(element, "chunked") else { throw .unsupportedTransferCoding }
            special.chunked = true
        }
        guard sawCoding else { throw .badRequest("Empty Transfer-Encoding") }
    }

    /// Reads the `close` and `keep-alive` options of a `Connection` field.
    static func readConnection(
        _ bytes: UnsafeRawBufferPointer, _ range: Range<Int>, into special: inout RequestHeadParser.SpecialHeaders
    ) {
        try? forEachListElement(bytes, range) { (element: Range<Int>) throws(HTTP1ParseError) in
            if bytes.equalsLowercased(element, "close") {
                special.connectionClose = true
            } else if bytes.equalsLowercased(element, "keep-alive") {
                special.connectionKeepAlive = true
            }
        }
    }

    /// Calls `body` with each non-empty, trimmed element of a comma-separated list.
    private static func forEachListElement(
        _ bytes: UnsafeRawBufferPointer, _ range: Range<Int>,
        _ body: (Range<Int>) throws(HTTP1ParseError) -> Void
    ) throws(HTTP1ParseError) {
        var start = range.lowerBound
        while start < range.upperBound {
            var end = start
            while end < range.upperBound, bytes[end] != UInt8(ascii: ",") { end += 1 }
            var lower = start
            var upper = end
            while lower < upper, bytes[lower] == ByteClass.space || bytes[lower] == ByteClass.tab { lower += 1 }
            while upper > lower, bytes[upper - 1] == ByteClass.space || bytes[upper - 1] == ByteClass.tab { upper -= 1 }
            if upper > lower { try body(lower..<upper) }
            start = end + 1
        }
    }
}
