import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A file from a `multipart/form-data` body, in memory or spooled to a temporary file.
public struct UploadedFile: Sendable {
    enum Storage: Sendable {
        case memory([UInt8])
        case temporary(TemporaryFile)
    }

    /// The form field's name.
    public let fieldName: String
    /// The file name the client gave, reduced to its last path component and stripped of
    /// control characters; never trust it as a path on its own.
    public let filename: String
    /// The content type the client declared, if any (unverified).
    public let contentType: String?
    /// The size in bytes.
    public let size: Int
    let storage: Storage

    /// The path of the temporary file holding the upload, when it was spooled to disk.
    public var temporaryPath: String? {
        if case .temporary(let file) = storage { return file.path }
        return nil
    }

    /// The file's bytes (read from disk if it was spooled).
    public func bytes() async throws -> [UInt8] {
        switch storage {
        case .memory(let bytes):
            return bytes
        case .temporary(let file):
            return try await BlockingIO.run { try file.readAll() }
        }
    }

    /// Writes the file to `path`, replacing what is there.
    public func save(to path: String) async throws {
        switch storage {
        case .memory(let bytes):
            try await BlockingIO.run {
                let file = try TemporaryFile.create(at: path)
                file.keep()
                try file.append(bytes[...])
            }
        case .temporary(let file):
            try await BlockingIO.run { try file.copy(to: path) }
        }
    }

    /// Reduces a client-supplied file name to something safe to display and store.
    static func sanitize(_ name: String) -> String {
        let last = name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let cleaned = String(last.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }.map(Character.init))
        return cleaned == "." || cleaned == ".." ? "" : cleaned
    }
}

/// A file removed when the last reference to it goes away.
final class TemporaryFile: Sendable {
    let path: String
    private let removeOnDeinit: ManagedFlag

    private init(path: String) {
        self.path = path
        self.removeOnDeinit = ManagedFlag(true)
    }

    /// Creates a new empty file readable only by this user.
    static func create(in directory: String) throws -> TemporaryFile {
        for _ in 0..<16 {
            let name = "roost-upload-" + String(UInt64.random(in: .min ... .max), radix: 36)
            let path = (directory.hasSuffix("/") ? directory : directory + "/") + name
            let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
            if descriptor >= 0 {
                close(descriptor)
                return TemporaryFile(path: path)
            }
            guard errno == EEXIST else { break }
        }
        throw UploadError(reason: "cannot create a temporary file in \(directory)")
    }

    /// Creates (or truncates) a file at an exact path.
    static func create(at path: String) throws -> TemporaryFile {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw UploadError(reason: "cannot create \(path)") }
        close(descriptor)
        return TemporaryFile(path: path)
    }

    static var defaultDirectory: String {
        if let value = getenv("TMPDIR") { return String(cString: value) }
        return "/tmp"
    }

    /// Stops the file from being deleted.
    func keep() { removeOnDeinit.set(false) }

    func append(_ bytes: ArraySlice<UInt8>) throws {
        let descriptor = open(path, O_WRONLY | O_APPEND | O_CLOEXEC)
        guard descriptor >= 0 else { throw UploadError(reason: "cannot write \(path)") }
        defer { close(descriptor) }
        var remaining = bytes
        while !remaining.isEmpty {
            let written = remaining.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            guard written > 0 else { throw UploadError(reason: "cannot write \(path)") }
            remaining = remaining.dropFirst(written)
        }
    }

    func readAll() throws -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw UploadError(reason: "cannot read \(path)") }
        defer { close(descriptor) }
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            guard count >= 0 else { throw UploadError(reason: "cannot read \(path)") }
            if count == 0 { return result }
            result.append(contentsOf: chunk[..<count])
        }
    }

    func copy(to destination: String) throws {
        let target = try TemporaryFile.create(at: destination)
        target.keep()
        let source = open(path, O_RDONLY | O_CLOEXEC)
        guard source >= 0 else { throw UploadError(reason: "cannot read \(path)") }
        defer { close(source) }
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(source, $0.baseAddress, $0.count) }
            guard count >= 0 else { throw UploadError(reason: "cannot read \(path)") }
            if count == 0 { return }
            try target.append(chunk[..<count])
        }
    }

    deinit {
        if removeOnDeinit.value { unlink(path) }
    }
}

/// A thread-safe boolean for ``TemporaryFile``.
final class ManagedFlag: Sendable {
    private let storage: Mutex<Bool>
    init(_ value: Bool) { storage = Mutex(value) }
    var value: Bool { storage.withLock { $0 } }
    func set(_ value: Bool) { storage.withLock { $0 = value } }
}

/// A failure storing an upload.
struct UploadError: Error, CustomStringConvertible {
    let reason: String
    var description: String { reason }
}
