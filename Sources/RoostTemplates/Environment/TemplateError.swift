/// An error raised while loading, compiling or rendering a template.
///
/// Like Jinja's exceptions it names the template, the line (and column) and shows the source
/// line; ``code`` tells the kind of failure (`.syntax`, `.undefined`, `.templateNotFound`, …).
///
/// ```swift
/// do { try env.render("page.html", context: ctx) }
/// catch let error as TemplateError where error.code == .undefined { … }
/// ```
public struct TemplateError: Error, Sendable, CustomStringConvertible {
    /// The kind of a ``TemplateError``; new kinds may be added in minor versions.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Sendable {
            case syntax = "TemplateSyntaxError"
            case assertion = "TemplateAssertionError"
            case undefined = "UndefinedError"
            case type = "TypeError"
            case value = "ValueError"
            case zeroDivision = "ZeroDivisionError"
            case runtime = "TemplateRuntimeError"
            case notFound = "TemplateNotFound"
            case security = "SecurityError"
            case filterArgument = "FilterArgumentError"
        }

        private let base: Base

        private init(_ base: Base) { self.base = base }

        /// The template source is malformed.
        public static let syntax = Code(.syntax)
        /// The template uses an unknown filter or test, or breaks another compile-time rule.
        public static let assertion = Code(.assertion)
        /// An undefined value was used in a way that is not allowed.
        public static let undefined = Code(.undefined)
        /// An operation was applied to values of the wrong type.
        public static let type = Code(.type)
        /// A value had the right type but a wrong content (e.g. unpacking the wrong count).
        public static let value = Code(.value)
        /// Division or modulo by zero.
        public static let zeroDivision = Code(.zeroDivision)
        /// A template-level runtime failure (e.g. a required block was not overridden).
        public static let runtime = Code(.runtime)
        /// A template could not be found by the loader.
        public static let templateNotFound = Code(.notFound)
        /// A safety limit was exceeded (recursion, range size, output size, loop budget).
        public static let limitExceeded = Code(.security)
        /// A filter was called with invalid arguments.
        public static let filterArgument = Code(.filterArgument)

        /// The Jinja/Python exception name this kind corresponds to.
        public var description: String { base.rawValue }
    }

    /// The kind of failure.
    public let code: Code
    /// The message without location, in Jinja's wording.
    public let message: String
    /// The template the error was found in, if known.
    public internal(set) var templateName: String?
    /// The 1-based line, if known.
    public internal(set) var line: Int?
    /// The 1-based column, if known.
    public internal(set) var column: Int?
    /// The source line the error points at, trimmed.
    public internal(set) var excerpt: String?
    /// The templates searched for, for ``Code/templateNotFound``.
    public internal(set) var searchedPaths: [String] = []

    init(
        _ code: Code, message: String, templateName: String? = nil, line: Int? = nil,
        column: Int? = nil, source: String? = nil
    ) {
        self.code = code
        self.message = message
        self.templateName = templateName
        self.line = line
        self.column = column
        if let source, let line { self.excerpt = TemplateError.excerpt(of: source, line: line) }
    }

    static func excerpt(of source: String, line: Int) -> String? {
        var current = 1
        for l in source.split(separator: "\n", omittingEmptySubsequences: false) {
            if current == line {
                let trimmed = l.trimmingPythonSpace()
                return trimmed.count > 120 ? String(trimmed.prefix(117)) + "..." : trimmed
            }
            current += 1
        }
        return nil
    }

    /// Fills in the location if the error does not have one yet.
    func located(name: String?, line: Int, source: String?) -> TemplateError {
        if self.line != nil { return self }
        var copy = self
        copy.templateName = copy.templateName ?? name
        copy.line = line
        if let source { copy.excerpt = TemplateError.excerpt(of: source, line: line) }
        return copy
    }

    /// `Kind: message`, then `File "name", line N, column C` and the source line.
    public var description: String {
        var s = "\(code): \(message)"
        if templateName != nil || line != nil {
            s += "\n  File \"\(templateName ?? "<template>")\""
            if let line { s += ", line \(line)" }
            if let column { s += ", column \(column)" }
            if let excerpt, !excerpt.isEmpty { s += "\n    \(excerpt)" }
        }
        return s
    }

    static func type(_ message: String) -> TemplateError { TemplateError(.type, message: message) }
    static func value(_ message: String) -> TemplateError { TemplateError(.value, message: message) }
    static func runtime(_ message: String) -> TemplateError { TemplateError(.runtime, message: message) }
    static func limit(_ message: String) -> TemplateError { TemplateError(.limitExceeded, message: message) }
    static func undefined(_ message: String) -> TemplateError { TemplateError(.undefined, message: message) }
    static func filterArgument(_ message: String) -> TemplateError { TemplateError(.filterArgument, message: message) }
}

extension StringProtocol {
    /// Python's `str.strip()` with no arguments.
    func trimmingPythonSpace() -> String {
        let scalars = Array(unicodeScalars)
        var start = 0
        var end = scalars.count
        while start < end, scalars[start].isPythonSpace { start += 1 }
        while end > start, scalars[end - 1].isPythonSpace { end -= 1 }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[start..<end])
        return String(view)
    }
}
