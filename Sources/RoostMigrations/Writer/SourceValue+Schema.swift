#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import RoostORM

/// How schema values print in migration files.
extension SourceValue {
    static func of(_ type: FieldType) -> SourceValue {
        switch type {
        case .smallInteger: .member("smallInteger")
        case .integer: .member("integer")
        case .bigInteger: .member("bigInteger")
        case .autoIncrement: .member("autoIncrement")
        case .double: .member("double")
        case .decimal(let digits, let places):
            .call(".decimal", [.init("digits", .int(Int64(digits))), .init("places", .int(Int64(places)))])
        case .boolean: .member("boolean")
        case .string(let maxLength): .call(".string", [.init("maxLength", .int(Int64(maxLength)))])
        case .text: .member("text")
        case .dateTime: .member("dateTime")
        case .date: .member("date")
        case .uuid: .member("uuid")
        case .bytes: .member("bytes")
        case .json: .member("json")
        }
    }

    static func of(_ rule: OnDelete) -> SourceValue {
        .member(rule.rawValue)
    }

    static func of(_ field: FieldSpec) -> SourceValue {
        var arguments = SourceArguments()
        arguments.add(nil, .string(field.name))
        arguments.add(nil, .of(field.type))
        arguments.add("column", field.column, unless: FieldSpec.defaultColumn(for: field.name, reference: field.reference != nil))
        arguments.add("nullable", field.nullable, unless: false)
        arguments.add("primaryKey", field.primaryKey, unless: field.type == .autoIncrement)
        arguments.add("unique", field.unique, unless: false)
        arguments.add("indexed", field.indexed, unless: false)
        if let reference = field.reference {
            arguments.add("references", .string(reference.model))
            arguments.add("onDelete", .of(reference.onDelete))
        }
        return .call("FieldSpec", arguments.items)
    }

    static func of(_ index: IndexSpec) -> SourceValue {
        var arguments = SourceArguments()
        arguments.add(nil, .string(index.name))
        arguments.add("columns", .array(index.columns.map { .string($0) }))
        arguments.add("unique", index.unique, unless: false)
        return .call("IndexSpec", arguments.items)
    }

    static func of(_ constraint: ConstraintSpec) -> SourceValue {
        switch constraint.kind {
        case .unique(let columns):
            .call(".unique", [.init(nil, .string(constraint.name)), .init("columns", .array(columns.map { .string($0) }))])
        case .check(let predicate):
            .call(".check", [.init(nil, .string(constraint.name)), .init(nil, .of(predicate))])
        }
    }

    static func of(_ joinTable: JoinTableSpec) -> SourceValue {
        .call("JoinTableSpec", [
            .init("field", .string(joinTable.field)),
            .init("target", .string(joinTable.target)),
            .init("table", .string(joinTable.table)),
            .init("sourceColumn", .string(joinTable.sourceColumn)),
            .init("targetColumn", .string(joinTable.targetColumn)),
        ])
    }

    /// A database value as Swift source; helpers from ``DatabaseValue`` keep dates, UUIDs and
    /// decimals free of force unwraps.
    static func of(_ value: DatabaseValue) -> SourceValue {
        switch value {
        case .null: .member("null")
        case .bool(let flag): .call(".bool", [.init(nil, .bool(flag))])
        case .int(let number): .call(".int", [.init(nil, .int(number))])
        case .double(let number): .call(".double", [.init(nil, .double(number))])
        case .string(let text): .call(".string", [.init(nil, .string(text))])
        case .bytes(let bytes): .call(".bytes", [.init(nil, .array(bytes.map { .int(Int64($0)) }))])
        case .timestamp(let date):
            .call(".timestamp", [.init("secondsSince1970", .double(date.timeIntervalSince1970))])
        case .date(let date): .call(".date", [.init("iso", .string(date.description))])
        case .uuid(let uuid): .call(".uuid", [.init("string", .string(uuid.uuidString.lowercased()))])
        case .decimal(let decimal): .call(".decimal", [.init("string", .string(decimal.description))])
        case .json(let text): .call(".json", [.init(nil, .string(text))])
        }
    }
}
