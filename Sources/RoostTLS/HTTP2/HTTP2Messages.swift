import HTTPTypes
import NIOHPACK
import RoostHTTP

/// Converts between HPACK header blocks and swift-http-types values, in one pass each way.
///
/// NIOHTTP2 has already checked the block (lower-case names, pseudo-header fields first and
/// well-formed, no connection-specific fields, `Content-Length` agreeing with the DATA
/// frames), so this only maps fields and applies Roost's own limits. Doing it here, inside
/// the stream handler, saves the extra pipeline handler and the request/response part
/// enums of swift-nio-extras' HTTP/2 codec.
enum HTTP2Messages {
    /// A request the server answers itself, with a status and a reason, without calling the app.
    struct Rejection: Error {
        let status: HTTPResponse.Status
        let reason: String
    }

    /// A request head ready for the responder, with what the stream needs to know about it.
    struct RequestHead {
        var request: HTTPRequest
        var expectedLength: Int?
        var expectsContinue: Bool
    }

    /// Reads a request header block.
    /// - Throws: ``Rejection`` with 400, 414, 417 or 431 for what Roost's HTTP/1.1 parser refuses too.
    static func request(
        from headers: HPACKHeaders, limits: HTTPServerConfiguration.Limits
    ) throws(Rejection) -> RequestHead {
        var method: HTTPRequest.Method?
        var authority: String?
        var path: String?
        var host: String?
        var expectsContinue = false
        var fields = HTTPFields()
        fields.reserveCapacity(headers.count)
        for (name, value, _) in headers {
            if name.utf8.first == UInt8(ascii: ":") {
                switch name {
                case ":method": method = HTTPRequest.Method(value)
                case ":authority": authority = value
                case ":path": path = value
                case ":scheme": break  // the connection decides: always https here
                default: throw Rejection(status: .badRequest, reason: "Unsupported pseudo-header field")
                }
                continue
            }
            if name == "host" {
                guard host == nil else { throw Rejection(status: .badRequest, reason: "Duplicate Host header") }
                host = value
                continue  // as over HTTP/1.1, the host lives in the authority, not in the fields
            }
            guard let fieldName = HTTPField.Name(name) else {
                throw Rejection(status: .badRequest, reason: "Malformed header name")
            }
            switch fieldName {
            case .expect:
                guard value.lowercased() == "100-continue" else {
                    throw Rejection(status: .expectationFailed, reason: "Unsupported expectation")
                }
                expectsContinue = true
            default:
                break
            }
            fields.append(HTTPField(name: fieldName, value: value))
            if fields.count > limits.maxHeaderCount {
                throw Rejection(status: .requestHeaderFieldsTooLarge, reason: "Too many header fields")
            }
        }
        guard let method else { throw Rejection(status: .badRequest, reason: "Missing or malformed :method") }
        guard let path, path.utf8.first == UInt8(ascii: "/") || (path == "*" && method == .options) else {
            throw Rejection(status: .badRequest, reason: "Missing or malformed :path")
        }
        guard path.utf8.count <= limits.maxURILength else {
            throw Rejection(status: .uriTooLong, reason: "URI too long")
        }
        let resolvedAuthority = authority ?? host
        if let resolvedAuthority, !resolvedAuthority.utf8.allSatisfy(ByteClass.isAuthorityChar) {
            throw Rejection(status: .badRequest, reason: "Invalid authority")
        }
        var expectedLength: Int?
        if let length = fields[.contentLength] {
            guard let parsed = Int(length), parsed >= 0 else {
                throw Rejection(status: .badRequest, reason: "Invalid Content-Length")
            }
            expectedLength = parsed
        }
        let request = HTTPRequest(
            method: method, scheme: "https", authority: resolvedAuthority, path: path, headerFields: fields
        )
        return RequestHead(request: request, expectedLength: expectedLength, expectsContinue: expectsContinue)
    }

    /// Builds a response header block: `:status`, the app's fields less those HTTP/2 forbids,
    /// then `content-length`, `date` and `server` as the server decides them.
    static func responseHeaders(
        _ head: HTTPResponse, contentLength: Int?, date: String, serverName: String?
    ) -> HPACKHeaders {
        var headers = HPACKHeaders()
        headers.reserveCapacity(head.headerFields.count + 4)
        headers.add(name: ":status", value: String(head.status.code))
        var sawDate = false
        for field in head.headerFields {
            switch field.name {
            case .contentLength, .connection, .transferEncoding, .upgrade, .proxyConnection, .keepAlive, .te:
                continue
            case .date:
                sawDate = true
            default:
                break
            }
            headers.add(name: field.name.canonicalName, value: field.value, indexing: indexing(field.indexingStrategy))
        }
        if let contentLength { headers.add(name: "content-length", value: String(contentLength)) }
        if !sawDate { headers.add(name: "date", value: date) }
        if let serverName { headers.add(name: "server", value: serverName) }
        return headers
    }

    /// The header block of an informational `100 Continue`.
    static let continueHeaders: HPACKHeaders = [":status": "100"]

    private static func indexing(_ strategy: HTTPField.DynamicTableIndexingStrategy) -> HPACKIndexing {
        switch strategy {
        case .disallow: .neverIndexed
        case .avoid: .nonIndexable
        default: .indexable
        }
    }
}

extension HTTPField.Name {
    fileprivate static let keepAlive = HTTPField.Name("keep-alive")!
    fileprivate static let proxyConnection = HTTPField.Name("proxy-connection")!
}
