import RoostDatabase

/// Decodes a `selectRelated` model from the joined columns of a row and stores it.
struct RelatedLoader<M: Model>: Sendable {
    let path: RelationPath
    let load: @Sendable (inout M, Row, Int) throws -> Void
}

/// Loads a relation for a whole page of models with one extra query.
struct Prefetcher<M: Model>: Sendable {
    let load: @Sendable ([M], any DatabaseExecutor) async throws -> [M]
}

extension QuerySet {
    /// Loads the referenced rows in the same query with a JOIN, so `model.author.object` is
    /// set without a query per row.
    public func selectRelated<Target: Model>(_ keyPath: any WritableKeyPath<M, Reference<Target>> & Sendable) -> QuerySet {
        let path = relationPath(keyPath)
        var copy = self
        copy.query.selectRelated.append(path)
        copy.relatedLoaders.append(RelatedLoader(path: path) { model, row, offset in
            model[keyPath: keyPath].object = try Target(row: row, startingAt: offset)
        })
        return copy
    }

    /// Loads optional references in the same query (LEFT JOIN); NULL stays `nil`.
    public func selectRelated<Target: Model>(_ keyPath: any WritableKeyPath<M, Reference<Target>?> & Sendable) -> QuerySet {
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
    public func prefetchRelated<Target: Model>(_ keyPath: any WritableKeyPath<M, Reference<Target>> & Sendable) -> QuerySet {
        var copy = self
        copy.prefetchers.append(Prefetcher { models, database in
            let ids = Set(models.map { $0[keyPath: keyPath].id })
            guard !ids.isEmpty else { return models }
            let targets = try await Target.objects.filter(
                .inList(.column(.root, Target.schema.primaryKey.column), ids.map(\.databaseValue))
            ).all(on: database)
            let byID = Dictionary(targets.map { ($0.primaryKeyValue, $0) }, uniquingKeysWith: { first, _ in first })
            var models = models
            for index in models.indices {
                models[index][keyPath: keyPath].object = byID[models[index][keyPath: keyPath].id.databaseValue]
            }
            return models
        })
        return copy
    }

    /// Loads a many-to-many relation with one query for the whole result.
    public func prefetchRelated<Target: Model>(_ keyPath: any WritableKeyPath<M, ManyToMany<Target>> & Sendable) -> QuerySet {
        guard let name = M.fieldName(for: keyPath), let relation = M.schema.manyToMany.first(where: { $0.name == name }) else {
            preconditionFailure("prefetchRelated: \(keyPath) is not a many-to-many relation of \(M.schema.name)")
        }
        var copy = self
        copy.prefetchers.append(Prefetcher { models, database in
            let keys = models.map(\.primaryKeyValue)
            guard keys.contains(where: { !$0.isNull }) else { return models }
            let related = try await ManyToManyRelationLoader<M, Target>(relation: relation).load(for: keys, on: database)
            var models = models
            for index in models.indices {
                models[index][keyPath: keyPath] = ManyToMany(objects: related[index])
            }
            return models
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
        let target = Target.schema
        let saved = keys.filter { !$0.isNull }
        var columns: [SQL] = target.fields.map { "\(identifier: "t", $0.column)" }
        columns.append("\(identifier: "j", relation.sourceColumn)")
        let sql: SQL = """
            SELECT \(columns.joined(separator: ", ")) FROM \(identifier: target.table) AS \(identifier: "t") \
            INNER JOIN \(identifier: relation.table) AS \(identifier: "j") ON \(identifier: "j", relation.targetColumn) = \(identifier: "t", target.primaryKey.column) \
            WHERE \(identifier: "j", relation.sourceColumn) IN \(list: saved) ORDER BY \(identifier: "t", target.primaryKey.column)
            """
        var positions: [DatabaseValue: [Int]] = [:]
        positions.reserveCapacity(keys.count)
        for (index, key) in keys.enumerated() where !key.isNull { positions[key, default: []].append(index) }
        let rows = try await database.query(sql)
        // Each row's source, normalised to the source key's own encoding (UUIDs are text in
        // SQLite) so that it matches `primaryKeyValue`.
        var owners: [Int] = []
        owners.reserveCapacity(rows.count)
        var counts = [Int](repeating: 0, count: keys.count)
        for row in rows {
            let source = try Source.ID(databaseValue: row[target.fields.count]).databaseValue
            let owner = positions[source]?.first ?? -1
            owners.append(owner)
            if owner >= 0 { counts[owner] += 1 }
        }
        let targets = try QuerySet<Target>.build(count: rows.count) { try Target(row: rows[$0], startingAt: 0) }
        // Grouped by source with one array per source, each made in one go.
        var members = [[Int]](repeating: [], count: keys.count)
        for (row, owner) in owners.enumerated() where owner >= 0 { members[owner].append(row) }
        var result = try QuerySet<Target>.build(count: keys.count) { index in
            try QuerySet<Target>.build(count: counts[index]) { targets[members[index][$0]] }
        }
        // A source listed twice (the same model twice in the page) gets the same targets.
        for (_, indices) in positions where indices.count > 1 {
            for duplicate in indices.dropFirst() { result[duplicate] = result[indices[0]] }
        }
        return result
    }
}
