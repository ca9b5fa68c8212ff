public import Logging
public import Roost

/// A real server on an ephemeral port, for end-to-end tests through a socket.
///
/// ```swift
/// try await withLiveServer(responder: app) { server in
///     let connection = try await server.connect()
///     try await connection.send("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n")
///     #expect(try await connection.readResponse().status == 200)
/// }
/// ```
public struct LiveServer: Sendable {
    /// The port the server is listening on, on 127.0.0.1.
    public let port: Int

    /// Refers to a server already listening on 127.0.0.1 at `port` (one started in another
    /// process, for instance).
    public init(port: Int) {
        self.port = port
    }

    /// Opens a raw connection to the server.
    public func connect() async throws -> RawHTTPConnection {
        try await RawHTTPConnection.connect(port: port)
    }

    /// Sends one request on a new connection and reads its response.
    /// - Parameters:
    ///   - path: The request target.
    ///   - method: The method, `GET` by default.
    ///   - headers: Extra header lines (`Host` and `Content-Length` are added).
    ///   - body: The request body.
    public func request(
        _ path: String, method: String = "GET", headers: [(String, String)] = [], body: [UInt8] = []
    ) async throws -> RawHTTPResponse {
        let connection = try await connect()
        defer { Task { await connection.close() } }
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        if !body.isEmpty || method == "POST" || method == "PUT" || method == "PATCH" {
            head += "Content-Length: \(body.count)\r\n"
        }
        head += "\r\n"
        try await connection.send(Array(head.utf8) + body)
        return try await connection.readResponse(isHeadRequest: method == "HEAD")
    }
}

/// Runs `body` against a real ``HTTPServer`` serving `responder` on an ephemeral port, then
/// shuts the server down gracefully.
/// - Parameters:
///   - responder: What the server serves.
///   - configuration: Server settings; the host and port are overridden with 127.0.0.1:0.
///   - body: The test, given the running server.
public func withLiveServer<Result: Sendable>(
    responder: some HTTPResponder,
    configuration: HTTPServerConfiguration = HTTPServerConfiguration(threads: 1),
    logger: Logger = Logger(label: "roost.test-server"),
    _ body: @Sendable (LiveServer) async throws -> Result
) async throws -> Result {
    var configuration = configuration
    configuration.host = "127.0.0.1"
    configuration.port = 0
    let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
    let server = HTTPServer(responder: responder, configuration: configuration, logger: logger) { address in
        continuation.yield(address.port)
        continuation.finish()
    }
    return try await withThrowingTaskGroup(of: Result?.self) { group in
        group.addTask {
            try await server.run()
            continuation.finish()
            return nil
        }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else {
            try await group.waitForAll()
            throw RawHTTPError(description: "the server stopped before listening")
        }
        do {
            let result = try await body(LiveServer(port: port))
            group.cancelAll()
            try await group.waitForAll()
            return result
        } catch {
            group.cancelAll()
            try? await group.waitForAll()
            throw error
        }
    }
}

extension App {
    /// Runs `body` against this app served by the real NIO server on an ephemeral port.
    ///
    /// ```swift
    /// try await app.withLiveServer { server in
    ///     let response = try await server.request("/")
    ///     #expect(response.status == 200)
    /// }
    /// ```
    public func withLiveServer<Result: Sendable>(
        _ body: @Sendable (LiveServer) async throws -> Result
    ) async throws -> Result {
        var configuration = serverConfiguration
        configuration.threads = 1
        return try await RoostTesting.withLiveServer(responder: try responder(), configuration: configuration, logger: logger, body)
    }
}
