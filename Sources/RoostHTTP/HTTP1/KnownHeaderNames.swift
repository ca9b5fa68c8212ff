import HTTPTypes

/// Maps the header names clients send most often to their `HTTPField.Name` constants, so the
/// common case neither allocates a name string nor re-validates it.
enum KnownHeaderNames {
    /// `Host`, which swift-http-types hides in favour of `HTTPRequest.authority`.
    static let host = HTTPField.Name("host")!

    @inline(__always)
    static func lookup(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) -> HTTPField.Name? {
        switch range.count {
        case 4:
            if bytes.equalsLowercased(range, "host") { return host }
        case 6:
            if bytes.equalsLowercased(range, "accept") { return .accept }
            if bytes.equalsLowercased(range, "cookie") { return .cookie }
            if bytes.equalsLowercased(range, "expect") { return .expect }
            if bytes.equalsLowercased(range, "origin") { return .origin }
        case 7:
            if bytes.equalsLowercased(range, "referer") { return .referer }
        case 10:
            if bytes.equalsLowercased(range, "connection") { return .connection }
            if bytes.equalsLowercased(range, "user-agent") { return .userAgent }
        case 12:
            if bytes.equalsLowercased(range, "content-type") { return .contentType }
        case 13:
            if bytes.equalsLowercased(range, "authorization") { return .authorization }
            if bytes.equalsLowercased(range, "cache-control") { return .cacheControl }
            if bytes.equalsLowercased(range, "if-none-match") { return .ifNoneMatch }
        case 14:
            if bytes.equalsLowercased(range, "content-length") { return .contentLength }
        case 15:
            if bytes.equalsLowercased(range, "accept-encoding") { return .acceptEncoding }
            if bytes.equalsLowercased(range, "accept-language") { return .acceptLanguage }
        case 17:
            if bytes.equalsLowercased(range, "transfer-encoding") { return .transferEncoding }
            if bytes.equalsLowercased(range, "if-modified-since") { return .ifModifiedSince }
        default:
            break
        }
        return nil
    }
}
