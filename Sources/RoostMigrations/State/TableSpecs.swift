public import RoostORM

/// An index over one or more columns.
///
/// ```swift
/// AddIndex(model: "Post", IndexSpec("blog_post_status_published_at_idx", columns: ["status", "published_at"]))
/// ```
public struct IndexSpec: Sendable, Hashable {
    /// The index name, unique in the database.
    public var name: String
    /// The columns, in order.
    public var columns: [String]
    /// Whether it is a unique index.
    public var unique: Bool

    /// Describes an index.
    /// - Parameters:
    ///   - name: The index name.
    ///   - columns: The column names, in order.
    ///   - unique: Whether the index rejects duplicates.
    public init(_ name: String, columns: [String], unique: Bool = false) {
        self.name = name
        self.columns = columns
        self.unique = unique
    }
}

/// A table constraint: several columns unique together, or a check every row satisfies.
///
/// ```swift
/// ConstraintSpec.unique("post_author_slug_uniq", columns: ["author_id", "slug"])
/// ConstraintSpec.check("post_views_non_negative", .comparison(.column(.root, "views"), .greaterOrEqual, .value(.int(0))))
/// ```
public struct ConstraintSpec: Sendable, Hashable {
    /// What the constraint demands.
    public enum Kind: Sendable, Hashable {
        /// The columns' values are unique together.
        case unique(columns: [String])
        /// Every row satisfies the condition; columns are named by their column names.
        case check(Predicate)
    }

    /// The constraint name.
    public var name: String
    /// The rule.
    public var kind: Kind

    /// Describes a constraint.
    public init(name: String, kind: Kind) {
        self.name = name
        self.kind = kind
    }

    /// Columns unique together.
    /// - Parameters:
    ///   - name: The constraint name.
    ///   - columns: The column names.
    /// - Returns: The constraint.
    public static func unique(_ name: String, columns: [String]) -> ConstraintSpec {
        ConstraintSpec(name: name, kind: .unique(columns: columns))
    }

    /// A check constraint.
    /// - Parameters:
    ///   - name: The constraint name.
    ///   - condition: The condition, over the table's own columns (`.column(.root, "views")`).
    /// - Returns: The constraint.
    public static func check(_ name: String, _ condition: Predicate) -> ConstraintSpec {
        ConstraintSpec(name: name, kind: .check(condition))
    }
}

/// The automatic join table of a many-to-many relation (one declared without `through:`).
///
/// ```swift
/// CreateJoinTable(model: "Post", JoinTableSpec(field: "tags", target: "Tag", table: "post_tags",
///                                                sourceColumn: "post_id", targetColumn: "tag_id"))
/// ```
public struct JoinTableSpec: Sendable, Hashable {
    /// The relation's property name on the source model.
    public var field: String
    /// The target model's name.
    public var target: String
    /// The join table.
    public var table: String
    /// The column referencing the source model.
    public var sourceColumn: String
    /// The column referencing the target model.
    public var targetColumn: String

    /// Describes a join table.
    /// - Parameters:
    ///   - field: The relation's property name.
    ///   - target: The target model's name.
    ///   - table: The join table's name.
    ///   - sourceColumn: The column referencing the source row.
    ///   - targetColumn: The column referencing the target row.
    public init(field: String, target: String, table: String, sourceColumn: String, targetColumn: String) {
        self.field = field
        self.target = target
        self.table = table
        self.sourceColumn = sourceColumn
        self.targetColumn = targetColumn
    }
}
