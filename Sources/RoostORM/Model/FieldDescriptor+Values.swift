/// Descriptors built from plain values rather than from a model type. Migrations use these
/// to rebuild the schema a model had at some point of its history (Django's historical
/// models), so the schema editor can create and alter tables from it.
extension FieldDescriptor {
    /// A field from its database-facing parts; form and admin options take their defaults.
    package init(
        name: String,
        column: String,
        type: FieldType,
        nullable: Bool,
        primaryKey: Bool,
        unique: Bool,
        indexed: Bool,
        reference: ReferenceDescriptor?
    ) {
        self.init(
            name: name,
            column: column,
            type: type,
            nullable: nullable,
            primaryKey: primaryKey,
            unique: unique || primaryKey,
            indexed: indexed,
            defaultValue: nil,
            verboseName: FieldDescriptor.words(name),
            helpText: nil,
            choices: [],
            editable: true,
            blank: nullable,
            validators: [],
            reference: reference
        )
    }
}

extension ReferenceDescriptor {
    /// A reference to a target resolved lazily by `target`.
    package init(targetName: String, target: @escaping @Sendable () -> ModelSchema, onDelete: OnDelete, oneToOne: Bool) {
        self.init(targetName: targetName, target: target, onDelete: onDelete, relatedName: nil, oneToOne: oneToOne)
    }
}

extension ManyToManyDescriptor {
    /// An automatic join table between a model and `target`.
    package init(
        name: String,
        targetName: String,
        target: @escaping @Sendable () -> ModelSchema,
        table: String,
        sourceColumn: String,
        targetColumn: String
    ) {
        self.init(
            name: name,
            targetName: targetName,
            target: target,
            table: table,
            sourceColumn: sourceColumn,
            targetColumn: targetColumn,
            through: nil,
            relatedName: nil,
            verboseName: FieldDescriptor.words(name)
        )
    }
}
