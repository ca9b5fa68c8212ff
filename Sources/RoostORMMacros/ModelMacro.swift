import SwiftDiagnostics
import SwiftSyntax
import SwiftSyntaxBuilder
import SwiftSyntaxMacros

/// `@Model`: turns a struct into a database model by generating, at compile time, its
/// schema (fields, columns, options as values), row decoding by column index, row
/// encoding, the typed column proxies used by `filter`/`orderBy`, and the `Model`
/// conformance. Nothing is discovered with `Mirror` at run time.
public struct ModelMacro: ExtensionMacro {
    /// Everything goes into an extension, so the struct keeps its memberwise initializer.
    public static func expansion(
        of node: AttributeSyntax,
        attachedTo declaration: some DeclGroupSyntax,
        providingExtensionsOf type: some TypeSyntaxProtocol,
        conformingTo protocols: [TypeSyntax],
        in context: some MacroExpansionContext
    ) throws -> [ExtensionDeclSyntax] {
        guard let structDecl = declaration.as(StructDeclSyntax.self) else {
            throw DiagnosticsError(diagnostics: [
                Diagnostic(node: node, message: ModelDiagnostic("@Model applies to structs: models are values"))
            ])
        }
        let model: ModelDescription
        do {
            model = try ModelDescription(struct: structDecl, attribute: node)
        } catch {
            throw DiagnosticsError(diagnostics: [Diagnostic(node: error.node, message: ModelDiagnostic(error.description))])
        }
        let members = ModelCodeGenerator(model).members().map { $0.description }.joined(separator: "\n\n")
        let modelExtension: DeclSyntax = """
            extension \(type.trimmed): RoostORM.Model {
                \(raw: members)
            }
            """
        var extensions = [modelExtension.cast(ExtensionDeclSyntax.self)]
        if protocols.contains(where: { $0.trimmedDescription.hasSuffix("Encodable") }) {
            let encodable: DeclSyntax = "extension \(type.trimmed): Encodable {}"
            extensions.append(encodable.cast(ExtensionDeclSyntax.self))
        }
        return extensions
    }
}

/// What `@Model` needs to know about the annotated struct.
struct ModelDescription {
    let typeName: String
    let table: String
    let modelArguments: String
    let properties: [ModelProperty]
    let primaryKey: ModelProperty

    init(struct decl: StructDeclSyntax, attribute: AttributeSyntax) throws(ModelMacroError) {
        typeName = decl.name.text
        properties = try PropertyReader.read(decl.memberBlock.members)
        table = ModelProperty.stringArgument("table", in: attribute) ?? Naming.snakeCase(typeName)
        if let arguments = attribute.arguments?.as(LabeledExprListSyntax.self) {
            modelArguments = arguments.filter { $0.label?.text != "table" }
                .map { ($0.label.map { "\($0.text): " } ?? "") + $0.expression.trimmedDescription }
                .joined(separator: ", ")
        } else {
            modelArguments = ""
        }
        guard let id = properties.first(where: { $0.name == "id" }) else {
            throw ModelMacroError(
                "a model needs a primary key: add 'var id: Int64?' (assigned by the database) or 'var id: UUID = UUID()'",
                node: Syntax(decl.name)
            )
        }
        guard case .field = id.kind else {
            throw ModelMacroError("'id' must be a plain field, not a relation", node: Syntax(id.syntax))
        }
        primaryKey = id
        for property in properties {
            if case .transient = property.kind, property.initializer == nil, !property.type.hasSuffix("?") {
                throw ModelMacroError(
                    "@Transient property '\(property.name)' needs a default value: it is not loaded from the database",
                    node: Syntax(property.syntax)
                )
            }
        }
    }

    var columnProperties: [ModelProperty] { properties.filter(\.isColumn) }

    /// The primary key's type without `?`.
    var idType: String {
        primaryKey.type.hasSuffix("?") ? String(primaryKey.type.dropLast()) : primaryKey.type
    }
}

/// A diagnostic message for `@Model` mistakes.
struct ModelDiagnostic: DiagnosticMessage {
    let message: String
    init(_ message: String) { self.message = message }
    var diagnosticID: MessageID { MessageID(domain: "RoostORM", id: "model") }
    var severity: DiagnosticSeverity { .error }
}
