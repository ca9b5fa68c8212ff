public import RoostDatabase

/// Adds a column. Existing rows get `default` — required for a non-nullable field, which
/// `makemigrations` asks for when the model gives none.
///
/// ```swift
/// AddField(model: "Post", FieldSpec("slug", .string(maxLength: 50)), default: .string(""))
/// ```
public struct AddField: MigrationOperation {
    /// The model's name.
    public let model: String
    /// The new field.
    public let field: FieldSpec
    /// The value existing rows get.
    public let defaultValue: DatabaseValue?

    /// Adds `field` to `model`.
    public init(model: String, _ field: FieldSpec, default defaultValue: DatabaseValue? = nil) {
        self.model = model
        self.field = field
        self.defaultValue = defaultValue
    }

    public func apply(to state: inout ProjectState, app: String) throws(MigrationError) {
        var target = try state.require(model, for: summary)
        if target.field(named: field.name) != nil || target.field(column: field.column) != nil {
            throw MigrationError(.invalidOperation, "\(summary): \(model) already has a field '\(field.name)' or a column '\(field.column)'")
        }
        if field.primaryKey {
            throw MigrationError(.unsupported, "\(summary): adding a primary key to an existing model is not supported")
        }
        try state.checkReference(of: field, in: model, for: summary)
        target.fields.append(field)
        state.replace(target)
    }

    public func forwards(_ editor: MigrationSchemaEditor, from: ProjectState, to: ProjectState) async throws {
        guard let before = from[model: model], let after = to[model: model] else { return }
        try await editor.addField(field, before: before, after: after, in: to, default: defaultValue)
    }

    public func backwards(_ editor: MigrationSchemaEditor, from: ProjectState, to: ProjectState) async throws {
        guard let before = from[model: model], let after = to[model: model] else { return }
        try await editor.removeField(field, before: before, after: after, in: to)
    }

    public var summary: String { "Add field \(field.name) to \(model)" }
    public var nameFragment: String { "add_\(SnakeCase.convert(model))_\(SnakeCase.convert(field.name))" }

    public var source: SourceValue {
        var arguments = SourceArguments()
        arguments.add("model", .string(model))
        arguments.add(nil, .of(field))
        if let defaultValue { arguments.add("default", .of(defaultValue)) }
        return .call("AddField", arguments.items)
    }
}

/// Drops a column and its data. Unapplying it restores the column, not the data:
/// non-nullable columns come back filled with `reverseDefault`.
///
/// ```swift
/// RemoveField(model: "Post", name: "legacyCode")
/// ```
public struct RemoveField: MigrationOperation {
    /// The model's name.
    public let model: String
    /// The field's name.
    public let name: String
    /// What restored rows hold when the migration is unapplied; a zero value of the
    /// column's type when `nil`.
    public let reverseDefault: DatabaseValue?

    /// Removes field `name` from `model`.
    public init(model: String, name: String, reverseDefault: DatabaseValue? = nil) {
        self.model = model
        self.name = name
        self.reverseDefault = reverseDefault
    }

    public func apply(to state: inout ProjectState, app: String) throws(MigrationError) {
        var target = try state.require(model, for: summary)
        let field = try state.requireField(name, of: target, for: summary)
        if field.primaryKey {
            throw MigrationError(.unsupported, "\(summary): a model's primary key cannot be removed")
        }
        if target.columnsInTableObjects.contains(field.column) {
            throw MigrationError(.invalidOperation, "\(summary): an index or constraint of \(model) uses its column; remove it first")
        }
        target.fields.removeAll { $0.name == name }
        state.replace(target)
    }

    public func forwards(_ editor: MigrationSchemaEditor, from: ProjectState, to: ProjectState) async throws {
        guard let before = from[model: model], let after = to[model: model], let field = before.field(named: name) else { return }
        try await editor.removeField(field, before: before, after: after, in: to)
    }

    public func backwards(_ editor: MigrationSchemaEditor, from: ProjectState, to: ProjectState) async throws {
        guard let before = from[model: model], let after = to[model: model], let field = after.field(named: name) else { return }
        let value = field.requiresValue ? reverseDefault ?? TypeChange.placeholder(for: field.type) : nil
        try await editor.addField(field, before: before, after: after, in: to, default: value)
    }

    public var summary: String { "Remove field \(name) from \(model)" }
    public var nameFragment: String { "remove_\(SnakeCase.convert(model))_\(SnakeCase.convert(name))" }

    public var source: SourceValue {
        var arguments = SourceArguments()
        arguments.add("model", .string(model))
        arguments.add("name", .string(name))
        if let reverseDefault { arguments.add("reverseDefault", .of(reverseDefault)) }
        return .call("RemoveField", arguments.items)
    }
}

/// Changes a field's column: type, nullability, uniqueness, index, reference or column name.
/// A change of type that can lose values must say `lossy: true` (``TypeChange``); rows
/// holding `NULL` get `default` when the field becomes non-nullable.
///
/// ```swift
/// AlterField(model: "Post", FieldSpec("title", .string(maxLength: 300)))
/// AlterField(model: "Post", FieldSpec("summary", .string(maxLength: 80)), lossy: true)
/// ```
public struct AlterField: MigrationOperation {
    /// The model's name.
    public let model: String
    /// The field as it becomes (found by name).
    public let field: FieldSpec
    /// The value for rows holding `NULL` when the field stops being nullable.
    public let defaultValue: DatabaseValue?
    /// Whether a type change that can lose data was reviewed and allowed.
    public let lossy: Bool

