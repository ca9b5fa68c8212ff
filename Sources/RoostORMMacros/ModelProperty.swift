import SwiftSyntax
import SwiftSyntaxBuilder

/// A stored property of a `@Model` type, as the macro understands it.
struct ModelProperty {
    enum Kind {
        /// A plain column.
        case field(attribute: AttributeSyntax?)
        /// A `Reference<Target>` column (foreign key or one-to-one).
        case reference(target: String, optional: Bool, attribute: AttributeSyntax?, oneToOne: Bool)
        /// A `ManyToMany<Target>` relation: no column.
        case manyToMany(target: String, attribute: AttributeSyntax?)
        /// `@Transient`: not stored.
        case transient
    }

    let name: String
    /// The type as written, e.g. `Date?`.
    let type: String
    let initializer: String?
    let kind: Kind
    let syntax: VariableDeclSyntax

    var isColumn: Bool {
        switch kind {
        case .field, .reference: true
        case .manyToMany, .transient: false
        }
    }

    /// The column name: the `column:` argument, else snake_case (with `_id` for references).
    var column: String {
        let attribute: AttributeSyntax?
        switch kind {
        case .field(let value): attribute = value
        case .reference(_, _, let value, _): attribute = value
        default: attribute = nil
        }
        if let explicit = attribute.flatMap({ Self.stringArgument("column", in: $0) }) { return explicit }
        if case .reference = kind { return Naming.snakeCase(name) + "_id" }
        return Naming.snakeCase(name)
    }

    /// The attribute's arguments with `column:` removed, as source text.
    func forwardedArguments(dropping labels: Set<String> = ["column"]) -> String {
        let attribute: AttributeSyntax?
        switch kind {
        case .field(let value): attribute = value
        case .reference(_, _, let value, _): attribute = value
        case .manyToMany(_, let value): attribute = value
        case .transient: attribute = nil
        }
        guard let arguments = attribute?.arguments?.as(LabeledExprListSyntax.self) else { return "" }
        return arguments.filter { !labels.contains($0.label?.text ?? "") }
            .map { element in
                let label = element.label.map { "\($0.text): " } ?? ""
                return label + element.expression.trimmedDescription
            }
            .joined(separator: ", ")
    }

    static func stringArgument(_ label: String, in attribute: AttributeSyntax) -> String? {
        guard let arguments = attribute.arguments?.as(LabeledExprListSyntax.self) else { return nil }
        for argument in arguments where argument.label?.text == label {
            if let literal = argument.expression.as(StringLiteralExprSyntax.self),
                literal.segments.count == 1,
                let segment = literal.segments.first?.as(StringSegmentSyntax.self)
            {
                return segment.content.text
            }
        }
        return nil
    }
}

/// Reads the stored properties of a type declaration.
enum PropertyReader {
    static let markerNames: Set<String> = ["Field", "ForeignKey", "OneToOne", "ManyToMany", "Transient"]

    static func read(_ members: MemberBlockItemListSyntax) throws(ModelMacroError) -> [ModelProperty] {
        var properties: [ModelProperty] = []
        for member in members {
            guard let variable = member.decl.as(VariableDeclSyntax.self) else { continue }
            if variable.modifiers.contains(where: { ["static", "class", "lazy"].contains($0.name.text) }) { continue }
            let attributes = variable.attributes.compactMap { $0.as(AttributeSyntax.self) }
            let marker = attributes.first { markerNames.contains($0.attributeName.trimmedDescription) }
            for binding in variable.bindings {
                if let accessors = binding.accessorBlock?.accessors {
                    // Computed properties are not stored; observers (willSet/didSet) are.
                    if case .getter = accessors { continue }
                    if case .accessors(let list) = accessors,
                        list.contains(where: { ["get", "set"].contains($0.accessorSpecifier.text) })
                    {
                        continue
                    }
                }
                guard let identifier = binding.pattern.as(IdentifierPatternSyntax.self) else {
                    throw ModelMacroError("@Model properties must be simple names", node: Syntax(binding))
                }
                let name = identifier.identifier.text
                guard let typeSyntax = binding.typeAnnotation?.type else {
                    throw ModelMacroError("@Model property '\(name)' needs an explicit type", node: Syntax(binding))
                }
                if variable.bindingSpecifier.text == "let" && marker?.attributeName.trimmedDescription != "Transient" {
                    throw ModelMacroError(
                        "@Model property '\(name)' must be 'var' so rows can be loaded and saved",
                        node: Syntax(variable.bindingSpecifier)
                    )
                }
                let type = typeSyntax.trimmedDescription
                let kind = try classify(name: name, type: type, marker: marker, node: Syntax(binding))
                properties.append(ModelProperty(
                    name: name, type: type, initializer: binding.initializer?.value.trimmedDescription,
                    kind: kind, syntax: variable
                ))
            }
        }
        return properties
    }

    private static func classify(
        name: String, type: String, marker: AttributeSyntax?, node: Syntax
    ) throws(ModelMacroError) -> ModelProperty.Kind {
        let markerName = marker?.attributeName.trimmedDescription
        if markerName == "Transient" { return .transient }
        if let target = genericArgument(of: "ManyToMany", in: type) {
            return .manyToMany(target: target, attribute: marker)
        }
        var unwrapped = type
        var optional = false
        if unwrapped.hasSuffix("?") {
            unwrapped.removeLast()
            optional = true
        } else if let inner = genericArgument(of: "Optional", in: unwrapped) {
            unwrapped = inner
            optional = true
        }
        if let target = genericArgument(of: "Reference", in: unwrapped) {
            guard markerName == "ForeignKey" || markerName == "OneToOne" else {
                throw ModelMacroError(
                    "reference '\(name)' needs @ForeignKey(onDelete: …) or @OneToOne(onDelete: …): say what deleting the \(target) does",
                    node: node
                )
            }
            return .reference(target: target, optional: optional, attribute: marker, oneToOne: markerName == "OneToOne")
        }
        if markerName == "ForeignKey" || markerName == "OneToOne" {
            throw ModelMacroError("@\(markerName!) goes on a Reference<Model> property", node: node)
        }
        if markerName == "ManyToMany" {
            throw ModelMacroError("@ManyToMany goes on a ManyToMany<Model> property", node: node)
        }
        return .field(attribute: marker)
    }

    /// `Target` in `Name<Target>` or `RoostORM.Name<Target>`.
    static func genericArgument(of name: String, in type: String) -> String? {
        for prefix in ["\(name)<", "RoostORM.\(name)<"] where type.hasPrefix(prefix) && type.hasSuffix(">") {
            return String(type.dropFirst(prefix.count).dropLast()).trimmingSpaces()
        }
        return nil
    }
}

extension String {
    func trimmingSpaces() -> String {
        var text = Substring(self)
        while text.first == " " { text.removeFirst() }
        while text.last == " " { text.removeLast() }
        return String(text)
    }
}

/// A mistake in a `@Model` declaration, reported at the offending syntax.
struct ModelMacroError: Error, CustomStringConvertible {
    let description: String
    let node: Syntax

    init(_ message: String, node: Syntax) {
        self.description = message
        self.node = node
    }
}
