import NIOCore
import NIOFileSystem

extension ResponseBody {
    /// A body streamed from a file in 64 KiB pieces through NIOFileSystem, so the event loop
    /// never blocks on the disk.
    /// - Parameters:
    ///   - path: The file to read; it must stay in place while the response is written.
    ///   - range: The byte range to send; the whole file when `nil`.
    ///   - fileSize: The file's size, as the caller's `stat` found it.
    public static func file(path: String, range: Range<Int>? = nil, fileSize: Int) -> ResponseBody {
        let range = range ?? 0..<fileSize
        return ResponseBody(contentLength: range.count) { writer in
            try await FileSystem.shared.withFileHandle(forReadingAt: FilePath(path)) { handle in
                var sent = 0
                let chunks = handle.readChunks(
                    in: Int64(range.lowerBound)..<Int64(range.upperBound), chunkLength: .kibibytes(64)
                )
                for try await chunk in chunks {
                    sent += chunk.readableBytes
                    try await writer.write(chunk)
                }
                guard sent == range.count else { throw FileBodyError(path: path) }
            }
        }
    }
}

/// A file that became shorter while it was being sent.
struct FileBodyError: Error, CustomStringConvertible {
    let path: String
    var description: String { "file \(path) ended before its expected size" }
}
