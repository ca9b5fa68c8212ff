import RoostDatabase

/// A lazy, immutable, chainable query over a model's rows: Django's QuerySet, typed.
///
/// Nothing runs until a terminal call (`all`, `first`, `get`, `count`, `update`, …) is given
/// a database. Every chained call returns a new QuerySet, so partial queries can be shared.
///
/// ```swift
/// let recent = Post.objects
///     .filter { $0.publishedAt != nil && $0.author.name.istartsWith("a") }
///     .exclude { $0.title.contains("draft") }
///     .orderBy(\.publishedAt, .descending)
///     .selectRelated(\.author)
/// let firstPage = try await recent[0..<10].all(on: db)
/// let total = try await recent.count(on: db)
/// ```
public struct QuerySet<M: Model>: Sendable {
    var query: Query
    var relatedLoaders: [RelatedLoader<M>] = []
    var prefetchers: [Prefetcher<M>] = []

    /// All rows of the model.
    public init() {
        query = Query(schema: M.schema)
    }

    /// The columns of the model, for building predicates outside a closure.
    public static var columns: M.Columns { M.Columns(path: .root) }

    // MARK: Filtering

    /// Rows matching the condition; chained filters all apply.
    public consuming func filter(_ condition: (M.Columns) -> Predicate) -> QuerySet {
        filter(condition(Self.columns))
    }

    /// Rows matching a prebuilt predicate (Django's `Q` objects).
    public consuming func filter(_ predicate: Predicate) -> QuerySet {
        var copy = self
        copy.query.filters.append(predicate)
        return copy
    }

    /// Rows not matching the condition.
    public consuming func exclude(_ condition: (M.Columns) -> Predicate) -> QuerySet {
        filter(!condition(Self.columns))
    }

    /// The row with this primary key (if it matches the other filters).
    public consuming func filter(pk: M.ID) -> QuerySet {
        filter(.comparison(.column(.root, M.schema.primaryKey.column), .equal, .value(pk.databaseValue)))
    }

    // MARK: Ordering

    /// Orders by terms built from the columns: `orderBy { [$0.author.name.ascending, $0.id.descending] }`.
    /// Replaces any earlier ordering.
    public consuming func orderBy(_ terms: (M.Columns) -> [OrderTerm]) -> QuerySet {
        var copy = self
        copy.query.ordering = terms(Self.columns)
        return copy
    }

    /// Orders by one term: `orderBy { $0.publishedAt.descending(nulls: .last) }`.
    public consuming func orderBy(_ term: (M.Columns) -> OrderTerm) -> QuerySet {
        orderBy { [term($0)] }
    }

    /// Orders by a field: `orderBy(\.title)`, `orderBy(\.publishedAt, .descending)`.
    /// - Precondition: the key path names a stored field of the model.
    public consuming func orderBy<Value>(_ keyPath: any KeyPath<M, Value> & Sendable, _ order: SortOrder = .ascending) -> QuerySet {
        guard let name = M.fieldName(for: keyPath), let field = M.schema.field(named: name) else {
            preconditionFailure("orderBy: \(keyPath) is not a stored field of \(M.schema.name)")
        }
        var copy = self
        copy.query.ordering = [
            OrderTerm(expression: .column(.root, field.column), descending: order == .descending, nulls: nil)
        ]
        return copy
    }

    /// Adds a further ordering term after the current ones.
    public consuming func thenBy(_ term: (M.Columns) -> OrderTerm) -> QuerySet {
        var copy = self
        copy.query.ordering.append(term(Self.columns))
        return copy
    }

    /// Random order.
    public consuming func orderByRandom() -> QuerySet {
        var copy = self
        copy.query.ordering = [.random]
        return copy
    }

    /// The same rows in the opposite order (by primary key when unordered).
    public consuming func reversed() -> QuerySet {
        let ordering = effectiveOrdering.map(\.reversed)
        var copy = self
        copy.query.ordering = ordering
        return copy
    }

    /// The ordering, defaulting to the primary key so `first`/`last` are deterministic.
    var effectiveOrdering: [OrderTerm] {
        query.ordering.isEmpty
            ? [OrderTerm(expression: .column(.root, M.schema.primaryKey.column), descending: false, nulls: nil)]
            : query.ordering
    }

    // MARK: Slicing

    /// At most `count` rows (`LIMIT`).
    public consuming func limit(_ count: Int) -> QuerySet {
        precondition(count >= 0, "limit must not be negative")
        var copy = self
        copy.query.slice(start: 0, end: count)
        return copy
    }

    /// Skips `count` rows (`OFFSET`).
    public consuming func offset(_ count: Int) -> QuerySet {
        precondition(count >= 0, "offset must not be negative")
        var copy = self
        copy.query.slice(start: count, end: nil)
        return copy
    }

    /// Rows `range.lowerBound ..< range.upperBound`, Python slicing: `qs[10..<20]`.
    public subscript(range: Range<Int>) -> QuerySet {
        precondition(range.lowerBound >= 0, "negative indexing is not supported")
        var copy = self
        copy.query.slice(start: range.lowerBound, end: range.upperBound)
        return copy
    }

    /// Rows from `range.lowerBound` on: `qs[10...]`.
    public subscript(range: PartialRangeFrom<Int>) -> QuerySet {
        offset(range.lowerBound)
    }

    /// Removes duplicate rows (`SELECT DISTINCT`).
    public consuming func distinct() -> QuerySet {
        var copy = self
        copy.query.distinct = true
        return copy
    }
}
