public import RoostDatabase

extension Databases {
    /// The database to read `model` from: the model's `@Model(database:)`, unless a router
    /// says otherwise (a read replica, for instance).
    ///
    /// ```swift
    /// let posts = try await Post.objects.all(on: req.databases.reading(Post.self))
    /// ```
    public func reading<M: Model>(_ model: M.Type) throws(DatabaseConfigurationError) -> Database {
        if routers.isEmpty { return try named(M.schema.database) }
        return try forRead(model: M.schema.name)
    }

    /// The database to write `model` to.
    public func writing<M: Model>(_ model: M.Type) throws(DatabaseConfigurationError) -> Database {
        if routers.isEmpty { return try named(M.schema.database) }
        return try forWrite(model: M.schema.name)
    }
}
