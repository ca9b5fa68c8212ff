public import RoostDatabase

extension Model {
    /// Inserts the model if it has no primary key yet, updates its row otherwise; assigns
    /// the primary key the database generates. Runs ``willSave(on:)`` and ``didSave(on:)``.
    ///
    /// ```swift
    /// var post = Post(title: "Hello", author: Reference(ada))
    /// try await post.save(on: db)      // INSERT; post.id is set
    /// post.title = "Hello again"
    /// try await post.save(on: db)      // UPDATE
    /// ```
    public mutating func save(on database: any DatabaseExecutor) async throws {
        try await willSave(on: database)
        if isSaved && Self.schema.hasAutoIncrementKey {
            let sql = WriteCompiler(schema: Self.schema, dialect: database.dialect).update(databaseValues())
            let result = try await database.execute(sql)
            if result.rowsAffected == 0 {
                throw ModelStateError(description: "\(Self.schema.name) with primary key \(primaryKeyValue) no longer exists; it cannot be updated")
            }
        } else if isSaved {
            // A client-assigned key (UUID): update, or insert when the row does not exist yet.
            let sql = WriteCompiler(schema: Self.schema, dialect: database.dialect).update(databaseValues())
            if try await database.execute(sql).rowsAffected == 0 { try await insertRow(on: database) }
        } else {
            try await insertRow(on: database)
        }
        try await didSave(on: database)
    }

    /// Inserts the model as a new row, whatever its primary key.
    mutating func insert(on database: any DatabaseExecutor) async throws {
        try await willSave(on: database)
        try await insertRow(on: database)
        try await didSave(on: database)
    }

    private mutating func insertRow(on database: any DatabaseExecutor) async throws {
        let values = databaseValues()
        let needsKey = Self.schema.hasAutoIncrementKey && values[Self.keyPosition].isNull
        let writer = WriteCompiler(schema: Self.schema, dialect: database.dialect)
        let sql = writer.insert(values, rows: 1, returningKey: needsKey)
        if needsKey && database.dialect.features.supportsReturning {
            guard let row = try await database.query(sql).first else {
                throw ModelStateError(description: "the database returned no key for the new \(Self.schema.name)")
            }
            try assignPrimaryKey(row[0])
        } else {
            let result = try await database.execute(sql)
            if needsKey {
                guard let id = result.lastInsertID else {
                    throw ModelStateError(description: "the database reported no key for the new \(Self.schema.name)")
                }
                try assignPrimaryKey(.int(id))
            }
        }
    }

    /// Deletes the model's row; the database applies on-delete rules to rows referencing it.
    /// Runs ``willDelete(on:)`` and ``didDelete(on:)``.
    /// - Throws: ``ModelStateError`` for an unsaved model, ``ProtectedError`` when protected
    ///   references block the delete.
    public func delete(on database: any DatabaseExecutor) async throws {
        guard isSaved else { throw ModelStateError(description: "cannot delete a \(Self.schema.name) that was never saved") }
        try await willDelete(on: database)
        let sql = WriteCompiler(schema: Self.schema, dialect: database.dialect).delete(primaryKey: primaryKeyValue)
        do {
            _ = try await database.execute(sql)
        } catch let error as DatabaseError where error.code == .foreignKeyViolation {
            throw ProtectedError(model: Self.schema.name, constraint: error.constraint)
        }
        try await didDelete(on: database)
    }

    /// Reloads the model's fields from its row.
    public mutating func refresh(on database: any DatabaseExecutor) async throws {
        guard isSaved else { throw ModelStateError(description: "cannot refresh a \(Self.schema.name) that was never saved") }
        self = try await Self.objects.filter(
            .comparison(.column(.root, Self.schema.primaryKey.column), .equal, .value(primaryKeyValue))
        ).get(on: database)
    }

    /// The rows of `Child` that reference this model: Django's reverse accessor
    /// (`author.post_set`).
    ///
    /// ```swift
    /// let posts = try await ada.related(\Post.author).orderBy(\.title).all(on: db)
    /// ```
    public func related<Child: Model>(_ keyPath: any KeyPath<Child, Reference<Self>> & Sendable) -> QuerySet<Child> {
        Child.objects.filter(reverseFilter(Child.self, keyPath))
    }

    /// The rows of `Child` whose optional reference points at this model.
    public func related<Child: Model>(_ keyPath: any KeyPath<Child, Reference<Self>?> & Sendable) -> QuerySet<Child> {
        Child.objects.filter(reverseFilter(Child.self, keyPath))
    }

    private func reverseFilter<Child: Model>(_ child: Child.Type, _ keyPath: PartialKeyPath<Child>) -> Predicate {
        guard let name = Child.fieldName(for: keyPath), let field = Child.schema.field(named: name) else {
            preconditionFailure("related: \(keyPath) is not a reference of \(Child.schema.name)")
        }
        return .comparison(.column(.root, field.column), .equal, .value(primaryKeyValue))
    }
}

/// Hooks a model can implement to act around its own saves and deletes (Django's
/// `pre_save`/`post_save`/`pre_delete`/`post_delete` signals, per model). Throwing from a
/// `will` hook cancels the operation.
///
/// ```swift
/// extension Post {
///     mutating func willSave(on database: any DatabaseExecutor) async throws {
///         slug = title.lowercased().replacingOccurrences(of: " ", with: "-")
///     }
/// }
/// ```
extension Model {
    /// Runs before an insert or update; may change the model.
    public mutating func willSave(on database: any DatabaseExecutor) async throws {}
    /// Runs after an insert or update.
    public func didSave(on database: any DatabaseExecutor) async throws {}
    /// Runs before a delete.
    public func willDelete(on database: any DatabaseExecutor) async throws {}
    /// Runs after a delete.
    public func didDelete(on database: any DatabaseExecutor) async throws {}
}
