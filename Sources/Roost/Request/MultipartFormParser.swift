#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import NIOCore

/// Reads `multipart/form-data` (RFC 7578) from a streamed body, part by part, spooling large
/// files to disk and enforcing ``FormLimits`` as it goes.
struct MultipartFormParser {
    private enum State {
        case preamble
        case afterDelimiter
        case headers
        case body(PartSink)
        case done
    }

    /// Where a part's bytes go.
    private struct PartSink {
        let name: String
        let filename: String?
        let contentType: String?
        var memory: [UInt8] = []
        var file: TemporaryFile?
        var size = 0
    }

    private let delimiter: [UInt8]
    private let limits: FormLimits
    private let bodyLimit: Int
    private var buffer: [UInt8] = [13, 10]
    private var start = 0
    private var state = State.preamble
    private var fields: [(name: String, value: String)] = []
    private var files: [UploadedFile] = []
    private var fieldBytes = 0
    private var parts = 0
    private var received = 0

    init(boundary: String, limits: FormLimits, bodyLimit: Int) {
        self.delimiter = Array("\r\n--\(boundary)".utf8)
        self.limits = limits
        self.bodyLimit = bodyLimit
    }

    mutating func parse(_ body: RequestBody) async throws -> FormData {
        do {
            for try await chunk in body {
                received += chunk.readableBytes
                guard received <= bodyLimit else {
                    throw HTTPError(.contentTooLarge, "Request body larger than \(bodyLimit) bytes")
                }
                buffer.append(contentsOf: chunk.readableBytesView)
                try await process()
            }
        } catch let error as RequestBodyReadError {
            throw HTTPError(.badRequest, "Malformed request body: \(error.reason)")
        }
        try await process()
        guard case .done = state else { throw HTTPError(.badRequest, "Truncated multipart body") }
        return FormData(fields: QueryParameters(fields), files: files)
    }

    private mutating func process() async throws {
        while true {
            switch state {
            case .preamble:
                guard let found = find(delimiter, from: start) else {
                    start = max(start, buffer.count - delimiter.count + 1)
                    compact()
                    return
                }
                start = found + delimiter.count
                state = .afterDelimiter
            case .afterDelimiter:
                guard buffer.count - start >= 2 else { return }
                if buffer[start] == UInt8(ascii: "-") && buffer[start + 1] == UInt8(ascii: "-") {
                    state = .done
                    return
                }
                var index = start
                while index < buffer.count, buffer[index] == 32 || buffer[index] == 9 { index += 1 }
                guard buffer.count - index >= 2 else { return }
                guard buffer[index] == 13, buffer[index + 1] == 10 else {
                    throw HTTPError(.badRequest, "Malformed multipart delimiter")
                }
                start = index + 2
                state = .headers
            case .headers:
                guard let end = find([13, 10, 13, 10], from: start) else {
                    if buffer.count - start > limits.maxPartHeaderBytes {
                        throw HTTPError(.badRequest, "Multipart part headers too large")
                    }
                    return
                }
                parts += 1
                guard parts <= limits.maxFields else {
                    throw HTTPError(.badRequest, "Too many form fields (more than \(limits.maxFields))")
                }
                let headerText = String(decoding: buffer[start..<end], as: UTF8.self)
                start = end + 4
                state = .body(try Self.sink(forHeaders: headerText))
            case .body(var sink):
                if let found = find(delimiter, from: start) {
                    try await append(buffer[start..<found], to: &sink)
                    start = found + delimiter.count
                    try finish(sink)
                    state = .afterDelimiter
                } else {
                    let safeEnd = max(start, buffer.count - delimiter.count + 1)
                    try await append(buffer[start..<safeEnd], to: &sink)
                    start = safeEnd
                    state = .body(sink)
                    compact()
                    return
                }
            case .done:
                return
            }
        }
    }

    private mutating func append(_ bytes: ArraySlice<UInt8>, to sink: inout PartSink) async throws {
        guard !bytes.isEmpty else { return }
        sink.size += bytes.count
        if sink.filename == nil {
            fieldBytes += bytes.count
            guard fieldBytes <= limits.maxFieldBytes else {
                throw HTTPError(.contentTooLarge, "Form fields larger than \(limits.maxFieldBytes) bytes")
            }
            sink.memory.append(contentsOf: bytes)
            return
        }
        if let file = sink.file {
            let chunk = Array(bytes)
            try await BlockingIO.run { try file.append(chunk[...]) }
        } else if sink.memory.count + bytes.count > limits.memoryFileSize {
            let pending = sink.memory + bytes
            let directory = limits.temporaryDirectory ?? TemporaryFile.defaultDirectory
            sink.file = try await BlockingIO.run {
                let file = try TemporaryFile.create(in: directory)
                try file.append(pending[...])
                return file
            }
            sink.memory = []
        } else {
            sink.memory.append(contentsOf: bytes)
        }
    }

