/// Everything one top-level render shares: the environment, the per-render globals, the
/// limits and their counters. Created per `render` call and confined to its thread.
final class RenderState {
    let env: EnvironmentCore
    let extraGlobals: [String: TemplateValue]
    let limits: TemplateLimits
    let undefined: UndefinedBehavior
    @exclusivity(unchecked) var depth = 0
    @exclusivity(unchecked) var iterationsLeft: Int
    /// Modules imported without context in this render, by template name.
    var moduleCache: [String: TemplateValue] = [:]
    /// Macros defined by `{% macro %}` in this render, detached from their frames at its end.
    var definedMacros: [Macro] = []

    /// Ends the render: breaks the frame ↔ macro cycles so that the render's memory is freed.
    func finish() {
        for macro in definedMacros { macro.detach() }
        definedMacros = []
        moduleCache = [:]
    }

    init(env: EnvironmentCore, extraGlobals: [String: TemplateValue]) {
        self.env = env
        self.extraGlobals = extraGlobals
        self.limits = env.configuration.limits
        self.undefined = env.configuration.undefined
        self.iterationsLeft = env.configuration.limits.maxLoopIterations
    }

    var strict: Bool { undefined == .strict }

    /// Enters a nested call (macro, include, block…); throws past the recursion limit.
    @inline(__always)
    func enter() throws {
        depth += 1
        if depth > limits.maxRecursionDepth {
            depth -= 1
            throw TemplateError.limit("maximum recursion depth of \(limits.maxRecursionDepth) exceeded")
        }
    }

    @inline(__always)
    func leave() { depth -= 1 }

    /// Charges loop iterations against the render's budget.
    @inline(__always)
    func chargeIterations(_ n: Int) throws {
        iterationsLeft -= n
        if iterationsLeft < 0 {
            throw TemplateError.limit("loop iteration budget of \(limits.maxLoopIterations) exhausted")
        }
    }

    /// Looks a global up: per-render globals first, then the environment's.
    @inline(__always)
    func global(_ name: String) -> TemplateValue? {
        if !extraGlobals.isEmpty, let v = extraGlobals[name] { return v }
        return env.globals[name]
    }

    // MARK: Undefined-aware conversions

    func undefinedError(_ u: UndefinedValue) -> TemplateError {
        TemplateError.undefined(u.message)
    }

    /// `str(value)` as templates print it; undefined values follow the undefined policy.
    func str(_ v: TemplateValue) throws -> String {
        switch v {
        case .string(let s), .markup(let s): return s
        case .undefined(let u):
            switch undefined {
            case .strict: throw undefinedError(u)
            case .debug:
                if let name = u.name { return "{{ \(name) }}" }
                return "{{ no such element: \(u.message) }}"
            default: return ""
            }
        default: return v.printed
        }
    }

    /// Python truthiness; undefined is false unless the policy is strict.
    func truthy(_ v: TemplateValue) throws -> Bool {
        switch v {
        case .bool(let b): return b
        case .none: return false
        case .int(let i): return i != 0
        case .double(let d): return d != 0
        case .string(let s), .markup(let s): return !s.isEmpty
        case .list(let a), .tuple(let a): return !a.isEmpty
        case .dict(let d): return d.count > 0
        case .undefined(let u):
            if undefined == .strict { throw undefinedError(u) }
            return false
        case .callable: return true
        case .object(let o):
            if let items = o.iterated { return !items.isEmpty }
            return true
        }
    }

    /// The items produced by iterating `v` (dict keys, string characters…).
    func iterate(_ v: TemplateValue) throws -> [TemplateValue] {
        switch v {
        case .list(let a), .tuple(let a): return a
        case .dict(let d): return d.keys
        case .string(let s): return s.unicodeScalars.map { .string(String($0)) }
        case .markup(let s): return s.unicodeScalars.map { .string(String($0)) }
        case .undefined(let u):
            if undefined == .strict { throw undefinedError(u) }
            return []
        case .object(let o):
            if let items = o.iterated { return items }
            throw TemplateError.type("'\(o.typeName)' object is not iterable")
        default:
            throw TemplateError.type("'\(v.typeName)' object is not iterable")
        }
    }

    /// `len(v)`.
    func length(_ v: TemplateValue) throws -> Int {
        switch v {
        case .list(let a), .tuple(let a): return a.count
        case .dict(let d): return d.count
        case .string(let s), .markup(let s): return s.unicodeScalars.count
        case .undefined(let u):
            if undefined == .strict { throw undefinedError(u) }
            return 0
        case .object(let o):
            if let items = o.iterated { return items.count }
            throw TemplateError.type("object of type '\(o.typeName)' has no len()")
        default:
            throw TemplateError.type("object of type '\(v.typeName)' has no len()")
        }
    }
}

/// How undefined values behave.
public enum UndefinedBehavior: Sendable, Equatable {
    /// Jinja's default `Undefined`: prints as empty, iterates as empty, is false; using an
    /// attribute of it or doing arithmetic with it is an error.
    case lenient
    /// Jinja's `StrictUndefined`: any use other than `is defined`, `default` and similar
    /// raises an error.
    case strict
    /// Jinja's `ChainableUndefined`: like lenient, but attributes of undefined are undefined.
    case chainable
    /// Jinja's `DebugUndefined`: prints `{{ name }}` where an undefined name is printed.
    case debug
}
