import Foundation
import HTTPTypes
import NIOCore
import RoostHTTP
import RoostTesting
import Synchronization
import Testing

/// The resident set size of this process, in bytes.
func residentMemory() -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
        let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") })
    else { return 0 }
    let kilobytes = line.split(separator: " ").compactMap { Int($0) }.first ?? 0
    return kilobytes * 1024
}

/// Large bodies pass through with back-pressure instead of being buffered whole.
@Suite(.serialized) struct StreamingTests {
    static let transferSize = 512 * 1024 * 1024

    @Test func streamsAHugeUploadWithoutBufferingIt() async throws {
        let peak = Mutex(0)
        let counter = ClosureResponder { _, body, _ in
            var total = 0
            var parts = 0
            for try await part in body {
                total += part.readableBytes
                parts += 1
                if parts % 256 == 0 {
                    let now = residentMemory()
                    peak.withLock { $0 = max($0, now) }
                }
            }
            return .text("\(total) bytes in \(parts) parts")
        }
        try await withLiveServer(responder: counter, configuration: .tests()) { server in
            let baseline = residentMemory()
            let connection = try await server.connect()
            try await connection.send("PUT /upload HTTP/1.1\r\nHost: x\r\nContent-Length: \(Self.transferSize)\r\n\r\n")
            let chunk = [UInt8](repeating: 0x61, count: 1024 * 1024)
            for _ in 0..<(Self.transferSize / chunk.count) { try await connection.send(chunk) }
            let response = try await connection.readResponse()
            #expect(response.text.hasPrefix("\(Self.transferSize) bytes in "))
            let growth = peak.withLock { $0 } - baseline
            #expect(growth < 128 * 1024 * 1024, "resident memory grew by \(growth / 1_048_576) MiB")
        }
    }

    @Test func streamsAHugeDownloadWithBackPressure() async throws {
        let peak = Mutex(0)
        let producer = ClosureResponder { _, _, _ in
            Response(body: ResponseBody(contentLength: StreamingTests.transferSize) { writer in
                let chunk = ByteBuffer(repeating: 0x62, count: 256 * 1024)
                for index in 0..<(StreamingTests.transferSize / chunk.readableBytes) {
                    try await writer.write(chunk)
                    if index % 64 == 0 {
                        let now = residentMemory()
                        peak.withLock { $0 = max($0, now) }
                    }
                }
            })
        }
        try await withLiveServer(responder: producer, configuration: .tests()) { server in
            let baseline = residentMemory()
            let connection = try await server.connect()
            try await connection.send("GET /download HTTP/1.1\r\nHost: x\r\n\r\n")
            let (response, count) = try await connection.readResponseCountingBody()
            #expect(response.status == 200)
            #expect(count == Self.transferSize)
            let growth = peak.withLock { $0 } - baseline
            #expect(growth < 128 * 1024 * 1024, "resident memory grew by \(growth / 1_048_576) MiB")
        }
    }
}
