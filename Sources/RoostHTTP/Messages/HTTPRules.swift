package import HTTPTypes

/// Protocol rules that hold for every HTTP version, shared by the HTTP/1.1 server and the
/// HTTP/2 transport (RoostTLS) so that both answer alike.
package enum HTTPRules {
    /// Whether `byte` may appear in a URI authority (RFC 3986): unreserved, sub-delims, `%`,
    /// `:`, `[`, `]`, `@`. Checked on `Host` and `:authority`.
    package static func isAuthorityByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        case UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "!"),
            UInt8(ascii: "$"), UInt8(ascii: "&"), UInt8(ascii: "'"), UInt8(ascii: "("), UInt8(ascii: ")"),
            UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "="),
            UInt8(ascii: "%"), UInt8(ascii: ":"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "@"):
            return true
        default:
            return false
        }
    }

    /// Whether a response with this status may carry a body (RFC 9110 §6.4.1): not 1xx, 204
    /// or 304.
    package static func allowsBody(_ status: HTTPResponse.Status) -> Bool {
        !(status.code < 200 || status.code == 204 || status.code == 304)
    }
}
