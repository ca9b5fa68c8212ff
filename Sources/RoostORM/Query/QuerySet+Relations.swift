import RoostDatabase

/// Decodes a `selectRelated` model from the joined columns of a row and stores it.
struct RelatedLoader<M: Model>: Sendable {
    let path: RelationPath
    let load: @Sendable (inout M, Row, Int) throws -> Void
}

/// Loads a relation for a whole page of models with one extra query.
struct Prefetcher<M: Model>: Sendable {
    /// Sets the relation on each model in place (the array is not copied).
    let load: @Sendable (inout [M], any DatabaseExecutor) async throws -> Void
}

extension QuerySet {
    /// Loads the referenced rows in the same query with a JOIN, so `model.author.object` is
    /// set without a query per row.
    public consuming func selectRelated<Target: Model>(_ keyPath: any WritableKeyPath<M, Reference<Target>> & Sendable) -> QuerySet {
        let path = relationPath(keyPath)
        var copy = self
        copy.query.selectRelated.append(path)
        copy.relatedLoaders.append(RelatedLoader(path: path) { model, row, offset in
            model[keyPath: keyPath].object = try Target(row: row, startingAt: offset)
        })
        return copy
    }

    /// Loads optional references in the same query (LEFT JOIN); NULL stays `nil`.
    public consuming func selectRelated<Target: Model>(_ keyPath: any WritableKeyPath<M, Reference<Target>?> & Sendable) -> QuerySet {
        let path = relationPath(keyPath)
        let keyColumn = Target.schema.position(of: Target.schema.primaryKey.name) ?? 0
        var copy = self
        copy.query.selectRelated.append(path)
        copy.relatedLoaders.append(RelatedLoader(path: path) { model, row, offset in
            guard !row[offset + keyColumn].isNull else { return }
            model[keyPath: keyPath]?.object = try Target(row: row, startingAt: offset)
        })
        return copy
    }

    /// Loads the referenced rows with one `IN` query for the whole result.
    public consuming func prefetchRelated<Target: Model>(_ keyPath: any WritableKeyPath<M, Reference<Target>> & Sendable) -> QuerySet {
        var copy = self
        copy.prefetchers.append(Prefetcher { models, database in
            // Models are read and written through pointers: subscripting the array, or its
            // buffer, copies each whole model (this code is not specialised for their type).
            let ids = models.withUnsafeBufferPointer { buffer in
                var ids = Set<Target.ID>(minimumCapacity: buffer.count)
                for index in buffer.indices { ids.insert((buffer.baseAddress! + index).pointee[keyPath: keyPath].id) }
                return ids
            }
            guard !ids.isEmpty else { return }
            let targets = try await Target.objects.filter(
                .inList(.column(.root, Target.schema.primaryKey.column), ids.map { $0.databaseValue })
            ).all(on: database)
            let byID = Dictionary(targets.map { ($0.primaryKeyValue, $0) }, uniquingKeysWith: { first, _ in first })
            models.withUnsafeMutableBufferPointer { models in
                for index in models.indices {
                    let model = models.baseAddress! + index
                    model.pointee[keyPath: keyPath].object = byID[model.pointee[keyPath: keyPath].id.databaseValue]
                }
            }
        })
        return copy
    }

