/// The size limits the HTTP/1.1 parser enforces while reading a request.
struct HTTP1Limits: Sendable {
    /// The longest request head (request line and header fields) accepted; longer → 431.
    var maxHeadBytes: Int
    /// The longest request target accepted; longer → 414.
    var maxURILength: Int
    /// The most header fields accepted; more → 431.
    var maxHeaderCount: Int
    /// The longest chunk-size line (with extensions) in a chunked body.
    var maxChunkLineBytes: Int = 4096
}
