#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

private func statFile(_ path: String) -> stat? {
    var info = stat()
    return stat(path, &info) == 0 ? info : nil
}

/// What `stat` says about a file to be served.
struct FileFacts: Sendable {
    let size: Int
    let modified: Double
    let isRegularFile: Bool

    /// Stats `path`, following symlinks; `nil` if it does not exist.
    static func of(_ path: String) -> FileFacts? {
        guard let info = statFile(path) else { return nil }
        return FileFacts(
            size: Int(info.st_size),
            modified: Double(info.st_mtim.tv_sec),
            isRegularFile: (info.st_mode & S_IFMT) == S_IFREG
        )
    }

    /// A validator that changes whenever the file's size or modification time does.
    var etag: String { "\"\(String(Int(modified), radix: 16))-\(String(size, radix: 16))\"" }
}

extension Response {
    /// Sends a file: Flask's `send_file`. Supports conditional requests (`If-None-Match`,
    /// `If-Modified-Since` → 304) and single byte ranges (`Range` → 206, 416).
    ///
    /// ```swift
    /// app.get("/report") { req in try await Response.file(at: "reports/latest.pdf", for: req) }
    /// ```
    /// - Parameters:
    ///   - path: The file. Never build it from user input without checking it stays inside
    ///     a directory; ``App/serveStatic(_:from:name:maxAge:)`` does that for you.
    ///   - request: The request, for its conditional and range headers.
    ///   - contentType: The type; guessed from the extension when `nil`.
    ///   - downloadName: When set, the client is told to save the file under this name.
    ///   - maxAge: `Cache-Control: max-age` in seconds; `nil` sends `no-cache` (revalidate).
    /// - Throws: `HTTPError(.notFound)` when the file does not exist or is not a regular file.
    public static func file(
        at path: String,
        for request: Request,
        contentType: String? = nil,
        downloadName: String? = nil,
        maxAge: Int? = nil
    ) async throws -> Response {
        guard let facts = try await BlockingIO.run({ FileFacts.of(path) }), facts.isRegularFile else {
            throw HTTPError(.notFound)
        }
        var headers: HTTPFields = [
            .contentType: contentType ?? MediaType.forExtension(String(path.split(separator: ".").last ?? "")),
            .eTag: facts.etag,
            .lastModified: HTTPDate.format(secondsSince1970: facts.modified),
            .acceptRanges: "bytes",
            .cacheControl: maxAge.map { "public, max-age=\($0)" } ?? "no-cache",
        ]
        if let downloadName {
            let ascii = String(downloadName.unicodeScalars.filter { $0.isASCII && $0 != "\"" && $0 != "\\" && $0.value >= 0x20 }.map(Character.init))
            headers[.contentDisposition] = "attachment; filename=\"\(ascii)\"; filename*=UTF-8''"
                + PercentEncoding.encode(downloadName, for: .queryItem)
        }
        if FileConditions.notModified(request, facts) {
            headers[.contentType] = nil
            return Response(status: .notModified, headerFields: headers)
        }
        switch FileConditions.range(request, facts) {
        case .whole:
            return Response(headerFields: headers, body: .file(path: path, fileSize: facts.size))
        case .partial(let range):
            headers[.contentRange] = "bytes \(range.lowerBound)-\(range.upperBound - 1)/\(facts.size)"
            return Response(status: .partialContent, headerFields: headers, body: .file(path: path, range: range, fileSize: facts.size))
        case .unsatisfiable:
            return Response(status: .rangeNotSatisfiable, headerFields: [.contentRange: "bytes */\(facts.size)"])
        }
    }
}

/// Conditional-request and range logic for files (RFC 9110 §13 and §14).
enum FileConditions {
    enum RangeOutcome: Equatable {
        case whole
        case partial(Range<Int>)
        case unsatisfiable
    }

    static func notModified(_ request: Request, _ facts: FileFacts) -> Bool {
        if let match = request.headers[.ifNoneMatch] {
            let tags = match.split(separator: ",").map { $0.trimmingCharacters(in: " ") }
            return tags.contains("*") || tags.contains { $0.hasPrefix("W/") ? String($0.dropFirst(2)) == facts.etag : $0 == facts.etag }
        }
        if let since = request.headers[.ifModifiedSince].flatMap(HTTPDate.parse) {
            return facts.modified <= since
        }
        return false
    }

    static func range(_ request: Request, _ facts: FileFacts) -> RangeOutcome {
        guard request.method == .get, let header = request.headers[.range], header.hasPrefix("bytes=") else { return .whole }
        if let ifRange = request.headers[.ifRange] {
            let matches = ifRange.hasPrefix("\"") ? ifRange == facts.etag : HTTPDate.parse(ifRange) == facts.modified
            guard matches else { return .whole }
        }
        let specs = header.dropFirst(6).split(separator: ",")
        guard specs.count == 1 else { return .whole }
        let bounds = specs[0].trimmingCharacters(in: " ").split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
        guard bounds.count == 2 else { return .whole }
        let size = facts.size
        if bounds[0].isEmpty {
            guard let suffix = Int(bounds[1]), suffix >= 0 else { return .whole }
            guard suffix > 0, size > 0 else { return .unsatisfiable }
            return .partial(max(0, size - suffix)..<size)
        }
        guard let start = Int(bounds[0]), start >= 0 else { return .whole }
        guard start < size else { return .unsatisfiable }
        if bounds[1].isEmpty { return .partial(start..<size) }
        guard let end = Int(bounds[1]), end >= start else { return .whole }
        return .partial(start..<(min(end, size - 1) + 1))
    }
}

extension Substring {
    fileprivate func trimmingCharacters(in character: Character) -> String {
        var text = self
        while text.first == character { text.removeFirst() }
        while text.last == character { text.removeLast() }
        return String(text)
    }
}
