package import HTTPTypes

/// Protocol rules that hold for every HTTP version, shared by the HTTP/1.1 server and the
/// HTTP/2 transport (RoostTLS) so that both answer alike (byte classes are in `ByteClass`).
package enum HTTPRules {
    /// Whether a response with this status may carry a body (RFC 9110 §6.4.1): not 1xx, 204
    /// or 304.
    package static func allowsBody(_ status: HTTPResponse.Status) -> Bool {
        !(status.code < 200 || status.code == 204 || status.code == 304)
    }
}
