import NIOCore

/// Decodes a chunked request body (RFC 9112 §7.1) incrementally.
///
/// Chunk sizes are checked for overflow, chunk lines and trailers are bounded, and every
/// line must end in CRLF. Chunk extensions and trailer fields are validated and dropped.
struct ChunkedBodyDecoder {
    private enum State {
        case sizeLine
        case data(remaining: Int)
        case dataEnd
        case trailer
        case done
    }

    private var state = State.sizeLine
    private var trailerBytes = 0

    /// Whether the terminating chunk and trailer section have been read.
    var isComplete: Bool {
        if case .done = state { return true }
        return false
    }

    /// Decodes what `buffer` holds, moving its reader index past what was used and passing
    /// each piece of body data to `emit`. Stops when more bytes are needed or the body ends.
    mutating func decode(
        _ buffer: inout ByteBuffer, limits: HTTP1Limits, emit: (ByteBuffer) -> Void
    ) throws(HTTP1ParseError) {
        while buffer.readableBytes > 0 {
            switch state {
            case .sizeLine:
                guard let line = try takeLine(&buffer, maxBytes: limits.maxChunkLineBytes) else { return }
                let size = try Self.parseChunkSize(line)
                state = size == 0 ? .trailer : .data(remaining: size)
            case .data(let remaining):
                let take = min(remaining, buffer.readableBytes)
                emit(buffer.readSlice(length: take)!)
                state = remaining == take ? .dataEnd : .data(remaining: remaining - take)
            case .dataEnd:
                guard buffer.readableBytes >= 2 else { return }
                guard buffer.readInteger(as: UInt16.self) == UInt16(ByteClass.cr) << 8 | UInt16(ByteClass.lf) else {
                    throw .badRequest("Chunk data not followed by CRLF")
                }
                state = .sizeLine
            case .trailer:
                guard let line = try takeLine(&buffer, maxBytes: limits.maxHeadBytes) else { return }
                if line.readableBytes == 0 {
                    state = .done
                    return
                }
                trailerBytes += line.readableBytes + 2
                guard trailerBytes <= limits.maxHeadBytes else { throw .headTooLarge }
                try Self.validateTrailerLine(line)
            case .done:
                return
            }
        }
    }

    /// Takes one CRLF-terminated line (without the CRLF), or `nil` if it is not complete.
    private func takeLine(_ buffer: inout ByteBuffer, maxBytes: Int) throws(HTTP1ParseError) -> ByteBuffer? {
        let view = buffer.readableBytesView
        guard let lf = view.firstIndex(of: ByteClass.lf) else {
            if buffer.readableBytes > maxBytes { throw .badRequest("Chunk line too long") }
            return nil
        }
        let length = lf - view.startIndex
        guard length > 0, view[lf - 1] == ByteClass.cr else { throw .badRequest("Bare LF in chunked body") }
        guard length - 1 <= maxBytes else { throw .badRequest("Chunk line too long") }
        let line = buffer.readSlice(length: length - 1)!
        buffer.moveReaderIndex(forwardBy: 2)
        return line
    }

    /// Parses `1*HEXDIG [ BWS ";" chunk-ext ]`.
    private static func parseChunkSize(_ line: ByteBuffer) throws(HTTP1ParseError) -> Int {
        let bytes = line.readableBytesView
        var index = bytes.startIndex
        var size = 0
        var digits = 0
        while index < bytes.endIndex, let digit = ByteClass.hexValue(bytes[index]) {
            digits += 1
            guard digits <= 15 else { throw .badRequest("Chunk size too large") }
            size = size << 4 | digit
            index += 1
        }
        guard digits > 0 else { throw .badRequest("Malformed chunk size") }
        while index < bytes.endIndex, bytes[index] == ByteClass.space || bytes[index] == ByteClass.tab { index += 1 }
        if index < bytes.endIndex {
            guard bytes[index] == UInt8(ascii: ";") else { throw .badRequest("Malformed chunk size") }
            for byte in bytes[index...] where !ByteClass.isFieldValueChar(byte) {
                throw .badRequest("Invalid byte in chunk extension")
            }
        }
        return size
    }

    private static func validateTrailerLine(_ line: ByteBuffer) throws(HTTP1ParseError) {
        let bytes = line.readableBytesView
        guard let colon = bytes.firstIndex(of: ByteClass.colon), colon > bytes.startIndex,
            bytes[..<colon].allSatisfy(ByteClass.isTokenChar),
            bytes[(colon + 1)...].allSatisfy(ByteClass.isFieldValueChar)
        else { throw .badRequest("Malformed trailer field") }
    }
}
