/// The chain of relations followed from the queried model to a column: `[]` for the
/// model's own columns, `["author"]` for `$0.author.name`, `["author", "team"]` further on.
public struct RelationPath: Sendable, Hashable, CustomStringConvertible {
    /// Field names of the references followed, in order.
    public let steps: [String]

    /// The queried model itself.
    public static let root = RelationPath(steps: [])

    /// Creates a path from reference field names.
    public init(steps: [String]) {
        self.steps = steps
    }

    /// This path followed by one more reference.
    public func appending(_ field: String) -> RelationPath {
        RelationPath(steps: steps + [field])
    }

    public var description: String { steps.isEmpty ? "(root)" : steps.joined(separator: ".") }
}
