public import RoostDatabase

/// One field of a model, as a value: what migrations, forms and the admin read.
public struct FieldDescriptor: Sendable {
    /// The Swift property name.
    public let name: String
    /// The column name.
    public let column: String
    /// The column kind (for a reference: the kind of the target's primary key).
    public let type: FieldType
    /// Whether NULL is allowed (the property is optional).
    public let nullable: Bool
    /// Whether this is the primary key.
    public let primaryKey: Bool
    /// A unique constraint on the column.
    public let unique: Bool
    /// An index on the column.
    public let indexed: Bool
    /// The default for new rows and for adding the column to existing rows, if any.
    public let defaultValue: (@Sendable () -> DatabaseValue)?
    /// The human name.
    public let verboseName: String
    /// An explanation for forms and the admin.
    public let helpText: String?
    /// Allowed values with labels (enums).
    public let choices: [FieldChoice]
    /// Whether forms and the admin may edit it.
    public let editable: Bool
    /// Whether forms may leave it empty.
    public let blank: Bool
    /// Extra validation.
    public let validators: [FieldValidator]
    /// For references: the target and the on-delete rule.
    public let reference: ReferenceDescriptor?

    /// A plain field; generated code calls this.
    public static func field<Value: ModelFieldValue>(
        _ name: String,
        column: String,
        type: Value.Type,
        default defaultValue: (@Sendable () -> Value)?,
        options: FieldOptions
    ) -> FieldDescriptor {
        var fieldType = Value.fieldType
        let isPrimaryKey = name == "id"
        if isPrimaryKey && Value.isOptional && (fieldType == .bigInteger || fieldType == .integer) {
            fieldType = .autoIncrement
        } else if case .text = fieldType, let maxLength = options.maxLength {
            fieldType = .string(maxLength: maxLength)
        } else if case .decimal = fieldType {
            fieldType = .decimal(digits: options.decimalDigits ?? 19, places: options.decimalPlaces ?? 4)
        }
        var validators = options.validators
        if let maxLength = options.maxLength { validators.insert(.maxLength(maxLength), at: 0) }
        if !Value.choices.isEmpty { validators.insert(.choices(Value.choices.map(\.value)), at: 0) }
        return FieldDescriptor(
            name: name,
            column: column,
            type: fieldType,
            nullable: Value.isOptional && !isPrimaryKey,
            primaryKey: isPrimaryKey,
            unique: options.unique || isPrimaryKey,
            indexed: options.index,
            defaultValue: defaultValue.map { make in { @Sendable () -> DatabaseValue in make().databaseValue } },
            verboseName: options.verboseName ?? FieldDescriptor.words(name),
            helpText: options.helpText,
            choices: Value.choices,
            editable: options.editable && !(isPrimaryKey && fieldType == .autoIncrement),
            blank: options.blank || Value.isOptional,
            validators: validators,
            reference: nil
        )
    }

    /// A reference (foreign key or one-to-one); generated code calls this.
    public static func reference<Target: Model>(
        _ name: String,
        column: String,
        to target: Target.Type,
        optional: Bool,
        oneToOne: Bool,
        options: ReferenceOptions
    ) -> FieldDescriptor {
        let keyType = Target.ID.fieldType
        return FieldDescriptor(
            name: name,
            column: column,
            type: keyType == .autoIncrement ? .bigInteger : keyType,
            nullable: optional,
            primaryKey: false,
            unique: oneToOne,
            indexed: options.index && !oneToOne,
            defaultValue: nil,
            verboseName: options.verboseName ?? FieldDescriptor.words(name),
            helpText: options.helpText,
            choices: [],
            editable: true,
            blank: optional,
            validators: [],
            reference: ReferenceDescriptor(
                targetName: String(describing: Target.self),
                target: { Target.schema },
                onDelete: options.onDelete,
                relatedName: options.relatedName,
                oneToOne: oneToOne
            )
        )
    }

    /// `publishedAt` → `published at`.
    static func words(_ name: String) -> String {
        var result = ""
        for character in name {
            if character.isUppercase, !result.isEmpty { result.append(" ") }
            result.append(contentsOf: character == "_" ? " " : character.lowercased())
        }
        return result
    }
}

/// The target and rules of a reference field.
public struct ReferenceDescriptor: Sendable {
    /// The target model's type name.
    public let targetName: String
    /// The target's schema, read lazily so models can reference each other.
    public let target: @Sendable () -> ModelSchema
    /// What deleting the target does.
    public let onDelete: OnDelete
    /// The reverse relation's name.
    public let relatedName: String?
    /// Whether at most one row may reference each target.
    public let oneToOne: Bool
}

/// A many-to-many relation of a model: a join table, automatic or an explicit model.
public struct ManyToManyDescriptor: Sendable {
    /// The field name.
    public let name: String
    /// The target model's type name.
    public let targetName: String
    /// The target's schema.
    public let target: @Sendable () -> ModelSchema
    /// The join table.
    public let table: String
    /// The join table's column referencing this model.
    public let sourceColumn: String
    /// The join table's column referencing the target.
    public let targetColumn: String
    /// The explicit `through` model, if any.
    public let through: (@Sendable () -> ModelSchema)?
    /// The reverse relation's name.
    public let relatedName: String?
    /// The human name.
    public let verboseName: String

    /// A many-to-many relation; generated code calls this.
    public static func make<Source: Model, Target: Model>(
        _ name: String, from source: Source.Type, to target: Target.Type, options: ManyToManyOptions
    ) -> ManyToManyDescriptor {
        let sourceName = snakeCase(String(describing: Source.self))
        let targetName = snakeCase(String(describing: Target.self))
        var throughSchema: (@Sendable () -> ModelSchema)?
        var table = options.table ?? "\(sourceName)_\(snakeCase(name))"
        var sourceColumn = sourceName == targetName ? "from_\(sourceName)_id" : "\(sourceName)_id"
        var targetColumn = sourceName == targetName ? "to_\(targetName)_id" : "\(targetName)_id"
        if let through = options.through {
            // An explicit join model: its table, and its references to each side.
            let schema = through.schema
            throughSchema = { through.schema }
            table = schema.table
            let references = schema.fields.filter { $0.reference != nil }
            if let source = references.first(where: { $0.reference?.targetName == String(describing: Source.self) }) {
                sourceColumn = source.column
            }
            if let target = references.last(where: { $0.reference?.targetName == String(describing: Target.self) }) {
                targetColumn = target.column
            }
        }
        return ManyToManyDescriptor(
            name: name,
            targetName: String(describing: Target.self),
            target: { Target.schema },
            table: table,
            sourceColumn: sourceColumn,
            targetColumn: targetColumn,
            through: throughSchema,
            relatedName: options.relatedName,
            verboseName: options.verboseName ?? FieldDescriptor.words(name)
        )
    }

    static func snakeCase(_ name: String) -> String {
        var result = ""
        for (index, character) in name.enumerated() {
            if character.isUppercase, index > 0 { result.append("_") }
            result.append(contentsOf: character.lowercased())
        }
        return result
    }
}
