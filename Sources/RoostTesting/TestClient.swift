import Foundation
import NIOCore
public import Roost
import Synchronization

/// Sends requests to an app in-process, without a socket: Flask's test client.
///
/// Cookies set by responses are kept and sent back; redirects are followed on request.
///
/// ```swift
/// let client = try app.testClient()
/// let response = try await client.post("/login", form: ["user": "ada", "password": "…"])
/// #expect(response.status == .seeOther)
/// #expect(try await client.get("/me").text == "ada")
/// ```
public final class TestClient: Sendable {
    private let responder: any HTTPResponder
    private let jar = Mutex<[String: String]>([:])
    private let connectionCounter = Mutex<UInt64>(0)
    /// Whether redirects are followed (at most 10 in a row).
    public let followRedirects: Bool
    /// The host requests are addressed to (their `Host`), `localhost` by default.
    public let host: String
    /// Whether requests arrive as over HTTPS (`https` scheme, a secure connection).
    public let isSecure: Bool
    /// The app the client calls, for helpers that need its storage (RoostAuthTesting's
    /// `login(_:)` reaches the session store through it).
    public let app: App
    /// The client address requests come from (`req.connection.remoteAddress`), `127.0.0.1`
    /// by default.
    public let remoteAddress: String

    /// Creates a client for `app`, freezing its routes.
    /// - Parameters:
    ///   - app: The app to call.
    ///   - followRedirects: Whether to follow redirects.
    ///   - host: The host requests are addressed to; list it in `ALLOWED_HOSTS` (or turn
    ///     DEBUG on) when the app checks hosts.
    ///   - isSecure: Whether requests arrive as over HTTPS.
    ///   - remoteAddress: The client address requests come from.
    /// - Throws: ``AppConfigurationError`` when the app's routes are misconfigured.
    public init(
        app: App, followRedirects: Bool = false, host: String = "localhost", isSecure: Bool = false,
        remoteAddress: String = "127.0.0.1"
    ) throws {
        self.responder = try app.responder()
        self.app = app
        self.remoteAddress = remoteAddress
        self.followRedirects = followRedirects
        self.host = host
        self.isSecure = isSecure
    }

    /// The cookies the client holds, by name.
    public var cookies: [String: String] { jar.withLock { $0 } }

    /// Sets a cookie to send with later requests.
    public func setCookie(_ name: String, _ value: String) {
        jar.withLock { $0[name] = value }
    }

    /// Forgets a cookie, so later requests do not send it.
    public func removeCookie(_ name: String) {
        jar.withLock { $0[name] = nil }
    }

    /// Sends a request.
    /// - Parameters:
    ///   - method: The method.
    ///   - path: The target, with its query string.
    ///   - headers: Header fields to add.
    ///   - body: The body bytes.
    public func request(
        _ method: HTTPRequest.Method, _ path: String, headers: HTTPFields = [:], body: [UInt8] = []
    ) async throws -> TestResponse {
        var method = method
        var path = path
        var body = body
        var headers = headers
        for _ in 0...10 {
            let response = try await send(method, path, headers: headers, body: body)
            guard followRedirects, [301, 302, 303, 307, 308].contains(response.status.code),
                let location = response.headers[.location]
            else { return response }
            path = Self.resolve(location, against: path)
            if response.status.code != 307 && response.status.code != 308 {
                if method != .head { method = .get }
                body = []
                headers[.contentType] = nil
            }
        }
        throw TestClientError(description: "more than 10 redirects in a row, last to \(path)")
    }

    private func send(
        _ method: HTTPRequest.Method, _ path: String, headers: HTTPFields, body: [UInt8]
    ) async throws -> TestResponse {
        var fields = headers
        let cookieHeader = jar.withLock { jar in jar.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" } }
        if !cookieHeader.isEmpty, fields[.cookie] == nil { fields[.cookie] = cookieHeader.joined(separator: "; ") }
        let head = HTTPRequest(method: method, scheme: isSecure ? "https" : "http", authority: host, path: path, headerFields: fields)
        let connectionID = connectionCounter.withLock { counter in
            counter += 1
            return counter
        }
        let context = ConnectionContext(
            remoteAddress: remoteAddress, remotePort: 50000, isSecure: isSecure, connectionID: connectionID
        )
        let response = try await responder.respond(
            to: head, body: RequestBody(buffer: ByteBuffer(bytes: body)), context: context
        )
        let collector = CollectingWriter()
        if method != .head { try await response.body.write(to: collector) }
        storeCookies(from: response.headerFields)
        return TestResponse(status: response.status, headers: response.headerFields, body: collector.bytes)
    }

    private func storeCookies(from headers: HTTPFields) {
        for header in headers[values: .setCookie] {
            let attributes = header.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let pair = attributes.first, let equals = pair.firstIndex(of: "=") else { continue }
            let name = String(pair[..<equals])
            let value = String(pair[pair.index(after: equals)...])
            let expired = attributes.dropFirst().contains { attribute in
                let lower = attribute.lowercased()
                return lower == "max-age=0" || lower.hasPrefix("max-age=-") || lower.hasPrefix("expires=thu, 01 jan 1970")
            }
            jar.withLock { jar in
                if expired { jar[name] = nil } else { jar[name] = value }
            }
        }
    }

    private static func resolve(_ location: String, against path: String) -> String {
        if location.hasPrefix("/") { return location }
        if let schemeEnd = location.range(of: "://") {
            let rest = location[schemeEnd.upperBound...]
            return rest.firstIndex(of: "/").map { String(rest[$0...]) } ?? "/"
        }
        let base = path.split(separator: "?", maxSplits: 1).first.map(String.init) ?? "/"
        let directory = base.hasSuffix("/") ? base : String(base[...(base.lastIndex(of: "/") ?? base.startIndex)])
        return directory + location
    }
}

extension TestClient {
    /// Sends a `GET`.
    public func get(_ path: String, headers: HTTPFields = [:]) async throws -> TestResponse {
        try await request(.get, path, headers: headers)
    }

