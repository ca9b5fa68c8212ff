public import RoostDatabase

/// The links of one model's many-to-many relation: add, remove, replace, list.
///
/// ```swift
/// let tags = post.relation(\.tags)
/// try await tags.add([swift, nio], on: db)
/// let names = try await tags.objects.orderBy(\.name).all(on: db)
/// try await tags.remove(nio, on: db)
/// ```
public struct ManyToManyRelation<Source: Model, Target: Model>: Sendable {
    let source: DatabaseValue
    let descriptor: ManyToManyDescriptor

    /// The related models, as a QuerySet (filter and order it further).
    public var objects: QuerySet<Target> {
        Target.objects.filter(.inSubquery(
            .column(.root, Target.schema.primaryKey.column),
            table: descriptor.table, select: descriptor.targetColumn, whereColumn: descriptor.sourceColumn, equals: source
        ))
    }

    /// Links targets (already linked ones are left alone).
    public func add(_ targets: [Target], on database: any DatabaseExecutor) async throws {
        let existing = Set(try await linkedKeys(on: database))
        let new = targets.map(\.primaryKeyValue).filter { !existing.contains($0) }
        guard !new.isEmpty else { return }
        try await database.transaction { transaction in
            for key in Set(new) {
                _ = try await transaction.execute(
                    "INSERT INTO \(identifier: descriptor.table) (\(identifier: descriptor.sourceColumn), \(identifier: descriptor.targetColumn)) VALUES (\(source), \(key))"
                )
            }
        }
    }

    /// Links one target.
    public func add(_ target: Target, on database: any DatabaseExecutor) async throws {
        try await add([target], on: database)
    }

    /// Unlinks targets.
    public func remove(_ targets: [Target], on database: any DatabaseExecutor) async throws {
        guard !targets.isEmpty else { return }
        _ = try await database.execute(
            "DELETE FROM \(identifier: descriptor.table) WHERE \(identifier: descriptor.sourceColumn) = \(source) AND \(identifier: descriptor.targetColumn) IN \(list: targets.map(\.primaryKeyValue))"
        )
    }

    /// Unlinks one target.
    public func remove(_ target: Target, on database: any DatabaseExecutor) async throws {
        try await remove([target], on: database)
    }

    /// Unlinks every target.
    public func clear(on database: any DatabaseExecutor) async throws {
        _ = try await database.execute(
            "DELETE FROM \(identifier: descriptor.table) WHERE \(identifier: descriptor.sourceColumn) = \(source)"
        )
    }

    /// Makes the targets exactly `targets`, in one transaction.
    public func set(_ targets: [Target], on database: any DatabaseExecutor) async throws {
        try await database.transaction { transaction in
            try await clear(on: transaction)
            try await add(targets, on: transaction)
        }
    }

    private func linkedKeys(on database: any DatabaseExecutor) async throws -> [DatabaseValue] {
        let rows = try await database.query(
            "SELECT \(identifier: descriptor.targetColumn) FROM \(identifier: descriptor.table) WHERE \(identifier: descriptor.sourceColumn) = \(source)"
        )
        return try rows.map { try Target.ID(databaseValue: $0[0]).databaseValue }
    }
}

extension Model {
    /// The many-to-many relation at `keyPath`, for adding and removing links.
    /// - Precondition: the model is saved and `keyPath` is one of its `@ManyToMany` fields.
    public func relation<Target: Model>(_ keyPath: any KeyPath<Self, ManyToMany<Target>> & Sendable) -> ManyToManyRelation<Self, Target> {
        guard let name = Self.fieldName(for: keyPath),
            let descriptor = Self.schema.manyToMany.first(where: { $0.name == name })
        else {
            preconditionFailure("relation: \(keyPath) is not a many-to-many relation of \(Self.schema.name)")
        }
        precondition(isSaved, "relation: save the \(Self.schema.name) before linking it")
        return ManyToManyRelation(source: primaryKeyValue, descriptor: descriptor)
    }
}
