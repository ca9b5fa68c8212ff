/// Bounds that turn runaway templates into ``TemplateError/Code/limitExceeded`` errors
/// instead of crashes, hangs or unbounded memory.
public struct TemplateLimits: Sendable {
    /// The deepest nesting of macro calls, includes, imports, recursive loops, blocks and
    /// `extends` chains. Default 100.
    public var maxRecursionDepth: Int = 100
    /// The most items `range()` may produce (Jinja's sandbox `MAX_RANGE`). Default 100,000.
    public var maxRange: Int = 100_000
    /// The most bytes one render may output, and the largest string or captured block it may
    /// build. Default 64 MiB.
    public var maxOutputBytes: Int = 64 << 20
    /// The most items a list or tuple built by the template may hold. Default 10,000,000.
    public var maxCollectionCount: Int = 10_000_000
    /// The total number of loop iterations one render may run. Default 50,000,000.
    public var maxLoopIterations: Int = 50_000_000
    /// The deepest nesting of expressions and tags the parser accepts. Default 100.
    public var maxNestingDepth: Int = 100

    /// The default limits.
    public init() {}

    func checkString(_ bytes: Int) throws {
        if bytes > maxOutputBytes {
            throw TemplateError.limit("string would exceed the size limit of \(maxOutputBytes) bytes")
        }
    }

    func checkItems(_ count: Int) throws {
        if count > maxCollectionCount {
            throw TemplateError.limit("sequence would exceed the limit of \(maxCollectionCount) items")
        }
    }
}

typealias Limits = TemplateLimits
