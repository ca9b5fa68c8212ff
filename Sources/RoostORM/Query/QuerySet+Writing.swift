public import RoostDatabase

extension QuerySet {
    /// Sets columns on every matching row in one statement and returns how many changed.
    /// Values computed from columns run in the database, so concurrent updates never lose
    /// increments (Django's `F()`).
    ///
    /// ```swift
    /// try await Post.objects.filter { $0.id == id }.update({ [$0.views.set($0.views + 1)] }, on: db)
    /// ```
    @discardableResult
    public func update(_ assignments: (M.Columns) -> [Assignment], on database: any DatabaseExecutor) async throws -> Int {
        let list = assignments(Self.columns)
        guard !list.isEmpty else { return 0 }
        let sql = try WriteCompiler(schema: M.schema, dialect: database.dialect).update(list, matching: query)
        return try await database.execute(sql).rowsAffected
    }

    /// Deletes every matching row and returns how many were deleted. The database applies
    /// each reference's on-delete rule (cascade, set null, restrict).
    /// - Throws: ``ProtectedError`` when protected references block the delete.
    @discardableResult
    public func delete(on database: any DatabaseExecutor) async throws -> Int {
        let sql = try WriteCompiler(schema: M.schema, dialect: database.dialect).delete(matching: query)
        do {
            return try await database.execute(sql).rowsAffected
        } catch let error as DatabaseError where error.code == .foreignKeyViolation {
            throw ProtectedError(model: M.schema.name, constraint: error.constraint)
        }
    }

    /// Inserts a new model and returns it with its primary key.
    public func create(_ model: M, on database: any DatabaseExecutor) async throws -> M {
        var model = model
        try await model.insert(on: database)
        return model
    }

    /// Inserts many models in as few statements as the database allows, several statements
    /// in one transaction; returns them with their primary keys. Models that fit one
    /// statement are inserted without a transaction: one statement is atomic by itself, and
    /// BEGIN and COMMIT would be two more round trips (as `bulkUpdate`).
    ///
    /// Inside a transaction that single statement gets no savepoint of its own (Django's
    /// `atomic(savepoint=False)`): on PostgreSQL a failed insert leaves the enclosing
    /// transaction to roll back. Wrap the call in `transaction` to recover from it instead.
    ///
    /// Models that already have an auto-increment key and models that do not are inserted
    /// by separate statements, in one transaction, as Django does: one `INSERT` either names
    /// the key column for every row or for none.
    public func bulkCreate(_ models: consuming [M], on database: any DatabaseExecutor) async throws -> [M] {
        guard !models.isEmpty else { return [] }
        if M.schema.hasAutoIncrementKey {
            // Read through pointers: subscripting the array, or its buffer, copies each whole model.
            let keyed = models.withUnsafeBufferPointer { buffer in buffer.indices.filter { (buffer.baseAddress! + $0).pointee.isSaved } }
            if !keyed.isEmpty && keyed.count < models.count {
                return try await bulkCreate(models, keyed: keyed, on: database)
            }
        }
        let perStatement = max(1, database.dialect.features.maximumBindParameters / max(1, M.schema.fields.count))
        if models.count <= perStatement && database.dialect.features.supportsReturning {
            return try await Self.insert(models, on: database)
        }
        return try await database.transaction { transaction in
            var created: [M] = []
            created.reserveCapacity(models.count)
            var start = 0
            while start < models.count {
                let end = min(models.count, start + perStatement)
                created += try await Self.insert(Array(models[start..<end]), on: transaction)
                start = end
            }
            return created
        }
    }

    /// Inserts the models at `keyed` (which have keys) and the others separately, in one
    /// transaction, and returns them all in their original order.
    private func bulkCreate(_ models: [M], keyed: [Int], on database: any DatabaseExecutor) async throws -> [M] {
        var isKeyed = [Bool](repeating: false, count: models.count)
        for index in keyed { isKeyed[index] = true }
        let unkeyed = models.indices.filter { !isKeyed[$0] }
        return try await database.transaction { transaction in
            let withKeys = try await bulkCreate(keyed.map { models[$0] }, on: transaction)
            let withoutKeys = try await bulkCreate(unkeyed.map { models[$0] }, on: transaction)
            var next = (keyed: 0, unkeyed: 0)
            return try Self.build(count: models.count) { index in
                if isKeyed[index] {
                    defer { next.keyed += 1 }
                    return withKeys[next.keyed]
                }
                defer { next.unkeyed += 1 }
                return withoutKeys[next.unkeyed]
            }
        }
    }