    private mutating func finish(_ sink: PartSink) throws {
        guard let filename = sink.filename else {
            fields.append((sink.name, String(decoding: sink.memory, as: UTF8.self)))
            return
        }
        if filename.isEmpty && sink.size == 0 { return }
        let storage: UploadedFile.Storage = sink.file.map { .temporary($0) } ?? .memory(sink.memory)
        files.append(UploadedFile(
            fieldName: sink.name, filename: UploadedFile.sanitize(filename), contentType: sink.contentType,
            size: sink.size, storage: storage
        ))
    }

    private static func sink(forHeaders text: String) throws -> PartSink {
        var name: String?
        var filename: String?
        var contentType: String?
        for line in text.split(separator: "\r\n") {
            guard let colon = line.firstIndex(of: ":") else { throw HTTPError(.badRequest, "Malformed multipart header") }
            let field = line[..<colon].lowercased()
            let value = String(line[line.index(after: colon)...]).trimmingWhitespace()
            if field == "content-disposition" {
                let parameters = ContentDisposition.parameters(value)
                name = parameters["name"]
                filename = parameters["filename*"] ?? parameters["filename"]
            } else if field == "content-type" {
                contentType = value
            }
        }
        guard let name else { throw HTTPError(.badRequest, "Multipart part without a field name") }
        return PartSink(name: name, filename: filename, contentType: contentType)
    }

    /// The index of `needle` in the buffer at or after `offset`: `memchr` for its first byte,
    /// then `memcmp`.
    private func find(_ needle: [UInt8], from offset: Int) -> Int? {
        guard buffer.count - offset >= needle.count, let first = needle.first else { return nil }
        return buffer.withUnsafeBytes { haystack in
            needle.withUnsafeBytes { pattern in
                guard let base = haystack.baseAddress, let patternBase = pattern.baseAddress else { return nil }
                var position = offset
                let last = haystack.count - needle.count
                while position <= last {
                    guard let hit = memchr(base + position, Int32(first), last - position + 1) else { return nil }
                    let index = base.distance(to: UnsafeRawPointer(hit))
                    if memcmp(base + index, patternBase, needle.count) == 0 { return index }
                    position = index + 1
                }
                return nil
            }
        }
    }

    private mutating func compact() {
        guard start > 64 * 1024 else { return }
        buffer.removeFirst(start)
        start = 0
    }
}

/// Parameters of a `Content-Disposition` value (`form-data; name="a"; filename="b.txt"`).
enum ContentDisposition {
    static func parameters(_ value: String) -> [String: String] {
        var result: [String: String] = [:]
        var index = value.startIndex
        if let semicolon = value.firstIndex(of: ";") { index = value.index(after: semicolon) } else { return result }
        while index < value.endIndex {
            while index < value.endIndex, value[index] == " " || value[index] == ";" { index = value.index(after: index) }
            guard let equals = value[index...].firstIndex(of: "=") else { break }
            let key = value[index..<equals].lowercased().trimmingWhitespace()
            index = value.index(after: equals)
            var parameter = ""
            if index < value.endIndex, value[index] == "\"" {
                index = value.index(after: index)
                while index < value.endIndex, value[index] != "\"" {
                    if value[index] == "\\", value.index(after: index) < value.endIndex { index = value.index(after: index) }
                    parameter.append(value[index])
                    index = value.index(after: index)
                }
                if index < value.endIndex { index = value.index(after: index) }
            } else {
                let end = value[index...].firstIndex(of: ";") ?? value.endIndex
                parameter = String(value[index..<end]).trimmingWhitespace()
                index = end
            }
            if key == "filename*" {
                let pieces = parameter.split(separator: "'", maxSplits: 2, omittingEmptySubsequences: false)
                if pieces.count == 3, pieces[0].lowercased() == "utf-8", let decoded = PercentEncoding.decode(pieces[2]) {
                    result[key] = decoded
                }
            } else {
                result[key] = parameter
            }
        }
        return result
    }
}
