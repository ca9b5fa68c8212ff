/// Creates an index over one or more columns of a model.
///
/// ```swift
/// AddIndex(model: "Post", IndexSpec("blog_post_status_published_at_idx", columns: ["status", "published_at"]))
/// ```
public struct AddIndex: MigrationOperation {
    /// The model's name.
    public let model: String
    /// The index.
    public let index: IndexSpec

    /// Adds `index` to `model`.
    public init(model: String, _ index: IndexSpec) {
        self.model = model
        self.index = index
    }

    public func apply(to state: inout ProjectState, app: String) throws(MigrationError) {
        var target = try state.require(model, for: summary)
        if target.indexes.contains(where: { $0.name == index.name }) {
            throw MigrationError(.invalidOperation, "\(summary): \(model) already has an index named '\(index.name)'")
        }
        for column in index.columns where target.field(column: column) == nil {
            throw MigrationError(.invalidOperation, "\(summary): \(model) has no column '\(column)'")
        }
        target.indexes.append(index)
        state.replace(target)
    }

    public func forwards(_ editor: MigrationSchemaEditor, from: ProjectState, to: ProjectState) async throws {
        guard let after = to[model: model] else { return }
        try await editor.addIndex(index, table: after.table)
    }

    public func backwards(_ editor: MigrationSchemaEditor, from: ProjectState, to: ProjectState) async throws {
        try await editor.removeIndex(named: index.name)
    }

    public var summary: String { "Add index \(index.name) on \(model)" }
    public var nameFragment: String { index.name }
    public var source: SourceValue { .call("AddIndex", [.init("model", .string(model)), .init(nil, .of(index))]) }
}

/// Drops an index of a model.
///
/// ```swift
/// RemoveIndex(model: "Post", name: "blog_post_status_published_at_idx")
/// ```
public struct RemoveIndex: MigrationOperation {
    /// The model's name.
    public let model: String
    /// The index name.
    public let name: String

    /// Removes index `name` from `model`.
    public init(model: String, name: String) {
        self.model = model
        self.name = name
    }

    public func apply(to state: inout ProjectState, app: String) throws(MigrationError) {
        var target = try state.require(model, for: summary)
        guard target.indexes.contains(where: { $0.name == name }) else {
            throw MigrationError(.invalidOperation, "\(summary): \(model) has no index named '\(name)'")
        }
        target.indexes.removeAll { $0.name == name }
        state.replace(target)
    }

    public func forwards(_ editor: MigrationSchemaEditor, from: ProjectState, to: ProjectState) async throws {
        try await editor.removeIndex(named: name)
    }

    public func backwards(_ editor: MigrationSchemaEditor, from: ProjectState, to: ProjectState) async throws {
        guard let after = to[model: model], let index = after.indexes.first(where: { $0.name == name }) else { return }
        try await editor.addIndex(index, table: after.table)
    }

    public var summary: String { "Remove index \(name) from \(model)" }
    public var nameFragment: String { "remove_\(name)" }
    public var source: SourceValue { .call("RemoveIndex", [.init("model", .string(model)), .init("name", .string(name))]) }
}

/// Renames an index (SQLite, which cannot, recreates it).
///
/// ```swift
/// RenameIndex(model: "Post", from: "entry_status_idx", to: "post_status_idx")
/// ```
public struct RenameIndex: MigrationOperation {
    /// The model's name.
    public let model: String
    /// The old index name.
    public let oldName: String
    /// The new index name.
    public let newName: String

    /// Renames index `from` of `model` to `to`.
    public init(model: String, from oldName: String, to newName: String) {
        self.model = model
        self.oldName = oldName
        self.newName = newName
    }

    public func apply(to state: inout ProjectState, app: String) throws(MigrationError) {
        var target = try state.require(model, for: summary)
        guard let position = target.indexes.firstIndex(where: { $0.name == oldName }) else {
            throw MigrationError(.invalidOperation, "\(summary): \(model) has no index named '\(oldName)'")
        }
        target.indexes[position].name = newName
        state.replace(target)
    }

    public func forwards(_ editor: MigrationSchemaEditor, from: ProjectState, to: ProjectState) async throws {
        guard let after = to[model: model], let index = after.indexes.first(where: { $0.name == newName }) else { return }
        try await editor.renameIndex(from: oldName, to: newName, recreate: index, table: after.table)
    }

