/// A Swift expression, as a tree: how operations describe themselves for migration files
/// (Django's `deconstruct()`). ``MigrationSerializer`` prints it; the checksum of a migration
/// is taken over the compact print of its operations, so it changes exactly when what the
/// migration does changes.
///
/// ```swift
/// let call = SourceValue.call("AddField", [
///     .init("model", .string("Post")),
///     .init(nil, .call("FieldSpec", [.init(nil, .string("slug")), .init(nil, .member("text"))])),
/// ])
/// MigrationSerializer.compact(call)   // AddField(model: "Post", FieldSpec("slug", .text))
/// ```
public indirect enum SourceValue: Sendable, Hashable {
    /// A string literal.
    case string(String)
    /// An integer literal.
    case int(Int64)
    /// A floating-point literal.
    case double(Double)
    /// `true` or `false`.
    case bool(Bool)
    /// `nil`.
    case nilLiteral
    /// An implicit member: `.cascade`, `.root`.
    case member(String)
    /// A call: `FieldSpec("slug", .text)`; a name starting with `.` is an implicit member
    /// call (`.string(maxLength: 200)`).
    case call(String, [SourceArgument])
    /// An array literal.
    case array([SourceValue])
    /// Text printed as it is (closures in skeletons).
    case verbatim(String)
}

/// One argument of a ``SourceValue/call(_:_:)``: an optional label and a value.
public struct SourceArgument: Sendable, Hashable {
    /// The argument label, or `nil` for an unlabelled argument.
    public var label: String?
    /// The value.
    public var value: SourceValue

    /// Creates an argument.
    public init(_ label: String?, _ value: SourceValue) {
        self.label = label
        self.value = value
    }
}

/// Builds argument lists that leave out arguments equal to their defaults, so migration
/// files stay short.
struct SourceArguments {
    private(set) var items: [SourceArgument] = []

    mutating func add(_ label: String?, _ value: SourceValue) {
        items.append(SourceArgument(label, value))
    }

    mutating func add(_ label: String, _ value: Bool, unless defaultValue: Bool) {
        if value != defaultValue { items.append(SourceArgument(label, .bool(value))) }
    }

    mutating func add(_ label: String, _ value: String?, unless defaultValue: String?) {
        if let value, value != defaultValue { items.append(SourceArgument(label, .string(value))) }
    }
}
