import HTTPTypes

/// Parses a complete HTTP/1.1 request head strictly, in one pass.
///
/// Strictness is the point: anything that two parsers could read differently (both
/// `Content-Length` and `Transfer-Encoding`, conflicting lengths, whitespace before a colon,
/// folded lines, bare CR or LF, control bytes, a missing or repeated `Host`) is refused,
/// because a proxy in front of Roost might have read it the other way.
enum RequestHeadParser {
    /// Parses `bytes`, which hold exactly one head, ending with its empty line.
    static func parse(_ bytes: UnsafeRawBufferPointer, limits: HTTP1Limits) throws(HTTP1ParseError) -> ParsedRequestHead {
        var cursor = 0
        let method = try parseMethod(bytes, &cursor)
        let targetRange = try parseTarget(bytes, &cursor, limits: limits)
        let isHTTP10 = try parseVersion(bytes, &cursor)

        var fields = HTTPFields()
        var special = SpecialHeaders()
        var headerCount = 0
        while true {
            guard cursor + 1 < bytes.count else { throw .badRequest("Truncated header section") }
            if bytes[cursor] == ByteClass.cr {
                guard bytes[cursor + 1] == ByteClass.lf else { throw .badRequest("Bare CR in header section") }
                break
            }
            headerCount += 1
            guard headerCount <= limits.maxHeaderCount else { throw .headTooLarge }
            try parseField(bytes, &cursor, into: &fields, special: &special)
        }

        let target = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[targetRange]), as: UTF8.self)
        return try assemble(
            method: method, target: target, isHTTP10: isHTTP10, fields: fields, special: special
        )
    }

    // MARK: Request line

    private static func parseMethod(_ bytes: UnsafeRawBufferPointer, _ cursor: inout Int) throws(HTTP1ParseError) -> HTTPRequest.Method {
        let start = cursor
        while cursor < bytes.count, ByteClass.isTokenChar(bytes[cursor]) { cursor += 1 }
        guard cursor > start, cursor < bytes.count, bytes[cursor] == ByteClass.space else {
            throw .badRequest("Malformed request line")
        }
        let range = start..<cursor
        cursor += 1
        if let known = knownMethod(bytes, range) { return known }
        let name = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[range]), as: UTF8.self)
        guard let method = HTTPRequest.Method(name) else { throw .badRequest("Malformed method") }
        return method
    }

    @inline(__always)
    private static func knownMethod(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) -> HTTPRequest.Method? {
        let first = bytes[range.lowerBound]
        switch (range.count, first) {
        case (3, UInt8(ascii: "G")) where bytes[range.lowerBound + 1] == UInt8(ascii: "E")
            && bytes[range.lowerBound + 2] == UInt8(ascii: "T"):
            return .get
        case (4, UInt8(ascii: "P")) where bytes[range.lowerBound + 1] == UInt8(ascii: "O")
            && bytes[range.lowerBound + 2] == UInt8(ascii: "S") && bytes[range.lowerBound + 3] == UInt8(ascii: "T"):
            return .post
        case (4, UInt8(ascii: "H")) where bytes[range.lowerBound + 1] == UInt8(ascii: "E")
            && bytes[range.lowerBound + 2] == UInt8(ascii: "A") && bytes[range.lowerBound + 3] == UInt8(ascii: "D"):
            return .head
        case (3, UInt8(ascii: "P")) where bytes[range.lowerBound + 1] == UInt8(ascii: "U")
            && bytes[range.lowerBound + 2] == UInt8(ascii: "T"):
            return .put
        default:
            return nil
        }
    }

    private static func parseTarget(
        _ bytes: UnsafeRawBufferPointer, _ cursor: inout Int, limits: HTTP1Limits
    ) throws(HTTP1ParseError) -> Range<Int> {
        let start = cursor
        while cursor < bytes.count, bytes[cursor] != ByteClass.space, bytes[cursor] != ByteClass.cr {
            guard ByteClass.isTargetChar(bytes[cursor]) else { throw .badRequest("Invalid byte in request target") }
            cursor += 1
        }
        guard cursor - start <= limits.maxURILength else { throw .uriTooLong }
        guard cursor > start, cursor < bytes.count, bytes[cursor] == ByteClass.space else {
            throw .badRequest("Malformed request line")
        }
        cursor += 1
        return start..<(cursor - 1)
    }

    /// Parses `HTTP/1.x` and the line's CRLF; returns whether the version is 1.0.
    private static func parseVersion(_ bytes: UnsafeRawBufferPointer, _ cursor: inout Int) throws(HTTP1ParseError) -> Bool {
        guard cursor + 10 <= bytes.count,
            bytes[cursor] == UInt8(ascii: "H"), bytes[cursor + 1] == UInt8(ascii: "T"),
            bytes[cursor + 2] == UInt8(ascii: "T"), bytes[cursor + 3] == UInt8(ascii: "P"),
            bytes[cursor + 4] == UInt8(ascii: "/"), bytes[cursor + 6] == UInt8(ascii: "."),
            bytes[cursor + 8] == ByteClass.cr, bytes[cursor + 9] == ByteClass.lf
        else { throw .badRequest("Malformed HTTP version") }
        let major = bytes[cursor + 5]
        let minor = bytes[cursor + 7]
        guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(major),
            (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(minor)
        else { throw .badRequest("Malformed HTTP version") }
        guard major == UInt8(ascii: "1"), minor <= UInt8(ascii: "1") else { throw .versionNotSupported }
        cursor += 10
        return minor == UInt8(ascii: "0")
    }

    // MARK: Header fields

    /// What the framing and connection rules need from the header section.
    struct SpecialHeaders {
        var hostCount = 0
        var host: String?
        var contentLength: Int?
        var transferEncodingSeen = false
        var chunked = false
        var connectionClose = false
        var connectionKeepAlive = false
        var expectsContinue = false
    }

    private static func parseField(
        _ bytes: UnsafeRawBufferPointer, _ cursor: inout Int,
        into fields: inout HTTPFields, special: inout SpecialHeaders
    ) throws(HTTP1ParseError) {
        let nameStart = cursor
        while ByteClass.isTokenChar(bytes[cursor]) { cursor += 1 }
        guard cursor > nameStart, bytes[cursor] == ByteClass.colon else {
            if bytes[nameStart] == ByteClass.space || bytes[nameStart] == ByteClass.tab {
                throw .badRequest("Obsolete line folding is not accepted")
            }
            throw .badRequest("Malformed header field")
        }
        let nameRange = nameStart..<cursor
        cursor += 1
        while bytes[cursor] == ByteClass.space || bytes[cursor] == ByteClass.tab { cursor += 1 }
        var valueStart = cursor
        while bytes[cursor] != ByteClass.cr {
            guard ByteClass.isFieldValueChar(bytes[cursor]) else { throw .badRequest("Invalid byte in header value") }
            cursor += 1
        }
        guard bytes[cursor + 1] == ByteClass.lf else { throw .badRequest("Bare CR in header value") }
        var valueEnd = cursor
        while valueEnd > valueStart, bytes[valueEnd - 1] == ByteClass.space || bytes[valueEnd - 1] == ByteClass.tab {
            valueEnd -= 1
        }
        if valueStart > valueEnd { valueStart = valueEnd }
        cursor += 2
        let valueRange = valueStart..<valueEnd

        let name: HTTPField.Name
        if let known = KnownHeaderNames.lookup(bytes, nameRange) {
            name = known
            if try handleSpecial(name, bytes, valueRange, &special) { return }
        } else {
            let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[nameRange]), as: UTF8.self)
            guard let parsed = HTTPField.Name(text) else { throw .badRequest("Malformed header name") }
            name = parsed
        }
        fields.append(HTTPField(name: name, value: UnsafeRawBufferPointer(rebasing: bytes[valueRange])))
    }

    /// Records framing-relevant headers; returns `true` when the field must not be kept.
    private static func handleSpecial(
        _ name: HTTPField.Name, _ bytes: UnsafeRawBufferPointer, _ range: Range<Int>, _ special: inout SpecialHeaders
    ) throws(HTTP1ParseError) -> Bool {
        if name == KnownHeaderNames.host {
            special.hostCount += 1
            guard range.allSatisfy({ ByteClass.isAuthorityChar(bytes[$0]) }) else { throw .badRequest("Invalid Host header") }
            special.host = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[range]), as: UTF8.self)
            return true
        }
        switch name {
        case .contentLength:
            try FramingHeaders.mergeContentLength(bytes, range, into: &special.contentLength)
        case .transferEncoding:
            try FramingHeaders.mergeTransferEncoding(bytes, range, into: &special)
        case .connection:
            FramingHeaders.readConnection(bytes, range, into: &special)
        case .expect:
            guard bytes.equalsLowercased(range, "100-continue") else { throw .expectationFailed }
            special.expectsContinue = true
        default:
            break
        }
        return false
    }

    // MARK: Assembly

    private static func assemble(
        method: HTTPRequest.Method, target: String, isHTTP10: Bool,
        fields: HTTPFields, special: SpecialHeaders
    ) throws(HTTP1ParseError) -> ParsedRequestHead {
        if isHTTP10 {
            guard special.hostCount <= 1 else { throw .badRequest("Duplicate Host header") }
            guard !special.transferEncodingSeen else { throw .badRequest("Transfer-Encoding in an HTTP/1.0 request") }
        } else {
            guard special.hostCount == 1 else {
                throw .badRequest(special.hostCount == 0 ? "Missing Host header" : "Duplicate Host header")
            }
        }
        if special.transferEncodingSeen && special.contentLength != nil {
            throw .badRequest("Both Content-Length and Transfer-Encoding")
        }
        var authority = special.host
        let path: String
        if target.utf8.first == UInt8(ascii: "/") {
            path = target
        } else if target == "*" {
            guard method == .options else { throw .badRequest("Asterisk target is only valid for OPTIONS") }
            path = target
        } else if let absolute = AbsoluteTarget(target) {
            authority = absolute.authority
            path = absolute.path
        } else {
            throw .badRequest("Malformed request target")
        }
        let framing: ParsedRequestHead.Framing
        if special.chunked {
            framing = .chunked
        } else if let length = special.contentLength, length > 0 {
            framing = .length(length)
        } else {
            framing = .none
        }
        let keepAlive = isHTTP10 ? special.connectionKeepAlive && !special.connectionClose : !special.connectionClose
        let request = HTTPRequest(method: method, scheme: "http", authority: authority, path: path, headerFields: fields)
        return ParsedRequestHead(
            request: request,
            isHTTP10: isHTTP10,
            keepAlive: keepAlive,
            framing: framing,
            expectsContinue: special.expectsContinue && !isHTTP10
        )
    }
}

/// An absolute-form request target (`http://host/path`), as proxies send them.
struct AbsoluteTarget {
    var authority: String
    var path: String

    init?(_ target: String) {
        let lower = target.prefix(8).lowercased()
        let rest: Substring
        if lower.hasPrefix("http://") {
            rest = target.dropFirst(7)
        } else if lower.hasPrefix("https://") {
            rest = target.dropFirst(8)
        } else {
            return nil
        }
        let end = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) ?? rest.endIndex
        guard end > rest.startIndex else { return nil }
        authority = String(rest[..<end])
        let remainder = rest[end...]
        path = remainder.first == "/" ? String(remainder) : "/" + remainder
    }
}
