import NIOCore

/// Parses HTTP/1.1 responses from a byte stream for ``RawHTTPConnection``.
final class ResponseReader: Sendable {
    private let state: State

    /// Holds the iterator and unread bytes; only one reader uses it at a time.
    private final class State: @unchecked Sendable {
        var iterator: AsyncStream<ByteBuffer>.AsyncIterator
        var buffer: [UInt8] = []
        var finished = false

        init(iterator: AsyncStream<ByteBuffer>.AsyncIterator) {
            self.iterator = iterator
        }
    }

    init(inbound: AsyncStream<ByteBuffer>) {
        self.state = State(iterator: inbound.makeAsyncIterator())
    }

    private func fill() async throws -> Bool {
        guard !state.finished else { return false }
        guard let next = await state.iterator.next(isolation: nil) else {
            state.finished = true
            return false
        }
        state.buffer.append(contentsOf: next.readableBytesView)
        return true
    }

    private func readLine() async throws -> String {
        while true {
            if let lf = state.buffer.firstIndex(of: 10) {
                var line = Array(state.buffer[..<lf])
                state.buffer.removeSubrange(...lf)
                if line.last == 13 { line.removeLast() }
                return String(decoding: line, as: UTF8.self)
            }
            guard try await fill() else { throw RawHTTPError(description: "connection closed mid-line") }
        }
    }

    func readUntilClose() async throws -> [UInt8] {
        while try await fill() {}
        defer { state.buffer.removeAll() }
        return state.buffer
    }

    func readResponseCountingBody() async throws -> (response: RawHTTPResponse, bodyBytes: Int) {
        let response = try await readResponse(isHeadRequest: true)
        var count = 0
        try await readBody(of: response) { count += $0.count }
        return (response, count)
    }

    /// Reads a body framed by chunked coding or `Content-Length`, handing each piece to
    /// `consume`; with neither, reads until the connection closes.
    private func readBody(of response: RawHTTPResponse, _ consume: (ArraySlice<UInt8>) -> Void) async throws {
        if response.header("transfer-encoding")?.lowercased() == "chunked" {
            while true {
                let sizeLine = try await readLine()
                guard let size = Int(sizeLine.split(separator: ";")[0], radix: 16) else {
                    throw RawHTTPError(description: "bad chunk size: \(sizeLine)")
                }
                if size == 0 {
                    while try await !readLine().isEmpty {}
                    return
                }
                try await take(size, consume)
                _ = try await readLine()
            }
        } else if let length = response.header("content-length").flatMap({ Int($0) }) {
            try await take(length, consume)
        } else {
            consume(try await readUntilClose()[...])
        }
    }

    /// Passes the next `count` bytes to `consume` as they arrive.
    private func take(_ count: Int, _ consume: (ArraySlice<UInt8>) -> Void) async throws {
        var remaining = count
        while remaining > 0 {
            if state.buffer.isEmpty, try await !fill() {
                throw RawHTTPError(description: "connection closed mid-body")
            }
            let size = min(remaining, state.buffer.count)
            consume(state.buffer[..<size])
            state.buffer.removeFirst(size)
            remaining -= size
        }
    }

    func readResponse(isHeadRequest: Bool) async throws -> RawHTTPResponse {
        var statusLine = try await readLine()
        while statusLine.isEmpty { statusLine = try await readLine() }
        let parts = statusLine.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/1."), let status = Int(parts[1]) else {
            throw RawHTTPError(description: "bad status line: \(statusLine)")
        }
        var headers: [(name: String, value: String)] = []
        while true {
            let line = try await readLine()
            if line.isEmpty { break }
            guard let colon = line.firstIndex(of: ":") else { throw RawHTTPError(description: "bad header: \(line)") }
            let value = line[line.index(after: colon)...].trimmingPrefix(" ")
            headers.append((String(line[..<colon]), String(value)))
        }
        var response = RawHTTPResponse(
            status: status, reason: parts.count > 2 ? String(parts[2]) : "", headers: headers, body: []
        )
        if isHeadRequest || status < 200 || status == 204 || status == 304 { return response }
        var body: [UInt8] = []
        try await readBody(of: response) { body.append(contentsOf: $0) }
        response.body = body
        return response
    }
}
