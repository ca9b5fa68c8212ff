import Logging

/// Turns errors thrown inside a chain into responses: registered handlers first, then
/// Roost's defaults (the status page for ``HTTPResponseError``s, a 500 otherwise).
enum ErrorBoundary {
    static func wrap(_ responder: @escaping Responder, handlers: [ErrorHandlerTable]) -> Responder {
        { request in
            do {
                return try await responder(request)
            } catch {
                return await response(for: error, request: request, handlers: handlers)
            }
        }
    }

    /// Like ``wrap(_:handlers:)``, and first refuses a declared body larger than the
    /// route's limit before any handler reads it (413).
    static func wrapCheckingBodyLimit(_ responder: @escaping Responder, handlers: [ErrorHandlerTable]) -> Responder {
        { request in
            do {
                if let length = request.body.expectedLength, length > request.bodyLimit {
                    throw HTTPError(.contentTooLarge, "Request body larger than \(request.bodyLimit) bytes")
                }
                return try await responder(request)
            } catch {
                return await response(for: error, request: request, handlers: handlers)
            }
        }
    }

    static func response(for error: any Error, request: Request, handlers: [ErrorHandlerTable]) async -> Response {
        for table in handlers {
            do {
                if let response = try await table.handle(error, for: request) { return response }
            } catch let handlerError {
                return ErrorPage.response(for: handlerError, request: request)
            }
        }
        return ErrorPage.response(for: error, request: request)
    }
}

extension Request {
    /// The response the app gives for `error`: its app-wide error handlers first, then
    /// Roost's default pages (the status page of an ``HTTPResponseError``, a 500 otherwise).
    ///
    /// For middleware that refuses a request but wants middleware around it to see (and
    /// decorate) the refusal, as RoostSecurity's CSRF and host checks do:
    ///
    /// ```swift
    /// guard isAllowed(request) else { return await request.errorResponse(for: HTTPError(.forbidden)) }
    /// ```
    /// - Parameter error: The error to answer with.
    /// - Returns: The response, never throwing.
    public func errorResponse(for error: any Error) async -> Response {
        await ErrorBoundary.response(for: error, request: self, handlers: [app.errorHandlers])
    }
}
