import Foundation
import Roost
import RoostTLS
import RoostTesting
import Synchronization

/// A self-signed certificate for `localhost` and `127.0.0.1`, made with Debian's `openssl`
/// in a fresh temporary folder (scripts/test.sh installs openssl and curl when they are missing).
struct TestCertificate: Sendable {
    let folder: URL
    var certificatePath: String { folder.appendingPathComponent("cert.pem").path }
    var keyPath: String { folder.appendingPathComponent("key.pem").path }

    static func make() async throws -> TestCertificate {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("roost-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let certificate = TestCertificate(folder: folder)
        let result = try await runTool("openssl", [
            "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
            "-keyout", certificate.keyPath, "-out", certificate.certificatePath, "-days", "2",
            "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
        ])
        guard result.status == 0 else { throw ToolError(description: "openssl failed: \(result.stderr)") }
        return certificate
    }

    func transport(http2: HTTP2Configuration? = HTTP2Configuration()) throws -> TLSTransport {
        try TLSTransport(certificateChainPath: certificatePath, privateKeyPath: keyPath, http2: http2)
    }

    func remove() {
        try? FileManager.default.removeItem(at: folder)
    }
}

struct ToolError: Error, CustomStringConvertible {
    let description: String
}

struct ToolResult: Sendable {
    let status: Int32
    let stdout: String
    let stderr: String
}

/// Runs a command-line tool found on `PATH` and waits for it without blocking a thread.
func runTool(_ tool: String, _ arguments: [String]) async throws -> ToolResult {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("roost-tool-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let stdoutURL = folder.appendingPathComponent("stdout")
    let stderrURL = folder.appendingPathComponent("stderr")
    try Data().write(to: stdoutURL)
    try Data().write(to: stderrURL)
    let stdout = try FileHandle(forWritingTo: stdoutURL)
    let stderr = try FileHandle(forWritingTo: stderrURL)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [tool] + arguments
    process.standardOutput = stdout
    process.standardError = stderr
    process.standardInput = FileHandle.nullDevice
    let status = try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Int32, any Error>) in
        process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
        do {
            try process.run()
        } catch {
            process.terminationHandler = nil
            continuation.resume(throwing: ToolError(description: "cannot run \(tool) (\(error)); scripts/test.sh installs it"))
        }
    }
    try stdout.close()
    try stderr.close()
    guard status != 127 else {
        throw ToolError(description: "\(tool) is not installed; scripts/test.sh installs it (apt-get install -y \(tool))")
    }
    return ToolResult(
        status: status,
        stdout: String(decoding: try Data(contentsOf: stdoutURL), as: UTF8.self),
        stderr: String(decoding: try Data(contentsOf: stderrURL), as: UTF8.self)
    )
}

/// One response as curl saw it.
struct CurlResponse: Sendable {
    /// `2` for HTTP/2, `1.1` for HTTP/1.1, from curl's `%{http_version}`.
    let httpVersion: String
    let status: Int
    /// The final response's header fields, names lower-cased (the last of repeated ones).
    let headers: [String: String]
    /// The final response's header fields in order, names lower-cased, repeated ones kept.
    let fields: [(name: String, value: String)]
    let body: [UInt8]
    var text: String { String(decoding: body, as: UTF8.self) }

    /// Every value of a (lower-case) header name, in order: `set-cookie`, say.
    func values(_ name: String) -> [String] {
        fields.filter { $0.name == name }.map(\.value)
    }
}

/// Sends one request with curl (`-k`: the certificate is self-signed) and returns what it got.
/// - Parameter options: More curl options: `--http2`, `--http1.1`, `-X POST`, `--data-binary @file`, …
func curl(_ url: String, _ options: [String] = []) async throws -> CurlResponse {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("roost-curl-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let bodyPath = folder.appendingPathComponent("body").path
    let headersPath = folder.appendingPathComponent("headers").path
    let result = try await runTool(
        "curl",
        ["-sS", "-k", "--max-time", "30", "-o", bodyPath, "-D", headersPath, "-w", "%{http_version} %{http_code}"]
            + options + [url]
    )
    guard result.status == 0 else {
        throw ToolError(description: "curl \(options) \(url) exited with \(result.status): \(result.stderr)")
    }
    let summary = result.stdout.split(separator: " ")
    guard summary.count == 2, let status = Int(summary[1]) else {
        throw ToolError(description: "unexpected curl output: \(result.stdout)")
    }
    let headerText = (try? String(contentsOfFile: headersPath, encoding: .utf8)) ?? ""
    // Only the final response's block (after any `100 Continue`).
    let block = headerText.components(separatedBy: "\r\n\r\n").filter { !$0.isEmpty }.last ?? ""
    var fields: [(name: String, value: String)] = []
    for line in block.components(separatedBy: "\r\n").dropFirst() {
        guard let colon = line.firstIndex(of: ":") else { continue }
        let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        fields.append((line[..<colon].lowercased(), value))
    }
    let headers = Dictionary(fields, uniquingKeysWith: { _, last in last })
    let body = FileManager.default.contents(atPath: bodyPath).map { [UInt8]($0) } ?? []
    return CurlResponse(httpVersion: String(summary[0]), status: status, headers: headers, fields: fields, body: body)
}

/// An app whose settings ignore the environment.
func makeApp() throws -> App {
    App(settings: try Settings(["ACCESS_LOG": "false", "LOG_LEVEL": "warning"]))
}

/// A thread-safe text buffer for captured console output.
final class CapturedText: Sendable {
    private let storage = Mutex("")
    func append(_ text: String) { storage.withLock { $0 += text } }
    var text: String { storage.withLock { $0 } }
}
