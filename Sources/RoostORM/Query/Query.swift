import RoostDatabase

/// The state of a ``QuerySet``: what to select, filter, order and load. QuerySets are
/// immutable wrappers; every chained call returns a new one with a changed `Query`.
struct Query: Sendable {
    let schema: ModelSchema
    var filters: [Predicate] = []
    var ordering: [OrderTerm] = []
    var limit: Int?
    var offset: Int?
    var distinct = false
    var selectRelated: [RelationPath] = []
    var prefetchRelated: [String] = []

    init(schema: ModelSchema) {
        self.schema = schema
    }

    /// Nothing but the model's table: no filter, ordering, slice, `distinct` or related models.
    var isPlain: Bool {
        filters.isEmpty && ordering.isEmpty && limit == nil && offset == nil && !distinct && selectRelated.isEmpty
            && prefetchRelated.isEmpty
    }

    /// The combined filter, or `nil` for none.
    var predicate: Predicate? {
        switch filters.count {
        case 0: nil
        case 1: filters[0]
        default: .and(filters)
        }
    }

    /// Applies a further slice `[start, end)` on top of an existing one, as Python slicing
    /// of a sliced QuerySet does.
    mutating func slice(start: Int, end: Int?) {
        let base = offset ?? 0
        offset = base + start == 0 ? nil : base + start
        if let end {
            let newLimit = max(0, end - start)
            limit = limit.map { min($0 - start, newLimit) }.map { max(0, $0) } ?? newLimit
        } else if let limit {
            self.limit = max(0, limit - start)
        }
    }
}

/// One term of an `ORDER BY`.
public struct OrderTerm: Sendable, Hashable {
    /// Where NULLs sort.
    public enum Nulls: Sendable, Hashable { case first, last }

    let expression: SQLExpression?
    let descending: Bool
    let nulls: Nulls?

    /// Sorts by an expression.
    public init(_ expression: some TypedExpression, descending: Bool = false, nulls: Nulls? = nil) {
        self.expression = expression.sqlExpression
        self.descending = descending
        self.nulls = nulls
    }

    init(expression: SQLExpression?, descending: Bool, nulls: Nulls?) {
        self.expression = expression
        self.descending = descending
        self.nulls = nulls
    }

    /// Random order (`?` in Django).
    public static let random = OrderTerm(expression: nil, descending: false, nulls: nil)

    var reversed: OrderTerm {
        expression == nil ? self : OrderTerm(
            expression: expression, descending: !descending,
            nulls: nulls.map { $0 == .first ? .last : .first }
        )
    }
}

/// Sort direction for key-path ordering.
public enum SortOrder: Sendable {
    case ascending, descending
}

extension TypedExpression {
    /// Ascending order on this column or expression.
    public var ascending: OrderTerm { OrderTerm(self) }
    /// Descending order on this column or expression.
    public var descending: OrderTerm { OrderTerm(self, descending: true) }
    /// Ascending with NULLs first or last.
    public func ascending(nulls: OrderTerm.Nulls) -> OrderTerm { OrderTerm(self, nulls: nulls) }
    /// Descending with NULLs first or last.
    public func descending(nulls: OrderTerm.Nulls) -> OrderTerm { OrderTerm(self, descending: true, nulls: nulls) }
}
