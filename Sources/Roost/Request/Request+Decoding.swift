#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif
import NIOCore

extension Request {
    /// Decodes a JSON body into `T`, within the route's body limit.
    ///
    /// ```swift
    /// app.post("/posts") { req in
    ///     let draft = try await req.decodeJSON(Draft.self)
    ///     …
    /// }
    /// ```
    /// - Throws: `415` unless the content type is JSON, `413` when the body is too large,
    ///   `400` with the failing key path when it does not decode.
    public func decodeJSON<T: Decodable>(_ type: T.Type = T.self, decoder: JSONDecoder = JSONDecoder()) async throws -> T {
        guard let contentType = headers[.contentType], MediaTypeMatch.isJSON(contentType) else {
            throw HTTPError(.unsupportedMediaType, "Expected a JSON body (Content-Type: application/json)")
        }
        let buffer = try await collectBody()
        do {
            return try decoder.decode(T.self, from: Data(buffer.readableBytesView))
        } catch let error as DecodingError {
            throw HTTPError(.badRequest, "Invalid JSON body: \(DecodingErrorDescription.describe(error))")
        } catch {
            throw HTTPError(.badRequest, "Invalid JSON body")
        }
    }

    /// Reads a form body: `application/x-www-form-urlencoded` or `multipart/form-data`.
    ///
    /// Multipart files larger than ``FormLimits/memoryFileSize`` are spooled to a temporary
    /// file, deleted when the last ``UploadedFile`` referring to it is gone.
    /// - Throws: `415` for another content type, `413` beyond the route's body limit, `400`
    ///   for a malformed body or one beyond the ``FormLimits``.
    public func form(limits: FormLimits = FormLimits()) async throws -> FormData {
        let contentType = headers[.contentType] ?? ""
        let lowered = contentType.lowercased()
        if lowered.hasPrefix("application/x-www-form-urlencoded") {
            let buffer = try await collectBody()
            let text = String(decoding: buffer.readableBytesView, as: UTF8.self)
            let fields = QueryParameters(parsing: Substring(text))
            guard fields.count <= limits.maxFields else {
                throw HTTPError(.badRequest, "Too many form fields (more than \(limits.maxFields))")
            }
            return FormData(fields: fields, files: [])
        }
        if lowered.hasPrefix("multipart/form-data") {
            guard let boundary = MediaTypeMatch.parameter("boundary", in: contentType),
                !boundary.isEmpty, boundary.utf8.count <= 70
            else {
                throw HTTPError(.badRequest, "multipart/form-data without a valid boundary")
            }
            var parser = MultipartFormParser(boundary: boundary, limits: limits, bodyLimit: bodyLimit)
            return try await parser.parse(body)
        }
        throw HTTPError(.unsupportedMediaType, "Expected a form body")
    }
}

/// Matching of `Content-Type` values.
enum MediaTypeMatch {
    /// `application/json` or any `+json` type.
    static func isJSON(_ contentType: String) -> Bool {
        let type = contentType.split(separator: ";").first.map { String($0).trimmingWhitespace().lowercased() } ?? ""
        return type == "application/json" || (type.hasPrefix("application/") && type.hasSuffix("+json"))
    }

    /// A parameter of a media type (`boundary` of `multipart/form-data; boundary=x`).
    static func parameter(_ name: String, in contentType: String) -> String? {
        for piece in contentType.split(separator: ";").dropFirst() {
            let pair = piece.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, String(pair[0]).trimmingWhitespace().lowercased() == name else { continue }
            var value = String(pair[1]).trimmingWhitespace()
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") { value = String(value.dropFirst().dropLast()) }
            return value
        }
        return nil
    }
}

/// Client-safe descriptions of JSON decoding failures: the key path and what was wrong.
enum DecodingErrorDescription {
    static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
            return keys.isEmpty ? "the top level" : "'" + keys.joined(separator: ".") + "'"
        }
        switch error {
        case .keyNotFound(let key, let context):
            return "missing key '\(key.stringValue)' at \(path(context))"
        case .typeMismatch(let type, let context):
            return "expected \(type) at \(path(context))"
        case .valueNotFound(let type, let context):
            return "expected \(type) but found null at \(path(context))"
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty ? "not valid JSON" : "invalid value at \(path(context))"
        @unknown default:
            return "not valid"
        }
    }
}
