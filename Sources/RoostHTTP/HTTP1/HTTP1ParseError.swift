import HTTPTypes

/// Why bytes from a client are not an acceptable HTTP/1.1 request, and what to answer.
///
/// Every parse failure ends the connection after the answer: once framing is in doubt, the
/// next byte cannot be trusted to start a request (that is how request smuggling works).
struct HTTP1ParseError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The status sent back before closing.
    let status: HTTPResponse.Status
    /// A short, client-safe explanation, sent as the body.
    let reason: String

    static func badRequest(_ reason: String) -> HTTP1ParseError {
        HTTP1ParseError(status: .badRequest, reason: reason)
    }

    static let uriTooLong = HTTP1ParseError(status: .uriTooLong, reason: "Request URI too long")
    static let headTooLarge = HTTP1ParseError(
        status: .requestHeaderFieldsTooLarge,
        reason: "Request header fields too large"
    )
    static let versionNotSupported = HTTP1ParseError(
        status: .httpVersionNotSupported,
        reason: "HTTP version not supported"
    )
    static let unsupportedTransferCoding = HTTP1ParseError(
        status: .notImplemented,
        reason: "Transfer-Encoding not supported"
    )
    static let expectationFailed = HTTP1ParseError(status: .expectationFailed, reason: "Expectation not supported")

    var description: String { "\(status.code) \(reason)" }
}