    /// Loads a many-to-many relation with one query for the whole result.
    public consuming func prefetchRelated<Target: Model>(_ keyPath: any WritableKeyPath<M, ManyToMany<Target>> & Sendable) -> QuerySet {
        guard let name = M.fieldName(for: keyPath), let relation = M.schema.manyToMany.first(where: { $0.name == name }) else {
            preconditionFailure("prefetchRelated: \(keyPath) is not a many-to-many relation of \(M.schema.name)")
        }
        var copy = self
        copy.prefetchers.append(Prefetcher { models, database in
            // Built in place rather than mapped through a key path: this code is not
            // specialised for the app's model type. Models are read and written through
            // pointers: subscripting the array, or its buffer, copies each whole model.
            let keys = try models.withUnsafeBufferPointer { buffer in
                try QuerySet<M>.build(count: buffer.count) { (buffer.baseAddress! + $0).pointee.primaryKeyValue }
            }
            guard keys.contains(where: { !$0.isNull }) else { return }
            let related = try await ManyToManyRelationLoader<M, Target>(relation: relation).load(for: keys, on: database)
            related.withUnsafeBufferPointer { related in
                models.withUnsafeMutableBufferPointer { models in
                    for index in models.indices {
                        (models.baseAddress! + index).pointee[keyPath: keyPath] = ManyToMany(objects: related[index])
                    }
                }
            }
        })
        return copy
    }

    private func relationPath(_ keyPath: PartialKeyPath<M>) -> RelationPath {
        guard let name = M.fieldName(for: keyPath), M.schema.field(named: name)?.reference != nil else {
            preconditionFailure("selectRelated: \(keyPath) is not a reference of \(M.schema.name)")
        }
        return RelationPath(steps: [name])
    }
}

/// Reads the targets of a many-to-many relation for several source rows in one query.
struct ManyToManyRelationLoader<Source: Model, Target: Model> {
    let relation: ManyToManyDescriptor

    /// The targets of each source key, in the order of `keys` (`NULL` keys, unsaved models,
    /// get none).
    func load(for keys: [DatabaseValue], on database: any DatabaseExecutor) async throws -> [[Target]] {
        // Where each source key first appears; a key listed again (the same model twice in
        // the page) is copied at the end.
        var positions = KeyPositions(capacity: keys.count)
        var repeats: [(index: Int, first: Int)] = []
        var bound: [DatabaseValue] = []
        bound.reserveCapacity(keys.count)
        for (index, key) in keys.enumerated() where !key.isNull {
            bound.append(key)
            if let first = positions.insert(key, at: index) { repeats.append((index, first)) }
        }
        // Each row's target is decoded as the driver reads it and grouped by the position of
        // its source.
        let reader = OwnedModelReader<Source.ID, Target>(owners: positions, ownerColumn: Target.schema.fields.count)
        try await database.query(statement(for: bound, dialect: database.dialect)) { try reader.read($0) }
        var result = reader.takeGrouped(ownerCount: keys.count)
        for (index, first) in repeats { result[index] = result[first] }
        return result
    }

    /// `SELECT target columns, source key FROM target JOIN through … WHERE source IN (…)`.
    private func statement(for keys: [DatabaseValue], dialect: any SQLDialect) -> SQL {
        Source.schema.prefetchStatements.statement(relation: relation.name, keys: keys, dialect: dialect) {
            write(for: keys, dialect: dialect)
        }
    }

    private func write(for keys: [DatabaseValue], dialect: any SQLDialect) -> SQL {
        let target = Target.schema
        var writer = SQLTextWriter(dialect: dialect, textCapacity: 256 + keys.count * 5, bindingCapacity: keys.count)
        writer.write("SELECT ")
        writer.writeIdentifiers(target.fields.lazy.map(\.column), prefix: "t.")
        writer.write(", j.")
        writer.writeIdentifier(relation.sourceColumn)
        writer.write(" FROM ")
        writer.writeIdentifier(target.table)
        writer.write(" AS t INNER JOIN ")
        writer.writeIdentifier(relation.table)
        writer.write(" AS j ON j.")
        writer.writeIdentifier(relation.targetColumn)
        writer.write(" = t.")
        writer.writeIdentifier(target.primaryKey.column)
        writer.write(" WHERE j.")
        writer.writeIdentifier(relation.sourceColumn)
        writer.write(" IN ")
        writer.bindList(count: keys.count) { keys[$0] }
        writer.write(" ORDER BY t.")
        writer.writeIdentifier(target.primaryKey.column)
        return writer.sql
    }
}
