import SwiftSyntax
import SwiftSyntaxBuilder

/// Writes the members `@Model` adds. Every generated name is qualified with `RoostORM.` so
/// user types with the same names cannot capture it.
struct ModelCodeGenerator {
    let model: ModelDescription

    init(_ model: ModelDescription) {
        self.model = model
    }

    func members() -> [DeclSyntax] {
        [schema(), typeAliases(), rowInitializer(), encoder(), valueAppender(), columns(), keyPaths(), primaryKeyAccess()]
    }

    private func schema() -> DeclSyntax {
        var fields: [String] = []
        var relations: [String] = []
        for property in model.properties {
            switch property.kind {
            case .field:
                let defaultValue = property.initializer.map { "{ () -> \(property.type) in \($0) }" } ?? "nil"
                fields.append("""
                    RoostORM.FieldDescriptor.field("\(property.name)", column: "\(property.column)", type: (\(property.type)).self, default: \(defaultValue), options: RoostORM.FieldOptions(\(property.forwardedArguments())))
                    """)
            case .reference(let target, let optional, _, let oneToOne):
                fields.append("""
                    RoostORM.FieldDescriptor.reference("\(property.name)", column: "\(property.column)", to: \(target).self, optional: \(optional), oneToOne: \(oneToOne), options: RoostORM.ReferenceOptions(\(property.forwardedArguments())))
                    """)
            case .manyToMany(let target, _):
                relations.append("""
                    RoostORM.ManyToManyDescriptor.make("\(property.name)", from: Self.self, to: \(target).self, options: RoostORM.ManyToManyOptions(\(property.forwardedArguments(dropping: []))))
                    """)
            case .transient:
                break
            }
        }
        return """
            public static let schema: RoostORM.ModelSchema = RoostORM.ModelSchema(
                name: "\(raw: model.typeName)",
                table: "\(raw: model.table)",
                primaryKey: "\(raw: model.primaryKey.name)",
                fields: [
                    \(raw: fields.joined(separator: ",\n"))
                ],
                manyToMany: [
                    \(raw: relations.joined(separator: ",\n"))
                ],
                options: RoostORM.ModelOptions(\(raw: model.modelArguments)),
                indexes: Self.indexes,
                constraints: Self.constraints
            )
            """
    }

    private func typeAliases() -> DeclSyntax {
        "public typealias ID = \(raw: model.idType)"
    }

    /// Decodes every column into a local before assigning any property: a throw then leaves
    /// nothing half-initialised, and the optimiser builds the model in place. Assigning each
    /// property as it was decoded made it copy the finished model out and destroy the
    /// original, a retain and a release per reference-counted field and row.
    private func rowInitializer() -> DeclSyntax {
        var decodes: [String] = []
        var assignments: [String] = []
        var index = 0
        for property in model.properties {
            switch property.kind {
            case .field, .reference:
                let local = "column\(index)"
                decodes.append(
                    "let \(local) = try RoostORM.ModelDecoding.decode((\(property.type)).self, row, offset + \(index), \"\(model.typeName).\(property.name)\")"
                )
                assignments.append("self.\(property.name) = \(local)")
                index += 1
            case .manyToMany:
                assignments.append("self.\(property.name) = RoostORM.ManyToMany()")
            case .transient:
                assignments.append("self.\(property.name) = \(property.initializer ?? "nil")")
            }
        }
        return """
            public init(row: borrowing RoostDatabase.Row, startingAt offset: Int) throws {
                \(raw: (decodes + assignments).joined(separator: "\n"))
            }
            """
    }

    private func encoder() -> DeclSyntax {
        return """
            public func databaseValues() -> [RoostDatabase.DatabaseValue] {
                [\(raw: encodedValues.joined(separator: ", "))]
            }
            """
    }

    private func valueAppender() -> DeclSyntax {
        let appends = encodedValues.map { "values.append(\($0))" }
        return """
            public func appendDatabaseValues(to values: inout [RoostDatabase.DatabaseValue]) {
                \(raw: appends.joined(separator: "\n"))
            }
            """
    }

    /// Each column property's value as a `DatabaseValue` expression, in schema order.
    private var encodedValues: [String] {
        model.columnProperties.map { "RoostORM.ModelEncoding.encode(self.\($0.name))" }
    }

    private func columns() -> DeclSyntax {
        var accessors: [String] = []
        for property in model.columnProperties {
            switch property.kind {
            case .reference(let target, let optional, _, _):
                accessors.append("""
                    public var \(property.name): RoostORM.ReferenceColumn<\(target)> { RoostORM.ReferenceColumn(path: path, field: "\(property.name)", column: "\(property.column)", nullable: \(optional)) }
                    """)
            default:
                accessors.append("""
                    public var \(property.name): RoostORM.Column<\(property.type)> { RoostORM.Column(path: path, field: "\(property.name)", column: "\(property.column)") }
                    """)
            }
        }
        return """
            public struct Columns: RoostORM.ModelColumns {
                public let path: RoostORM.RelationPath
                public init(path: RoostORM.RelationPath) { self.path = path }
                \(raw: accessors.joined(separator: "\n"))
            }
            """
    }

    private func keyPaths() -> DeclSyntax {
        let cases = model.properties.filter { if case .transient = $0.kind { return false } else { return true } }
            .map { "if keyPath == \\Self.\($0.name) { return \"\($0.name)\" }" }
        return """
            public static func fieldName(for keyPath: PartialKeyPath<Self>) -> String? {
                \(raw: cases.joined(separator: "\n"))
                return nil
            }
            """
    }

    private func primaryKeyAccess() -> DeclSyntax {
        let id = model.primaryKey
        return """
            public var primaryKeyValue: RoostDatabase.DatabaseValue { RoostORM.ModelEncoding.encode(self.\(raw: id.name)) }
            public mutating func assignPrimaryKey(_ value: RoostDatabase.DatabaseValue) throws {
                self.\(raw: id.name) = try RoostORM.ModelDecoding.decode((\(raw: id.type)).self, value, "\(raw: model.typeName).\(raw: id.name)")
            }
            """
    }
}
