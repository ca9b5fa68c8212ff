/// The column layout of a result: names in order, and for wide results a name-to-index table.
/// One instance is shared by every ``Row`` of a result, so names are stored once per query,
/// not once per row. A result of a few columns is searched linearly: building a hash table for
/// every query cost more than the lookups it saved (the ORM reads columns by position).
///
/// ```swift
/// let rows = try await db.query("SELECT id, title FROM posts")
/// rows.first?.columns.names          // ["id", "title"]
/// rows.first?.columns.index(of: "title")   // 1
/// ```
public final class RowColumns: Sendable {
    /// Column names in result order (duplicates possible, e.g. two `id` columns of a join).
    public let names: [String]
    /// `nil` for results narrower than ``indexThreshold``.
    private let indexes: [String: Int]?
    private static let indexThreshold = 16

    /// Creates a layout; drivers build one per result.
    ///
    /// ```swift
    /// let columns = RowColumns(["id", "title"])
    /// ```
    public init(_ names: [String]) {
        self.names = names
        guard names.count >= Self.indexThreshold else {
            self.indexes = nil
            return
        }
        var indexes: [String: Int] = [:]
        indexes.reserveCapacity(names.count)
        for (index, name) in names.enumerated() where indexes[name] == nil {
            indexes[name] = index
        }
        self.indexes = indexes
    }

    /// The number of columns.
    public var count: Int { names.count }

    /// The index of the first column called `name` (exact, case-sensitive match), or `nil`.
    public func index(of name: String) -> Int? {
        if let indexes { return indexes[name] }
        return names.firstIndex(of: name)
    }
}