    public func backwards(_ editor: MigrationSchemaEditor, from: ProjectState, to: ProjectState) async throws {
        guard let before = to[model: model], let index = before.indexes.first(where: { $0.name == oldName }) else { return }
        try await editor.renameIndex(from: newName, to: oldName, recreate: index, table: before.table)
    }

    public var summary: String { "Rename index \(oldName) of \(model) to \(newName)" }
    public var nameFragment: String { "rename_\(oldName)_\(newName)" }

    public var source: SourceValue {
        .call("RenameIndex", [.init("model", .string(model)), .init("from", .string(oldName)), .init("to", .string(newName))])
    }
}

/// Adds a table constraint (unique together, or a check).
///
/// ```swift
/// AddConstraint(model: "Post", .check("post_views_non_negative", .comparison(.column(.root, "views"), .greaterOrEqual, .value(.int(0)))))
/// ```
public struct AddConstraint: MigrationOperation {
    /// The model's name.
    public let model: String
    /// The constraint.
    public let constraint: ConstraintSpec

    /// Adds `constraint` to `model`.
    public init(model: String, _ constraint: ConstraintSpec) {
        self.model = model
        self.constraint = constraint
    }

    public func apply(to state: inout ProjectState, app: String) throws(MigrationError) {
        var target = try state.require(model, for: summary)
        if target.constraints.contains(where: { $0.name == constraint.name }) {
            throw MigrationError(.invalidOperation, "\(summary): \(model) already has a constraint named '\(constraint.name)'")
        }
        target.constraints.append(constraint)
        for column in target.columnsInTableObjects where target.field(column: column) == nil {
            throw MigrationError(.invalidOperation, "\(summary): \(model) has no column '\(column)'")
        }
        state.replace(target)
    }

    public func forwards(_ editor: MigrationSchemaEditor, from: ProjectState, to: ProjectState) async throws {
        guard let before = from[model: model], let after = to[model: model] else { return }
        try await editor.addConstraint(constraint, before: before, after: after, in: to)
    }

    public func backwards(_ editor: MigrationSchemaEditor, from: ProjectState, to: ProjectState) async throws {
        guard let before = from[model: model], let after = to[model: model] else { return }
        try await editor.removeConstraint(constraint, before: before, after: after, in: to)
    }

    public var summary: String { "Add constraint \(constraint.name) to \(model)" }
    public var nameFragment: String { constraint.name }
    public var source: SourceValue { .call("AddConstraint", [.init("model", .string(model)), .init(nil, .of(constraint))]) }
}

/// Drops a table constraint.
///
/// ```swift
/// RemoveConstraint(model: "Post", name: "post_views_non_negative")
/// ```
public struct RemoveConstraint: MigrationOperation {
    /// The model's name.
    public let model: String
    /// The constraint name.
    public let name: String

    /// Removes constraint `name` from `model`.
    public init(model: String, name: String) {
        self.model = model
        self.name = name
    }

    public func apply(to state: inout ProjectState, app: String) throws(MigrationError) {
        var target = try state.require(model, for: summary)
        guard target.constraints.contains(where: { $0.name == name }) else {
            throw MigrationError(.invalidOperation, "\(summary): \(model) has no constraint named '\(name)'")
        }
        target.constraints.removeAll { $0.name == name }
        state.replace(target)
    }

    public func forwards(_ editor: MigrationSchemaEditor, from: ProjectState, to: ProjectState) async throws {
        guard let before = from[model: model], let after = to[model: model],
            let constraint = before.constraints.first(where: { $0.name == name })
        else { return }
        try await editor.removeConstraint(constraint, before: before, after: after, in: to)
    }

    public func backwards(_ editor: MigrationSchemaEditor, from: ProjectState, to: ProjectState) async throws {
        guard let before = from[model: model], let after = to[model: model],
            let constraint = after.constraints.first(where: { $0.name == name })
        else { return }
        try await editor.addConstraint(constraint, before: before, after: after, in: to)
    }

    public var summary: String { "Remove constraint \(name) from \(model)" }
    public var nameFragment: String { "remove_\(name)" }
    public var source: SourceValue { .call("RemoveConstraint", [.init("model", .string(model)), .init("name", .string(name))]) }
}
