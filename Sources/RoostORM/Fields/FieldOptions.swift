/// What `@Field(…)` says about a field. The macro passes the attribute's arguments here, so
/// the labels match ``Field(column:maxLength:unique:index:decimalDigits:decimalPlaces:editable:blank:verboseName:helpText:validators:)``.
public struct FieldOptions: Sendable {
    public var maxLength: Int?
    public var unique: Bool
    public var index: Bool
    public var decimalDigits: Int?
    public var decimalPlaces: Int?
    public var editable: Bool
    public var blank: Bool
    public var verboseName: String?
    public var helpText: String?
    public var validators: [FieldValidator]

    /// Creates options; the macro calls this with the attribute's arguments.
    public init(
        maxLength: Int? = nil,
        unique: Bool = false,
        index: Bool = false,
        decimalDigits: Int? = nil,
        decimalPlaces: Int? = nil,
        editable: Bool = true,
        blank: Bool = false,
        verboseName: String? = nil,
        helpText: String? = nil,
        validators: [FieldValidator] = []
    ) {
        self.maxLength = maxLength
        self.unique = unique
        self.index = index
        self.decimalDigits = decimalDigits
        self.decimalPlaces = decimalPlaces
        self.editable = editable
        self.blank = blank
        self.verboseName = verboseName
        self.helpText = helpText
        self.validators = validators
    }
}

/// What deleting a referenced row does to the rows that reference it (Django's `on_delete`).
public enum OnDelete: String, Sendable, Hashable {
    /// Delete them too.
    case cascade
    /// Refuse the delete while they exist, with a `ProtectedError` naming them (checked by Roost).
    case protect
    /// Refuse the delete at the database level.
    case restrict
    /// Set their reference to NULL (the reference must be optional).
    case setNull
    /// Set their reference to the field's default.
    case setDefault
    /// Leave them (the database must not enforce the key; rarely right).
    case doNothing
}

/// What `@ForeignKey(…)` / `@OneToOne(…)` say about a reference.
public struct ReferenceOptions: Sendable {
    public var onDelete: OnDelete
    public var relatedName: String?
    public var index: Bool
    public var verboseName: String?
    public var helpText: String?

    /// Creates options; the macro calls this with the attribute's arguments.
    public init(
        onDelete: OnDelete,
        relatedName: String? = nil,
        index: Bool = true,
        verboseName: String? = nil,
        helpText: String? = nil
    ) {
        self.onDelete = onDelete
        self.relatedName = relatedName
        self.index = index
        self.verboseName = verboseName
        self.helpText = helpText
    }
}

/// What `@ManyToMany(…)` says about a relation.
public struct ManyToManyOptions: Sendable {
    public var through: (any Model.Type)?
    public var table: String?
    public var relatedName: String?
    public var verboseName: String?

    /// Creates options; the macro calls this with the attribute's arguments.
    public init(
        through: (any Model.Type)? = nil,
        table: String? = nil,
        relatedName: String? = nil,
        verboseName: String? = nil
    ) {
        self.through = through
        self.table = table
        self.relatedName = relatedName
        self.verboseName = verboseName
    }
}

/// What `@Model(…)` says about a model besides its table.
public struct ModelOptions: Sendable {
    public var verboseName: String?
    public var verboseNamePlural: String?
    public var database: String?

    /// Creates options; the macro calls this with the attribute's arguments.
    public init(verboseName: String? = nil, verboseNamePlural: String? = nil, database: String? = nil) {
        self.verboseName = verboseName
        self.verboseNamePlural = verboseNamePlural
        self.database = database
    }
}
