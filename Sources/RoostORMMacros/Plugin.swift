import SwiftCompilerPlugin
import SwiftSyntaxMacros

/// The compiler plug-in that provides RoostORM's macros.
@main
struct RoostORMMacrosPlugin: CompilerPlugin {
    let providingMacros: [any Macro.Type] = [
        ModelMacro.self,
        FieldMarkerMacro.self,
    ]
}
