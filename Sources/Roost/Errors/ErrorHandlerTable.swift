/// Handlers that turn errors into responses, tried in registration order.
public struct ErrorHandlerTable: Sendable {
    typealias Handler = @Sendable (Request, any Error) async throws -> Response

    private var entries: [(matches: @Sendable (any Error) -> Bool, handler: Handler)] = []

    /// Creates an empty table.
    public init() {}

    /// Handles errors of type `E`.
    public mutating func add<E: Error>(
        _ type: E.Type, _ handler: @escaping @Sendable (Request, E) async throws -> any ResponseConvertible
    ) {
        entries.append((
            { $0 is E },
            { request, error in try await handler(request, error as! E).response(for: request) }
        ))
    }

    /// Handles every ``HTTPResponseError`` with `status`, including the router's 404 and 405.
    public mutating func add(
        _ status: HTTPResponse.Status,
        _ handler: @escaping @Sendable (Request, any Error) async throws -> any ResponseConvertible
    ) {
        entries.append((
            { error in (error as? any HTTPResponseError)?.status == status || (status == .internalServerError && !(error is any HTTPResponseError)) },
            { request, error in try await handler(request, error).response(for: request) }
        ))
    }

    var isEmpty: Bool { entries.isEmpty }

    /// The response from the first handler that accepts `error`, or `nil`.
    func handle(_ error: any Error, for request: Request) async throws -> Response? {
        for entry in entries where entry.matches(error) {
            return try await entry.handler(request, error)
        }
        return nil
    }
}
