public import RoostDatabase
import RoostORM

/// Answers the questions `makemigrations` cannot answer alone: was this a rename, what do
/// existing rows get in a new non-nullable column, may this change lose data. Renames are
/// only ever taken when the questioner says so — never guessed.
///
/// ``MakeMigrationsAnswers`` answers from command-line flags and, when standard input is a
/// terminal, by asking.
public protocol MigrationQuestioner: Sendable {
    /// Whether model `old` (gone from the code) was renamed to `new` (new in the code).
    func isRename(model old: ModelState, to new: ModelState) -> Bool

    /// Whether field `old` of `model` (gone from the code) was renamed to `new`.
    func isRename(field old: FieldSpec, to new: FieldSpec, model: String) -> Bool

    /// The value existing rows get for `field` of `model`, which needs one, or `nil` to stop.
    ///
    /// - Parameters:
    ///   - field: The field.
    ///   - model: The model's name.
    ///   - becomingNonNullable: `true` when an existing nullable field becomes non-nullable
    ///     (the value replaces `NULL`s); `false` for a new field.
    /// - Throws: When the answer is not a valid value for the field.
    func defaultValue(for field: FieldSpec, model: String, becomingNonNullable: Bool) throws -> DatabaseValue?

    /// Whether a change of `model`'s field from `old` to `new` that can lose data may go ahead.
    func allowsLossyChange(from old: FieldSpec, to new: FieldSpec, model: String) -> Bool
}

/// Answers from flags (`--rename-field Post.body:content`, `--rename-model Entry:Post`,
/// `--default Post.slug=untitled`, `--allow-lossy`), and otherwise from `ask` when it is set
/// (an interactive terminal).
///
/// ```swift
/// let answers = MakeMigrationsAnswers(fieldRenames: ["Post.body:content"], defaults: ["Post.slug=untitled"])
/// ```
public struct MakeMigrationsAnswers: MigrationQuestioner {
    /// Model renames, `Old:New`.
    public var modelRenames: [String]
    /// Field renames, `Model.old:new`.
    public var fieldRenames: [String]
    /// Values for existing rows, `Model.field=value`.
    public var defaults: [String]
    /// Whether lossy changes may go ahead.
    public var allowLossy: Bool
    /// Asks a yes/no or free-text question and returns the answer; `nil` when not interactive.
    public var ask: (@Sendable (String) -> String?)?

    /// Answers from flags, and from `ask` for anything the flags leave open.
    public init(
        modelRenames: [String] = [],
        fieldRenames: [String] = [],
        defaults: [String] = [],
        allowLossy: Bool = false,
        ask: (@Sendable (String) -> String?)? = nil
    ) {
        self.modelRenames = modelRenames
        self.fieldRenames = fieldRenames
        self.defaults = defaults
        self.allowLossy = allowLossy
        self.ask = ask
    }

    public func isRename(model old: ModelState, to new: ModelState) -> Bool {
        if modelRenames.contains("\(old.name):\(new.name)") { return true }
        return confirm("Was the model \(old.name) renamed to \(new.name)? [y/N] ")
    }

    public func isRename(field old: FieldSpec, to new: FieldSpec, model: String) -> Bool {
        if fieldRenames.contains("\(model).\(old.name):\(new.name)") { return true }
        return confirm("Was \(model).\(old.name) renamed to \(model).\(new.name) (a \(new.type) field)? [y/N] ")
    }

    public func defaultValue(for field: FieldSpec, model: String, becomingNonNullable: Bool) throws -> DatabaseValue? {
        let prefix = "\(model).\(field.name)="
        if let flag = defaults.last(where: { $0.hasPrefix(prefix) }) {
            return try DefaultValueParser.parse(String(flag.dropFirst(prefix.count)), for: field)
        }
        guard let ask else { return nil }
        let reason = becomingNonNullable ? "becomes non-nullable; rows holding NULL need" : "is new and non-nullable; existing rows need"
        guard let answer = ask("\(model).\(field.name) \(reason) a value (a \(field.type); empty to stop): "),
            !answer.isEmpty
        else { return nil }
        return try DefaultValueParser.parse(answer, for: field)
    }

    public func allowsLossyChange(from old: FieldSpec, to new: FieldSpec, model: String) -> Bool {
        if allowLossy { return true }
        return confirm("Changing \(model).\(new.name) from \(old.type) to \(new.type) can lose data. Go ahead? [y/N] ")
    }

    private func confirm(_ question: String) -> Bool {
        guard let answer = ask?(question)?.lowercased() else { return false }
        return answer == "y" || answer == "yes"
    }
}

/// Turns the text of a `--default` flag or an answer into a value of the field's type.
enum DefaultValueParser {
    struct Invalid: Error, CustomStringConvertible {
        let description: String
    }

    static func parse(_ text: String, for field: FieldSpec) throws -> DatabaseValue {
        if text == "null", field.nullable { return .null }
        let invalid = Invalid(description: "'\(text)' is not a valid value for a \(field.type) field (\(field.name))")
        switch field.type {
        case .smallInteger, .integer, .bigInteger, .autoIncrement:
            guard let number = Int64(text) else { throw invalid }
            return .int(number)
        case .double:
            guard let number = Double(text), number.isFinite else { throw invalid }
            return .double(number)
        case .decimal:
            let value = DatabaseValue.decimal(string: text)
            guard case .decimal = value else { throw invalid }
            return value
        case .boolean:
            switch text.lowercased() {
            case "true", "1", "yes": return .bool(true)
            case "false", "0", "no": return .bool(false)
            default: throw invalid
            }
        case .string(let maxLength):
            guard text.count <= maxLength else { throw Invalid(description: "'\(text)' is longer than \(maxLength) characters") }
            return .string(text)
        case .text:
            return .string(text)
        case .dateTime:
            if let seconds = Double(text) { return .timestamp(secondsSince1970: seconds) }
            guard let date = TimestampText.parse(text) else { throw invalid }
            return .timestamp(date)
        case .date:
            let value = DatabaseValue.date(iso: text)
            guard case .date = value else { throw invalid }
            return value
        case .uuid:
            let value = DatabaseValue.uuid(string: text)
            guard case .uuid = value else { throw invalid }
            return value
        case .json:
            return .json(text)
        case .bytes:
            throw Invalid(description: "binary fields take no default from the command line; write the value into the migration")
        }
    }
}
