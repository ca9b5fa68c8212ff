import HTTPTypes

/// A request head as the HTTP/1.1 parser hands it to the connection.
struct ParsedRequestHead {
    /// How the body that follows the head is delimited.
    enum Framing: Equatable {
        /// No body.
        case none
        /// Exactly this many bytes.
        case length(Int)
        /// Chunked transfer coding.
        case chunked
    }

    var request: HTTPRequest
    /// `true` for HTTP/1.0, which changes the keep-alive default and forbids chunked coding.
    var isHTTP10: Bool
    /// Whether the client wants the connection kept open after this exchange.
    var keepAlive: Bool
    var framing: Framing
    /// The client sent `Expect: 100-continue` and waits before sending the body.
    var expectsContinue: Bool
}
