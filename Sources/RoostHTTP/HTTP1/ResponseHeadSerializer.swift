import HTTPTypes
import NIOCore

/// Writes HTTP/1.1 response heads into a buffer.
///
/// The server owns message framing: `Content-Length`, `Transfer-Encoding` and `Connection`
/// set by the application are replaced by what the server will actually do, so a handler
/// can never desynchronise the connection.
enum ResponseHeadSerializer {
    /// How the body after the head is delimited.
    enum Framing {
        /// `Content-Length: n`.
        case length(Int)
        /// `Transfer-Encoding: chunked`.
        case chunked
        /// No framing header: 1xx, 204 and 304 responses, or a body ended by closing.
        case none
    }

    static func write(
        _ head: HTTPResponse,
        framing: Framing,
        keepAlive: Bool,
        isHTTP10: Bool,
        date: [UInt8],
        serverName: String?,
        into buffer: inout ByteBuffer
    ) {
        writeStatusLine(head.status, into: &buffer)
        var sawDate = false
        for field in head.headerFields {
            switch field.name {
            case .contentLength, .transferEncoding, .connection:
                continue
            case .date:
                sawDate = true
            default:
                break
            }
            buffer.writeString(field.name.rawName)
            buffer.writeStaticString(": ")
            _ = field.withUnsafeBytesOfValue { buffer.writeBytes($0) }
            buffer.writeStaticString("\r\n")
        }
        switch framing {
        case .length(let length):
            buffer.writeStaticString("Content-Length: ")
            writeDecimal(length, into: &buffer)
            buffer.writeStaticString("\r\n")
        case .chunked:
            buffer.writeStaticString("Transfer-Encoding: chunked\r\n")
        case .none:
            break
        }
        if !keepAlive {
            buffer.writeStaticString("Connection: close\r\n")
        } else if isHTTP10 {
            buffer.writeStaticString("Connection: keep-alive\r\n")
        }
        if !sawDate {
            buffer.writeStaticString("Date: ")
            buffer.writeBytes(date)
            buffer.writeStaticString("\r\n")
        }
        if let serverName {
            buffer.writeStaticString("Server: ")
            buffer.writeString(serverName)
            buffer.writeStaticString("\r\n")
        }
        buffer.writeStaticString("\r\n")
    }

    static func writeStatusLine(_ status: HTTPResponse.Status, into buffer: inout ByteBuffer) {
        switch status.code {
        case 200: buffer.writeStaticString("HTTP/1.1 200 OK\r\n")
        case 404: buffer.writeStaticString("HTTP/1.1 404 Not Found\r\n")
        default:
            buffer.writeStaticString("HTTP/1.1 ")
            writeDecimal(status.code, into: &buffer)
            buffer.writeStaticString(" ")
            buffer.writeString(status.reasonPhrase)
            buffer.writeStaticString("\r\n")
        }
    }

    static func writeDecimal(_ value: Int, into buffer: inout ByteBuffer) {
        if value < 10 {
            buffer.writeInteger(UInt8(48 + value))
            return
        }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var remaining = value
            var count = 0
            while remaining > 0 {
                digits[19 - count] = UInt8(48 + remaining % 10)
                remaining /= 10
                count += 1
            }
            buffer.writeBytes(UnsafeBufferPointer(rebasing: digits[(20 - count)...]))
        }
    }
}
