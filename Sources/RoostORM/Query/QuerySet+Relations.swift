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
            let keys = models.map(\.primaryKeyValue).filter { !$0.isNull }
            guard !keys.isEmpty else { return models }
            let links = try await ManyToManyRelationLoader<M, Target>(relation: relation).load(for: keys, on: database)
            var models = models
            for index in models.indices {
                models[index][keyPath: keyPath] = ManyToMany(objects: links[models[index].primaryKeyValue] ?? [])
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

    func load(for keys: [DatabaseValue], on database: any DatabaseExecutor) async throws -> [DatabaseValue: [Target]] {
        let target = Target.schema
        var columns: [SQL] = target.fields.map { "\(identifier: "t", $0.column)" }
        columns.append("\(identifier: "j", relation.sourceColumn)")
        let sql: SQL = """
            SELECT \(columns.joined(separator: ", ")) FROM \(identifier: target.table) AS \(identifier: "t") \
            INNER JOIN \(identifier: relation.table) AS \(identifier: "j") ON \(identifier: "j", relation.targetColumn) = \(identifier: "t", target.primaryKey.column) \
            WHERE \(identifier: "j", relation.sourceColumn) IN \(list: keys) ORDER BY \(identifier: "t", target.primaryKey.column)
            """
        var result: [DatabaseValue: [Target]] = [:]
        for row in try await database.query(sql) {
            let model = try Target(row: row, startingAt: 0)
            // Normalise the join column to the source key's own encoding (UUIDs are text
            // in SQLite) so it matches `primaryKeyValue`.
            let source = try Source.ID(databaseValue: row[target.fields.count]).databaseValue
            result[source, default: []].append(model)
        }
        return result
    }
}
