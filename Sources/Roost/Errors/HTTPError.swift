/// An error that knows which HTTP response it should become.
///
/// Conform your own errors to it to control their status and body; anything else thrown by
/// a handler becomes a `500` whose details are shown only in DEBUG.
public protocol HTTPResponseError: Error {
    /// The status the error maps to.
    var status: HTTPResponse.Status { get }
    /// Extra header fields for the response (`Allow`, `WWW-Authenticate`, …).
    var headerFields: HTTPFields { get }
    /// The client-safe explanation shown in the error page, if any.
    var publicReason: String? { get }
}

extension HTTPResponseError {
    public var headerFields: HTTPFields { [:] }
    public var publicReason: String? { nil }
}

/// Throw this from a handler to answer with an error status.
///
/// ```swift
/// guard let post = posts[id] else { throw HTTPError(.notFound, "No post \(id)") }
/// ```
///
/// The reason is shown to the client, so keep it free of internals. The place it was
/// thrown is recorded for the DEBUG error page.
public struct HTTPError: HTTPResponseError, Sendable, CustomStringConvertible {
    /// The response status.
    public let status: HTTPResponse.Status
    /// The message shown to the client.
    public let reason: String?
    /// Extra header fields for the response.
    public var headerFields: HTTPFields
    /// Where the error was created.
    public let sourceLocation: SourceLocation

    /// Creates an error.
    /// - Parameters:
    ///   - status: The status to answer with.
    ///   - reason: A client-safe message; the status's reason phrase when `nil`.
    ///   - headerFields: Extra header fields.
    public init(
        _ status: HTTPResponse.Status,
        _ reason: String? = nil,
        headerFields: HTTPFields = [:],
        file: String = #fileID,
        line: Int = #line
    ) {
        self.status = status
        self.reason = reason
        self.headerFields = headerFields
        self.sourceLocation = SourceLocation(file: file, line: line)
    }

    public var publicReason: String? { reason }

    public var description: String {
        "HTTPError(\(status.code) \(status.reasonPhrase)\(reason.map { ": \($0)" } ?? ""))"
    }
}
