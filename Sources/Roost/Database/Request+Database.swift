public import RoostDatabase

extension Request {
    /// The database for this request: the request's transaction when
    /// `ATOMIC_REQUESTS` is on, else the `default` database.
    ///
    /// ```swift
    /// app.get("/posts/<int:id>") { (req, id: Int64) in try await Post.objects.get(pk: id, on: req.db) }
    /// ```
    /// - Precondition: the app called `useDatabases`.
    public var db: any DatabaseExecutor {
        if let transaction = storage[RequestTransactionKey.self] { return transaction }
        return databases.default
    }

    /// All of the app's databases, for named ones and routing.
    public var databases: Databases {
        guard let databases = app.databases else {
            preconditionFailure("Roost: no database is configured; call app.useDatabases(backends:) first")
        }
        return databases
    }
}

/// Where ``AtomicRequests`` keeps the request's transaction.
enum RequestTransactionKey: RequestStorageKey {
    typealias Value = Transaction
}

/// Runs each request in a transaction on the default database (Django's
/// `ATOMIC_REQUESTS`): committed when the handler returns a response, rolled back when it
/// throws or answers with a server error.
public struct AtomicRequests: Middleware {
    /// Creates the middleware.
    public init() {}

    public func respond(to request: Request, next: Next) async throws -> Response {
        do {
            return try await request.databases.default.transaction { transaction in
                var request = request
                request.storage[RequestTransactionKey.self] = transaction
                let response = try await next(request)
                if response.status.code >= 500 { throw RollbackForServerError(response: response) }
                return response
            }
        } catch let rollback as RollbackForServerError {
            return rollback.response
        }
    }

    private struct RollbackForServerError: Error {
        let response: Response
    }
}
