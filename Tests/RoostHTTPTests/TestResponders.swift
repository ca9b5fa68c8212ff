import HTTPTypes
import NIOCore
import RoostHTTP

/// A responder made from a closure, for server tests.
struct ClosureResponder: HTTPResponder {
    let handler: @Sendable (HTTPRequest, RequestBody, ConnectionContext) async throws -> Response

    init(_ handler: @escaping @Sendable (HTTPRequest, RequestBody, ConnectionContext) async throws -> Response) {
        self.handler = handler
    }

    func respond(to request: HTTPRequest, body: RequestBody, context: ConnectionContext) async throws -> Response {
        try await handler(request, body, context)
    }
}

/// Answers with the method and path, and echoes the body.
let echoResponder = ClosureResponder { request, body, _ in
    let collected = try await body.collect(upTo: 1 << 30)
    var response = Response(body: .init(buffer: collected))
    response.headerFields[HTTPField.Name("x-method")!] = request.method.rawValue
    response.headerFields[HTTPField.Name("x-path")!] = request.path ?? ""
    return response
}

extension HTTPServerConfiguration {
    /// One thread, short time-outs.
    static func tests(_ configure: (inout HTTPServerConfiguration) -> Void = { _ in }) -> HTTPServerConfiguration {
        var configuration = HTTPServerConfiguration(threads: 1)
        configuration.timeouts.shutdownGracePeriod = .seconds(2)
        configuration.timeouts.lingeringClose = .milliseconds(200)
        configure(&configuration)
        return configuration
    }
}