    /// Sends a `HEAD`.
    public func head(_ path: String, headers: HTTPFields = [:]) async throws -> TestResponse {
        try await request(.head, path, headers: headers)
    }

    /// Sends a `DELETE`.
    public func delete(_ path: String, headers: HTTPFields = [:]) async throws -> TestResponse {
        try await request(.delete, path, headers: headers)
    }

    /// Sends a `POST` with an `application/x-www-form-urlencoded` body.
    public func post(_ path: String, form: KeyValuePairs<String, String>, headers: HTTPFields = [:]) async throws -> TestResponse {
        try await send(.post, path, form: form, headers: headers)
    }

    /// Sends a `POST` with a JSON body.
    public func post(_ path: String, json: some Encodable, headers: HTTPFields = [:]) async throws -> TestResponse {
        try await send(.post, path, json: json, headers: headers)
    }

    /// Sends a `POST` with raw bytes.
    public func post(_ path: String, body: [UInt8], headers: HTTPFields = [:]) async throws -> TestResponse {
        try await request(.post, path, headers: headers, body: body)
    }

    /// Sends a `PUT` with a JSON body.
    public func put(_ path: String, json: some Encodable, headers: HTTPFields = [:]) async throws -> TestResponse {
        try await send(.put, path, json: json, headers: headers)
    }

    /// Sends a `PATCH` with a JSON body.
    public func patch(_ path: String, json: some Encodable, headers: HTTPFields = [:]) async throws -> TestResponse {
        try await send(.patch, path, json: json, headers: headers)
    }

    /// Sends any method with a form body.
    public func send(
        _ method: HTTPRequest.Method, _ path: String, form: KeyValuePairs<String, String>, headers: HTTPFields = [:]
    ) async throws -> TestResponse {
        var headers = headers
        headers[.contentType] = "application/x-www-form-urlencoded"
        let body = QueryParameters(form.map { ($0.key, $0.value) }).encoded
        return try await request(method, path, headers: headers, body: Array(body.utf8))
    }

    /// Sends any method with a JSON body.
    public func send(
        _ method: HTTPRequest.Method, _ path: String, json: some Encodable, headers: HTTPFields = [:]
    ) async throws -> TestResponse {
        var headers = headers
        headers[.contentType] = "application/json"
        return try await request(method, path, headers: headers, body: Array(JSONEncoder().encode(json)))
    }
}

extension App {
    /// An in-process client for this app; see ``TestClient``.
    /// - Parameters:
    ///   - followRedirects: Whether to follow redirects.
    ///   - host: The host requests are addressed to, `localhost` by default.
    ///   - isSecure: Whether requests arrive as over HTTPS.
    ///   - remoteAddress: The client address requests come from, `127.0.0.1` by default.
    public func testClient(
        followRedirects: Bool = false, host: String = "localhost", isSecure: Bool = false, remoteAddress: String = "127.0.0.1"
    ) throws -> TestClient {
        try TestClient(app: self, followRedirects: followRedirects, host: host, isSecure: isSecure, remoteAddress: remoteAddress)
    }
}

/// A response received by the ``TestClient``.
public struct TestResponse: Sendable {
    /// The status.
    public let status: HTTPResponse.Status
    /// The header fields.
    public let headers: HTTPFields
    /// The body bytes.
    public let body: [UInt8]

    /// The body as UTF-8 text.
    public var text: String { String(decoding: body, as: UTF8.self) }

    /// The body decoded from JSON.
    public func json<T: Decodable>(as type: T.Type = T.self) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(body))
    }
}

/// A misuse of the test client (a redirect loop, for instance).
public struct TestClientError: Error, CustomStringConvertible {
    public let description: String
}

/// Collects a response body in memory.
final class CollectingWriter: ResponseBodyWriter {
    private let collected = Mutex<[UInt8]>([])

    var bytes: [UInt8] { collected.withLock { $0 } }

    func write(_ buffer: ByteBuffer) async throws {
        collected.withLock { $0.append(contentsOf: buffer.readableBytesView) }
    }
}
