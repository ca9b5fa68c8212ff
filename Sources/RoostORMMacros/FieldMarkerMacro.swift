import SwiftSyntax
import SwiftSyntaxMacros

/// `@Field`, `@ForeignKey`, `@OneToOne`, `@ManyToMany` and `@Transient` add nothing by
/// themselves: `@Model` reads their arguments when it generates the schema.
public struct FieldMarkerMacro: PeerMacro {
    public static func expansion(
        of node: AttributeSyntax,
        providingPeersOf declaration: some DeclSyntaxProtocol,
        in context: some MacroExpansionContext
    ) throws -> [DeclSyntax] {
        []
    }
}
