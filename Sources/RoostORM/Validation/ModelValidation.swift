public import RoostDatabase

/// Field-by-field validation errors, as forms and the admin show them: Django's
/// `ValidationError` with its `message_dict`.
public struct ValidationError: Error, Sendable, CustomStringConvertible {
    /// Messages per field name.
    public var fieldErrors: [String: [String]]
    /// Messages about the model as a whole.
    public var nonFieldErrors: [String]

    /// Creates an error.
    public init(fieldErrors: [String: [String]] = [:], nonFieldErrors: [String] = []) {
        self.fieldErrors = fieldErrors
        self.nonFieldErrors = nonFieldErrors
    }

    /// Whether there is nothing to report.
    public var isEmpty: Bool { fieldErrors.isEmpty && nonFieldErrors.isEmpty }

    public var description: String {
        let fields = fieldErrors.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value.joined(separator: " "))" }
        return (fields + nonFieldErrors).joined(separator: "; ")
    }
}

extension Model {
    /// Checks every field against its rules — required values, maximum length, choices,
    /// validators — then the model's own ``validate()``: Django's `full_clean()` without
    /// the database. Forms and the admin call it before saving.
    /// - Throws: ``ValidationError`` with every problem found.
    public func fullClean() throws(ValidationError) {
        var errors = ValidationError()
        let values = databaseValues()
        for (index, field) in Self.schema.fields.enumerated() where field.type != .autoIncrement {
            let value = values[index]
            if !field.blank, case .string(let text) = value, text.trimmingCharacters(in: " ").isEmpty {
                errors.fieldErrors[field.name, default: []].append("This field cannot be blank.")
                continue
            }
            for validator in field.validators {
                if let message = validator.validate(value) { errors.fieldErrors[field.name, default: []].append(message) }
            }
        }
        do {
            try validate()
        } catch {
            for (field, messages) in error.fieldErrors { errors.fieldErrors[field, default: []] += messages }
            errors.nonFieldErrors += error.nonFieldErrors
        }
        if !errors.isEmpty { throw errors }
    }

    /// Checks that no other row already holds this model's unique values (Django's
    /// `validate_unique`).
    /// - Throws: ``ValidationError`` naming each clashing field.
    public func validateUnique(on database: any DatabaseExecutor) async throws {
        var errors = ValidationError()
        let values = databaseValues()
        for (index, field) in Self.schema.fields.enumerated() where field.unique && !field.primaryKey && !values[index].isNull {
            var predicate = Predicate.comparison(.column(.root, field.column), .equal, .value(values[index]))
            if isSaved {
                predicate = predicate && .comparison(.column(.root, Self.schema.primaryKey.column), .notEqual, .value(primaryKeyValue))
            }
            if try await Self.objects.filter(predicate).exists(on: database) {
                errors.fieldErrors[field.name, default: []].append("\(Self.schema.verboseName.capitalizedFirst) with this \(field.verboseName) already exists.")
            }
        }
        if !errors.isEmpty { throw errors }
    }
}

extension Model {
    /// Model-wide checks beyond single fields; throw a ``ValidationError``. Nothing by default.
    public func validate() throws(ValidationError) {}
}

extension String {
    fileprivate func trimmingCharacters(in character: Character) -> Substring {
        var text = Substring(self)
        while text.first?.isWhitespace == true { text.removeFirst() }
        while text.last?.isWhitespace == true { text.removeLast() }
        return text
    }

    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
