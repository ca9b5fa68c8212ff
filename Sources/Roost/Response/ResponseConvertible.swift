#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif
public import NIOCore

/// A value a route handler can return.
///
/// `String` becomes `text/plain`, ``Response`` is sent as it is, and any other `Encodable`
/// value becomes JSON. Conform your own types to control their response:
///
/// ```swift
/// struct Page: ResponseConvertible {
///     let html: String
///     func response(for request: Request) throws -> Response { .html(html) }
/// }
/// ```
public protocol ResponseConvertible: Sendable {
    /// Builds the response.
    func response(for request: Request) throws -> Response
}

extension Response: ResponseConvertible {
    public func response(for request: Request) throws -> Response { self }
}

extension String: ResponseConvertible {
    /// Sent as `text/plain; charset=utf-8`. Return ``Response/html(_:status:)`` for markup:
    /// Roost does not guess HTML, so interpolated user input can never turn into a page.
    public func response(for request: Request) throws -> Response { .text(self) }
}

extension Substring: ResponseConvertible {
    public func response(for request: Request) throws -> Response { .text(String(self)) }
}

extension HTTPResponse.Status: ResponseConvertible {
    /// An empty response with this status.
    public func response(for request: Request) throws -> Response { Response(status: self) }
}

extension ByteBuffer: ResponseConvertible {
    /// Sent as `application/octet-stream`.
    public func response(for request: Request) throws -> Response {
        Response(headerFields: [.contentType: "application/octet-stream"], body: .init(buffer: self))
    }
}

/// Wraps an `Encodable` value returned by a handler so it is sent as JSON.
struct JSONValue<Value: Encodable & Sendable>: ResponseConvertible {
    let value: Value

    func response(for request: Request) throws -> Response {
        try Response.json(value, encoder: request.app.jsonEncoder)
    }
}

extension Response {
    /// A JSON response.
    /// - Parameters:
    ///   - value: The value to encode.
    ///   - status: The status, `.ok` by default.
    ///   - encoder: The encoder; by default one with sorted keys and unescaped slashes, so
    ///     output is stable from run to run.
    /// - Throws: What the encoder throws.
    public static func json(
        _ value: some Encodable, status: HTTPResponse.Status = .ok, encoder: JSONEncoder? = nil
    ) throws -> Response {
        let data = try (encoder ?? makeJSONEncoder()).encode(value)
        return Response(status: status, headerFields: Response.jsonHeaderFields, body: .init(buffer: ByteBuffer(bytes: data)))
    }

    /// The encoder Roost uses by default: sorted keys, unescaped slashes.
    static func makeJSONEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// A redirect.
    /// - Parameters:
    ///   - location: The target URL or path.
    ///   - status: `.found` (302) by default; use `.seeOther` after a form POST,
    ///     `.permanentRedirect` (308) for moved resources.
    public static func redirect(to location: String, status: HTTPResponse.Status = .found) -> Response {
        Response(status: status, headerFields: [.location: location])
    }
}