    /// Inserts `models` with one statement, or one per model where the database reports new
    /// keys only that way (no `RETURNING`), and returns them with their keys. The keys are
    /// set in place: the array passed in, when no one else holds it, is the one returned,
    /// without a copy of each model.
    private static func insert(_ models: consuming [M], on executor: any DatabaseExecutor) async throws -> [M] {
        let count = models.count, width = M.schema.fields.count
        // One array for the whole batch, filled model by model in place, the models read
        // through a buffer: subscripting the array would copy each whole model (this generic
        // code is not specialised for the app's model type).
        var values: [DatabaseValue] = []
        values.reserveCapacity(count * width)
        models.withUnsafeBufferPointer { models in
            for index in models.indices { (models.baseAddress! + index).pointee.appendDatabaseValues(to: &values) }
        }
        let needsKeys = M.schema.hasAutoIncrementKey
            && stride(from: M.keyPosition, to: values.count, by: width).contains { values[$0].isNull }
        var created = models
        if needsKeys && !executor.dialect.features.supportsReturning {
            for index in created.indices { try await created[index].insert(on: executor) }
            return created
        }
        let sql = WriteCompiler(schema: M.schema, dialect: executor.dialect).insert(consume values, rows: count, returningKey: needsKeys)
        guard needsKeys else {
            _ = try await executor.execute(sql)
            return created
        }
        let reader = FirstColumnReader(expected: count)
        try await executor.query(sql) { reader.read($0) }
        let keys = reader.values
        guard keys.count == count else {
            throw QueryError("bulkCreate inserted \(count) \(M.schema.name) rows but got \(keys.count) keys back")
        }
        try created.withUnsafeMutableBufferPointer { created in
            for index in created.indices { try (created.baseAddress! + index).pointee.assignPrimaryKey(keys[index]) }
        }
        return created
    }

    /// Updates the given fields of many saved models with one `UPDATE` per batch
    /// (`CASE pk WHEN … THEN …`, as Django's `bulk_update`), all batches in one transaction;
    /// returns how many rows matched. A model listed twice is written with its last values.
    /// Hooks do not run (as in Django).
    ///
    /// ```swift
    /// for index in posts.indices { posts[index].views += 1 }
    /// try await Post.objects.bulkUpdate(posts, fields: [\Post.views], on: db)
    /// ```
    @discardableResult
    public func bulkUpdate(_ models: [M], fields: [any PartialKeyPath<M> & Sendable], on database: any DatabaseExecutor) async throws -> Int {
        let positions = fields.map { keyPath -> Int in
            guard let name = M.fieldName(for: keyPath), let position = M.schema.position(of: name) else {
                preconditionFailure("bulkUpdate: \(keyPath) is not a stored field of \(M.schema.name)")
            }
            return position
        }
        guard !models.isEmpty, !positions.isEmpty else { return 0 }
        let rows = Self.lastValuesPerKey(models)
        guard !rows.isEmpty else { return 0 }
        let perStatement = max(1, database.dialect.features.maximumBindParameters / (1 + 2 * positions.count))
        let writer = WriteCompiler(schema: M.schema, dialect: database.dialect)
        if rows.count <= perStatement {
            return try await database.execute(writer.bulkUpdate(rows, positions: positions)).rowsAffected
        }
        return try await database.transaction { transaction in
            var changed = 0
            var index = 0
            while index < rows.count {
                let batch = Array(rows[index..<min(index + perStatement, rows.count)])
                changed += try await transaction.execute(writer.bulkUpdate(batch, positions: positions)).rowsAffected
                index += perStatement
            }
            return changed
        }
    }

    /// Each saved model's values once, the last ones given for a key, in first-seen order.
    private static func lastValuesPerKey(_ models: [M]) -> [[DatabaseValue]] {
        var rows: [[DatabaseValue]] = []
        var positionOfKey: [DatabaseValue: Int] = [:]
        rows.reserveCapacity(models.count)
        for model in models {
            let key = model.primaryKeyValue
            guard !key.isNull else { continue }
            if let position = positionOfKey[key] {
                rows[position] = model.databaseValues()
            } else {
                positionOfKey[key] = rows.count
                rows.append(model.databaseValues())
            }
        }
        return rows
    }

    /// The model matching the condition, or a new one made by `makeNew` and inserted, in one
    /// transaction: Django's `get_or_create`.
    public func getOrCreate(
        on database: any DatabaseExecutor,
        _ condition: (M.Columns) -> Predicate,
        makeNew: @Sendable () -> M
    ) async throws -> (model: M, created: Bool) {
        let lookup = filter(condition)
        return try await database.transaction { transaction in
            if let existing = try await lookup.limit(2).all(on: transaction).first { return (existing, false) }
            return (try await M.objects.create(makeNew(), on: transaction), true)
        }
    }

    /// Updates the model matching the condition with `apply`, or creates one with
    /// `makeNew`: Django's `update_or_create`.
    public func updateOrCreate(
        on database: any DatabaseExecutor,
        _ condition: (M.Columns) -> Predicate,
        apply: @Sendable (inout M) -> Void,
        makeNew: @Sendable () -> M
    ) async throws -> (model: M, created: Bool) {
        let lookup = filter(condition)
        return try await database.transaction { transaction in
            if var existing = try await lookup.limit(2).all(on: transaction).first {
                apply(&existing)
                try await existing.save(on: transaction)
                return (existing, false)
            }
            return (try await M.objects.create(makeNew(), on: transaction), true)
        }
    }
}

extension Model {
    static var keyPosition: Int { schema.primaryKeyPosition }

}