    /// Changes `field` (found by its name) in `model`.
    public init(model: String, _ field: FieldSpec, default defaultValue: DatabaseValue? = nil, lossy: Bool = false) {
        self.model = model
        self.field = field
        self.defaultValue = defaultValue
        self.lossy = lossy
    }

    public func apply(to state: inout ProjectState, app: String) throws(MigrationError) {
        var target = try state.require(model, for: summary)
        let old = try state.requireField(field.name, of: target, for: summary)
        if TypeChange.isLossy(from: old.type, to: field.type), !lossy {
            throw MigrationError(
                .lossyChange,
                "\(summary): changing \(model).\(field.name) from \(old.type) to \(field.type) can lose data; review it and pass `lossy: true`"
            )
        }
        try state.checkReference(of: field, in: model, for: summary)
        guard let index = target.fields.firstIndex(where: { $0.name == field.name }) else { return }
        target.fields[index] = field
        target.renameColumn(old.column, to: field.column)
        state.replace(target)
    }

    public func forwards(_ editor: MigrationSchemaEditor, from: ProjectState, to: ProjectState) async throws {
        guard let before = from[model: model], let after = to[model: model], let old = before.field(named: field.name) else { return }
        try await editor.alterField(from: old, to: field, before: before, after: after, in: to, default: defaultValue)
    }

    public func backwards(_ editor: MigrationSchemaEditor, from: ProjectState, to: ProjectState) async throws {
        guard let before = from[model: model], let after = to[model: model], let old = after.field(named: field.name) else { return }
        let value = old.requiresValue && field.nullable ? TypeChange.placeholder(for: old.type) : nil
        try await editor.alterField(from: field, to: old, before: before, after: after, in: to, default: value)
    }

    public var summary: String { "Alter field \(field.name) of \(model)" }
    public var nameFragment: String { "alter_\(SnakeCase.convert(model))_\(SnakeCase.convert(field.name))" }

    public var source: SourceValue {
        var arguments = SourceArguments()
        arguments.add("model", .string(model))
        arguments.add(nil, .of(field))
        if let defaultValue { arguments.add("default", .of(defaultValue)) }
        arguments.add("lossy", lossy, unless: false)
        return .call("AlterField", arguments.items)
    }
}

/// Renames a field, and its column when the column was named after the field.
///
/// ```swift
/// RenameField(model: "Post", from: "body", to: "content")      // column body → content
/// ```
public struct RenameField: MigrationOperation {
    /// The model's name.
    public let model: String
    /// The old field name.
    public let oldName: String
    /// The new field name.
    public let newName: String
    /// The new column name; derived when `nil`.
    public let column: String?

    /// Renames field `from` of `model` to `to`.
    public init(model: String, from oldName: String, to newName: String, column: String? = nil) {
        self.model = model
        self.oldName = oldName
        self.newName = newName
        self.column = column
    }

    public func apply(to state: inout ProjectState, app: String) throws(MigrationError) {
        var target = try state.require(model, for: summary)
        let old = try state.requireField(oldName, of: target, for: summary)
        let isReference = old.reference != nil
        let derived = old.column == FieldSpec.defaultColumn(for: oldName, reference: isReference)
        let newColumn = column ?? (derived ? FieldSpec.defaultColumn(for: newName, reference: isReference) : old.column)
        if target.field(named: newName) != nil || (newColumn != old.column && target.field(column: newColumn) != nil) {
            throw MigrationError(.invalidOperation, "\(summary): \(model) already has a field '\(newName)' or a column '\(newColumn)'")
        }
        guard let index = target.fields.firstIndex(where: { $0.name == oldName }) else { return }
        target.fields[index] = old.renamed(to: newName, column: newColumn)
        target.renameColumn(old.column, to: newColumn)
        state.replace(target)
    }

    public func forwards(_ editor: MigrationSchemaEditor, from: ProjectState, to: ProjectState) async throws {
        guard let before = from[model: model], let after = to[model: model],
            let old = before.field(named: oldName), let new = after.field(named: newName)
        else { return }
        try await editor.renameField(from: old, to: new, before: before, after: after)
    }

    public func backwards(_ editor: MigrationSchemaEditor, from: ProjectState, to: ProjectState) async throws {
        guard let before = from[model: model], let after = to[model: model],
            let new = before.field(named: newName), let old = after.field(named: oldName)
        else { return }
        try await editor.renameField(from: new, to: old, before: before, after: after)
    }

    public var summary: String { "Rename field \(oldName) of \(model) to \(newName)" }
    public var nameFragment: String { "rename_\(SnakeCase.convert(oldName))_\(SnakeCase.convert(newName))" }

    public var source: SourceValue {
        var arguments = SourceArguments()
        arguments.add("model", .string(model))
        arguments.add("from", .string(oldName))
        arguments.add("to", .string(newName))
        arguments.add("column", column, unless: nil)
        return .call("RenameField", arguments.items)
    }
}
