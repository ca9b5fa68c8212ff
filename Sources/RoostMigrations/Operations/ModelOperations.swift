/// Creates a model's table, with its fields, indexes and constraints.
///
/// ```swift
/// CreateModel("Post", table: "blog_post", fields: [
///     FieldSpec("id", .autoIncrement),
///     FieldSpec("title", .string(maxLength: 200)),
///     FieldSpec("author", .bigInteger, indexed: true, references: "Author", onDelete: .cascade),
/// ], indexes: [IndexSpec("blog_post_title_idx", columns: ["title"])])
/// ```
public struct CreateModel: MigrationOperation {
    /// The model's name.
    public let name: String
    /// Its table.
    public let table: String
    /// Its fields, in column order.
    public let fields: [FieldSpec]
    /// Indexes over several columns.
    public let indexes: [IndexSpec]
    /// Table constraints.
    public let constraints: [ConstraintSpec]

    /// Describes the new model.
    public init(_ name: String, table: String, fields: [FieldSpec], indexes: [IndexSpec] = [], constraints: [ConstraintSpec] = []) {
        self.name = name
        self.table = table
        self.fields = fields
        self.indexes = indexes
        self.constraints = constraints
    }

    public func apply(to state: inout ProjectState, app: String) throws(MigrationError) {
        let model = ModelState(app: app, name: name, table: table, fields: fields, indexes: indexes, constraints: constraints)
        guard model.primaryKey != nil else {
            throw MigrationError(.invalidOperation, "\(summary): the model has no primary key field")
        }
        for field in fields { try state.checkReference(of: field, in: name, for: summary) }
        try state.insert(model, for: summary)
    }

    public func forwards(_ editor: MigrationSchemaEditor, from: ProjectState, to: ProjectState) async throws {
        guard let model = to[model: name] else { return }
        try await editor.createModel(model, in: to)
    }

    public func backwards(_ editor: MigrationSchemaEditor, from: ProjectState, to: ProjectState) async throws {
        guard let model = from[model: name] else { return }
        try await editor.deleteModel(model)
    }

    public var summary: String { "Create model \(name)" }
    public var nameFragment: String { "create_" + SnakeCase.convert(name) }

    public var source: SourceValue {
        var arguments = SourceArguments()
        arguments.add(nil, .string(name))
        arguments.add("table", .string(table))
        arguments.add("fields", .array(fields.map { .of($0) }))
        if !indexes.isEmpty { arguments.add("indexes", .array(indexes.map { .of($0) })) }
        if !constraints.isEmpty { arguments.add("constraints", .array(constraints.map { .of($0) })) }
        return .call("CreateModel", arguments.items)
    }
}

/// Drops a model's table. Remove the fields and join tables that point at it first.
///
/// ```swift
/// DeleteModel("Draft")
/// ```
public struct DeleteModel: MigrationOperation {
    /// The model's name.
    public let name: String

    /// Deletes the model `name`.
    public init(_ name: String) {
        self.name = name
    }

    public func apply(to state: inout ProjectState, app: String) throws(MigrationError) {
        let model = try state.require(name, for: summary)
        if let (other, field) = state.references(to: name).first(where: { $0.model.name != name }) {
            throw MigrationError(.invalidOperation, "\(summary): \(other.name).\(field.name) still references it; remove or alter that field first")
        }
        if let (other, joinTable) = state.joinTables(targeting: name).first(where: { $0.model.name != name }) {
            throw MigrationError(.invalidOperation, "\(summary): the join table of \(other.name).\(joinTable.field) still references it")
        }
        if let joinTable = model.joinTables.first {
            throw MigrationError(.invalidOperation, "\(summary): delete the join table of \(name).\(joinTable.field) first")
        }
        state.remove(name)
    }

    public func forwards(_ editor: MigrationSchemaEditor, from: ProjectState, to: ProjectState) async throws {
        guard let model = from[model: name] else { return }
        try await editor.deleteModel(model)
    }

    public func backwards(_ editor: MigrationSchemaEditor, from: ProjectState, to: ProjectState) async throws {
        guard let model = to[model: name] else { return }
        try await editor.createModel(model, in: to)
    }

    public var summary: String { "Delete model \(name)" }
    public var nameFragment: String { "delete_" + SnakeCase.convert(name) }
    public var source: SourceValue { .call("DeleteModel", [.init(nil, .string(name))]) }
}

/// Renames a model, and its table when `table` is given. References to it follow.
///
/// ```swift
/// RenameModel(from: "Entry", to: "Post", table: "blog_post")
/// ```
public struct RenameModel: MigrationOperation {
    /// The old name.
    public let oldName: String
    /// The new name.
    public let newName: String
    /// The new table name, or `nil` to keep the table.
    public let table: String?

    /// Renames model `from` to `to`.
    public init(from oldName: String, to newName: String, table: String? = nil) {
        self.oldName = oldName
        self.newName = newName
        self.table = table
    }

    public func apply(to state: inout ProjectState, app: String) throws(MigrationError) {
        var model = try state.require(oldName, for: summary)
        if state[model: newName] != nil {
            throw MigrationError(.invalidOperation, "\(summary): a model named '\(newName)' already exists")
        }
        state.remove(oldName)
        model.name = newName
        if let table { model.table = table }
        try state.insert(model, for: summary)
        state.retarget(from: oldName, to: newName)
    }

    public func forwards(_ editor: MigrationSchemaEditor, from: ProjectState, to: ProjectState) async throws {
        guard let old = from[model: oldName], let new = to[model: newName] else { return }
        try await editor.renameModel(from: old, to: new)
    }

    public func backwards(_ editor: MigrationSchemaEditor, from: ProjectState, to: ProjectState) async throws {
        guard let new = from[model: newName], let old = to[model: oldName] else { return }
        try await editor.renameModel(from: new, to: old)
    }

    public var summary: String { "Rename model \(oldName) to \(newName)" }
    public var nameFragment: String { "rename_\(SnakeCase.convert(oldName))_\(SnakeCase.convert(newName))" }

    public var source: SourceValue {
        var arguments = SourceArguments()
        arguments.add("from", .string(oldName))
        arguments.add("to", .string(newName))
        arguments.add("table", table, unless: nil)
        return .call("RenameModel", arguments.items)
    }
}
