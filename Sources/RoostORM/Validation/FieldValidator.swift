public import RoostDatabase

/// A check on a field's value run by ``Model/fullClean()``; returns a message when the value
/// is not acceptable. Django's validators.
///
/// ```swift
/// @Field(validators: [.range(0...5), .custom("must be even") { ($0 as? Int ?? 0) % 2 == 0 }])
/// var rating: Int
/// ```
public struct FieldValidator: Sendable {
    /// A stable code for the failure (`max_length`, `range`), for forms and APIs.
    public let code: String
    let check: @Sendable (DatabaseValue) -> String?

    /// A validator from a closure returning an error message, or `nil` when valid.
    public init(code: String, _ check: @escaping @Sendable (DatabaseValue) -> String?) {
        self.code = code
        self.check = check
    }

    /// Text at most `length` characters long.
    public static func maxLength(_ length: Int) -> FieldValidator {
        FieldValidator(code: "max_length") { value in
            guard case .string(let text) = value, text.count > length else { return nil }
            return "Ensure this value has at most \(length) characters (it has \(text.count))."
        }
    }

    /// Text at least `length` characters long.
    public static func minLength(_ length: Int) -> FieldValidator {
        FieldValidator(code: "min_length") { value in
            guard case .string(let text) = value, text.count < length else { return nil }
            return "Ensure this value has at least \(length) characters (it has \(text.count))."
        }
    }

    /// A number within bounds.
    public static func range(_ bounds: ClosedRange<Double>) -> FieldValidator {
        FieldValidator(code: "range") { value in
            let number: Double
            switch value {
            case .int(let int): number = Double(int)
            case .double(let double): number = double
            default: return nil
            }
            return bounds.contains(number) ? nil : "Ensure this value is between \(bounds.lowerBound) and \(bounds.upperBound)."
        }
    }

    /// One of the given values.
    public static func choices(_ allowed: [DatabaseValue]) -> FieldValidator {
        FieldValidator(code: "invalid_choice") { value in
            value.isNull || allowed.contains(value) ? nil : "Value \(value) is not a valid choice."
        }
    }

    /// Any rule, as a predicate on the stored value.
    public static func custom(_ message: String, code: String = "invalid", _ isValid: @escaping @Sendable (DatabaseValue) -> Bool) -> FieldValidator {
        FieldValidator(code: code) { isValid($0) ? nil : message }
    }

    /// The error message for `value`, or `nil` when it is valid.
    public func validate(_ value: DatabaseValue) -> String? {
        check(value)
    }
}
