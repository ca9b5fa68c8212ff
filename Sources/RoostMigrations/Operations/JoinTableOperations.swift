/// Creates the join table of a many-to-many relation declared without `through:`.
///
/// ```swift
/// CreateJoinTable(model: "Post", JoinTableSpec(field: "tags", target: "Tag", table: "post_tags",
///                                                sourceColumn: "post_id", targetColumn: "tag_id"))
/// ```
public struct CreateJoinTable: MigrationOperation {
    /// The source model's name.
    public let model: String
    /// The join table.
    public let joinTable: JoinTableSpec

    /// Creates `joinTable` for a relation of `model`.
    public init(model: String, _ joinTable: JoinTableSpec) {
        self.model = model
        self.joinTable = joinTable
    }

    public func apply(to state: inout ProjectState, app: String) throws(MigrationError) {
        var source = try state.require(model, for: summary)
        _ = try state.require(joinTable.target, for: summary)
        if source.joinTable(field: joinTable.field) != nil {
            throw MigrationError(.invalidOperation, "\(summary): \(model).\(joinTable.field) already has a join table")
        }
        source.joinTables.append(joinTable)
        state.replace(source)
    }

    public func forwards(_ editor: MigrationSchemaEditor, from: ProjectState, to: ProjectState) async throws {
        guard let source = to[model: model] else { return }
        try await editor.createJoinTable(joinTable, model: source, in: to)
    }

    public func backwards(_ editor: MigrationSchemaEditor, from: ProjectState, to: ProjectState) async throws {
        try await editor.deleteJoinTable(joinTable)
    }

    public var summary: String { "Create join table \(joinTable.table) for \(model).\(joinTable.field)" }
    public var nameFragment: String { "\(SnakeCase.convert(model))_\(SnakeCase.convert(joinTable.field))" }
    public var source: SourceValue { .call("CreateJoinTable", [.init("model", .string(model)), .init(nil, .of(joinTable))]) }
}

/// Drops the join table of a many-to-many relation, and the links it held.
///
/// ```swift
/// DeleteJoinTable(model: "Post", field: "tags")
/// ```
public struct DeleteJoinTable: MigrationOperation {
    /// The source model's name.
    public let model: String
    /// The relation's field name.
    public let field: String

    /// Deletes the join table of `model.field`.
    public init(model: String, field: String) {
        self.model = model
        self.field = field
    }

    public func apply(to state: inout ProjectState, app: String) throws(MigrationError) {
        var source = try state.require(model, for: summary)
        guard source.joinTable(field: field) != nil else {
            throw MigrationError(.invalidOperation, "\(summary): \(model).\(field) has no join table")
        }
        source.joinTables.removeAll { $0.field == field }
        state.replace(source)
    }

    public func forwards(_ editor: MigrationSchemaEditor, from: ProjectState, to: ProjectState) async throws {
        guard let joinTable = from[model: model]?.joinTable(field: field) else { return }
        try await editor.deleteJoinTable(joinTable)
    }

    public func backwards(_ editor: MigrationSchemaEditor, from: ProjectState, to: ProjectState) async throws {
        guard let source = to[model: model], let joinTable = source.joinTable(field: field) else { return }
        try await editor.createJoinTable(joinTable, model: source, in: to)
    }

    public var summary: String { "Delete the join table of \(model).\(field)" }
    public var nameFragment: String { "remove_\(SnakeCase.convert(model))_\(SnakeCase.convert(field))" }
    public var source: SourceValue { .call("DeleteJoinTable", [.init("model", .string(model)), .init("field", .string(field))]) }
}

/// Renames a join table and its columns, keeping its links (after a model or relation was
/// renamed). The target must stay the same.
///
/// ```swift
/// AlterJoinTable(model: "Article", JoinTableSpec(field: "tags", target: "Tag", table: "article_tags",
///                                                 sourceColumn: "article_id", targetColumn: "tag_id"))
/// ```
public struct AlterJoinTable: MigrationOperation {
    /// The source model's name.
    public let model: String
    /// The join table as it becomes (found by ``JoinTableSpec/field``).
    public let joinTable: JoinTableSpec

    /// Changes the join table of `model.field` to `joinTable`.
    public init(model: String, _ joinTable: JoinTableSpec) {
        self.model = model
        self.joinTable = joinTable
    }

    public func apply(to state: inout ProjectState, app: String) throws(MigrationError) {
        var source = try state.require(model, for: summary)
        guard let index = source.joinTables.firstIndex(where: { $0.field == joinTable.field }) else {
            throw MigrationError(.invalidOperation, "\(summary): \(model).\(joinTable.field) has no join table")
        }
        guard source.joinTables[index].target == joinTable.target else {
            throw MigrationError(.unsupported, "\(summary): a join table cannot change its target; delete it and create a new one")
        }
        source.joinTables[index] = joinTable
        state.replace(source)
    }

    public func forwards(_ editor: MigrationSchemaEditor, from: ProjectState, to: ProjectState) async throws {
        guard let old = from[model: model]?.joinTable(field: joinTable.field) else { return }
        try await editor.renameJoinTable(from: old, to: joinTable)
    }

    public func backwards(_ editor: MigrationSchemaEditor, from: ProjectState, to: ProjectState) async throws {
        guard let old = to[model: model]?.joinTable(field: joinTable.field) else { return }
        try await editor.renameJoinTable(from: joinTable, to: old)
    }

    public var summary: String { "Alter the join table of \(model).\(joinTable.field)" }
    public var nameFragment: String { "alter_\(SnakeCase.convert(model))_\(SnakeCase.convert(joinTable.field))" }
    public var source: SourceValue { .call("AlterJoinTable", [.init("model", .string(model)), .init(nil, .of(joinTable))]) }
}
