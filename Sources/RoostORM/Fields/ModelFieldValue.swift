#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif
public import RoostDatabase

/// A Swift type a model field can have. Roost knows the common ones; conform your own
/// enums to ``DatabaseEnum`` instead.
public protocol ModelFieldValue: DatabaseValueConvertible {
    /// The column kind for this type, before options (`maxLength`, `json`) refine it.
    static var fieldType: FieldType { get }
    /// Whether `nil` is a value (true only for `Optional`).
    static var isOptional: Bool { get }
    /// The allowed values and their labels, for enums.
    static var choices: [FieldChoice] { get }
}

extension ModelFieldValue {
    public static var isOptional: Bool { false }
    public static var choices: [FieldChoice] { [] }
}

/// One allowed value of a field with choices, and its human label.
public struct FieldChoice: Sendable, Hashable {
    /// The stored value.
    public let value: DatabaseValue
    /// What forms and the admin show.
    public let label: String

    /// Creates a choice.
    public init(value: DatabaseValue, label: String) {
        self.value = value
        self.label = label
    }
}

/// An enum stored by its raw value, with its cases as the field's choices.
///
/// ```swift
/// enum Status: String, DatabaseEnum { case draft, published }
/// @Model struct Post { var id: Int64?; var status: Status = .draft }
/// ```
public protocol DatabaseEnum: ModelFieldValue, RawRepresentable, CaseIterable, Codable
where RawValue: ModelFieldValue & Codable {
    /// The label of a case; its raw value in words by default.
    var label: String { get }
}

extension DatabaseEnum {
    public var label: String { "\(rawValue)" }
    public static var fieldType: FieldType { RawValue.fieldType == .text ? .string(maxLength: maxRawLength) : RawValue.fieldType }
    public static var choices: [FieldChoice] {
        allCases.map { FieldChoice(value: $0.rawValue.databaseValue, label: $0.label) }
    }

    private static var maxRawLength: Int {
        max(1, allCases.map { "\($0.rawValue)".count }.max() ?? 1)
    }
}

extension Optional: ModelFieldValue where Wrapped: ModelFieldValue {
    public static var fieldType: FieldType { Wrapped.fieldType }
    public static var isOptional: Bool { true }
    public static var choices: [FieldChoice] { Wrapped.choices }
}

extension Int: ModelFieldValue { public static var fieldType: FieldType { .bigInteger } }
extension Int64: ModelFieldValue { public static var fieldType: FieldType { .bigInteger } }
extension Int32: ModelFieldValue { public static var fieldType: FieldType { .integer } }
extension Int16: ModelFieldValue { public static var fieldType: FieldType { .smallInteger } }
extension Double: ModelFieldValue { public static var fieldType: FieldType { .double } }
extension Bool: ModelFieldValue { public static var fieldType: FieldType { .boolean } }
extension String: ModelFieldValue { public static var fieldType: FieldType { .text } }
extension Date: ModelFieldValue { public static var fieldType: FieldType { .dateTime } }
extension CalendarDate: ModelFieldValue { public static var fieldType: FieldType { .date } }
extension UUID: ModelFieldValue { public static var fieldType: FieldType { .uuid } }
extension Decimal: ModelFieldValue { public static var fieldType: FieldType { .decimal(digits: 19, places: 4) } }
extension Data: ModelFieldValue { public static var fieldType: FieldType { .bytes } }
