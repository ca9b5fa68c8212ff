extension RouteRegistrar {
    /// Adds a `GET` route (which also answers `HEAD`). See ``on(_:_:name:options:file:line:_:)``.
    public func get<each Argument: RouteParameterValue, Result: ResponseConvertible>(
        _ path: String, name: String? = nil, options: RouteOptions = RouteOptions(),
        file: String = #fileID, line: Int = #line,
        _ handler: @escaping @Sendable (Request, repeat each Argument) async throws -> Result
    ) { on(.get, path, name: name, options: options, file: file, line: line, handler) }

    /// Adds a `GET` route returning JSON.
    @_disfavoredOverload
    public func get<each Argument: RouteParameterValue, Result: Encodable & Sendable>(
        _ path: String, name: String? = nil, options: RouteOptions = RouteOptions(),
        file: String = #fileID, line: Int = #line,
        _ handler: @escaping @Sendable (Request, repeat each Argument) async throws -> Result
    ) { on(.get, path, name: name, options: options, file: file, line: line, handler) }

    /// Adds a `POST` route.
    public func post<each Argument: RouteParameterValue, Result: ResponseConvertible>(
        _ path: String, name: String? = nil, options: RouteOptions = RouteOptions(),
        file: String = #fileID, line: Int = #line,
        _ handler: @escaping @Sendable (Request, repeat each Argument) async throws -> Result
    ) { on(.post, path, name: name, options: options, file: file, line: line, handler) }

    /// Adds a `POST` route returning JSON.
    @_disfavoredOverload
    public func post<each Argument: RouteParameterValue, Result: Encodable & Sendable>(
        _ path: String, name: String? = nil, options: RouteOptions = RouteOptions(),
        file: String = #fileID, line: Int = #line,
        _ handler: @escaping @Sendable (Request, repeat each Argument) async throws -> Result
    ) { on(.post, path, name: name, options: options, file: file, line: line, handler) }

    /// Adds a `PUT` route.
    public func put<each Argument: RouteParameterValue, Result: ResponseConvertible>(
        _ path: String, name: String? = nil, options: RouteOptions = RouteOptions(),
        file: String = #fileID, line: Int = #line,
        _ handler: @escaping @Sendable (Request, repeat each Argument) async throws -> Result
    ) { on(.put, path, name: name, options: options, file: file, line: line, handler) }

    /// Adds a `PUT` route returning JSON.
    @_disfavoredOverload
    public func put<each Argument: RouteParameterValue, Result: Encodable & Sendable>(
        _ path: String, name: String? = nil, options: RouteOptions = RouteOptions(),
        file: String = #fileID, line: Int = #line,
        _ handler: @escaping @Sendable (Request, repeat each Argument) async throws -> Result
    ) { on(.put, path, name: name, options: options, file: file, line: line, handler) }

    /// Adds a `PATCH` route.
    public func patch<each Argument: RouteParameterValue, Result: ResponseConvertible>(
        _ path: String, name: String? = nil, options: RouteOptions = RouteOptions(),
        file: String = #fileID, line: Int = #line,
        _ handler: @escaping @Sendable (Request, repeat each Argument) async throws -> Result
    ) { on(.patch, path, name: name, options: options, file: file, line: line, handler) }

    /// Adds a `PATCH` route returning JSON.
    @_disfavoredOverload
    public func patch<each Argument: RouteParameterValue, Result: Encodable & Sendable>(
        _ path: String, name: String? = nil, options: RouteOptions = RouteOptions(),
        file: String = #fileID, line: Int = #line,
        _ handler: @escaping @Sendable (Request, repeat each Argument) async throws -> Result
    ) { on(.patch, path, name: name, options: options, file: file, line: line, handler) }

    /// Adds a `DELETE` route.
    public func delete<each Argument: RouteParameterValue, Result: ResponseConvertible>(
        _ path: String, name: String? = nil, options: RouteOptions = RouteOptions(),
        file: String = #fileID, line: Int = #line,
        _ handler: @escaping @Sendable (Request, repeat each Argument) async throws -> Result
    ) { on(.delete, path, name: name, options: options, file: file, line: line, handler) }

    /// Adds a `DELETE` route returning JSON.
    @_disfavoredOverload
    public func delete<each Argument: RouteParameterValue, Result: Encodable & Sendable>(
        _ path: String, name: String? = nil, options: RouteOptions = RouteOptions(),
        file: String = #fileID, line: Int = #line,
        _ handler: @escaping @Sendable (Request, repeat each Argument) async throws -> Result
    ) { on(.delete, path, name: name, options: options, file: file, line: line, handler) }
}
