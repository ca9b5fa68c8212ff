/// `self` in a template: `self.blockname()` renders a block of the current inheritance chain.
final class TemplateReference: TemplateObject, @unchecked Sendable {
    let context: Context

    init(context: Context) {
        self.context = context
    }

    var typeName: String { "TemplateReference" }
    var printed: String { "<TemplateReference \(context.template.name.map { PythonRepr.string($0) } ?? "None")>" }

    func attribute(named name: String) -> TemplateValue? {
        guard let stack = context.blocks[name], !stack.isEmpty else { return nil }
        return BlockReference.make(name: name, stack: stack, index: 0, context: context)
    }
}

/// A callable rendering one block of an inheritance chain (`self.x()`, `super()`).
enum BlockReference {
    static func make(name: String, stack: [BlockCode], index: Int, context: Context) -> TemplateValue {
        let block = stack[index]
        let callable = TemplateCallable(name: name, runtime: { [context] _, state in
            var out = OutputBuffer(limit: state.limits.maxOutputBytes)
            try block.render(context, into: &out)
            return context.template.autoescape ? .markup(out.string) : .string(out.string)
        })
        return .callable(callable)
    }

    /// The `super` of `block`: the next block of the same name up the chain.
    static func superOf(_ block: BlockCode, context: Context) -> TemplateValue {
        guard let stack = context.blocks[block.name], let i = stack.firstIndex(where: { $0 === block }), i + 1 < stack.count else {
            return .undefined(hint: "there is no parent block called '\(block.name)'.")
        }
        return make(name: block.name, stack: stack, index: i + 1, context: context)
    }
}

/// An imported template (`{% import 'x' as m %}`): its exported names as attributes, its
/// output as its printed form.
final class TemplateModule: TemplateObject {
    let templateName: String?
    let exports: [String: TemplateValue]
    let body: String
    let autoescape: Bool

    init(templateName: String?, exports: [String: TemplateValue], body: String, autoescape: Bool) {
        self.templateName = templateName
        self.exports = exports
        self.body = body
        self.autoescape = autoescape
    }

    var typeName: String { "TemplateModule" }
    var printed: String { body }

    func attribute(named name: String) -> TemplateValue? { exports[name] }
}
