import RoostDatabase

/// One walk over a query that hashes its shape — what its SQL text depends on, its values
/// left out — and collects its values in the order the compiler binds them (the order
/// ``QueryShape/marked(_:)`` numbers them). ``SelectStatementCache`` looks shapes up by this
/// hash and confirms them with ``ShapeMatching/sameShape(_:_:)``, so that a query found in the
/// cache allocates nothing but its bindings: building a value-free copy of each query to use
/// as a dictionary key cost more than a third of a 20-row page's ORM overhead.
///
/// The hash mixes the query's structure — cases, operators, counts, and of each name its
/// length and its first and last bytes — with a multiply-xor step rather than SipHash over
/// every name: shapes whose names differ only inside share a bucket, and `sameShape` tells
/// them apart.
struct ShapeWalk {
    private var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    private(set) var values: [DatabaseValue] = []

    /// Walks `query`; `nil` for a query that is compiled each time (see
    /// ``SelectStatementCache``): one with an offset, or with a text or regex lookup, whose
    /// bound pattern the compiler derives from the value.
    init?(_ query: Query, dialect: String) {
        guard query.offset == nil else { return nil }
        values.reserveCapacity(8)
        mix(dialect)
        mix(query.limit ?? -1)
        mix(query.distinct ? 1 : 0)
        mix(query.selectRelated.count)
        mix(query.filters.count)
        for filter in query.filters {
            guard walk(filter) else { return nil }
        }
        mix(query.ordering.count)
        for term in query.ordering {
            mix(term.descending ? 1 : 0)
            mix(term.nulls.map { $0 == .first ? 1 : 2 } ?? 0)
            if let expression = term.expression {
                guard walk(expression) else { return nil }
            } else {
                mix(-1)
            }
        }
    }

    /// The shape's hash.
    func finalize() -> Int {
        Int(truncatingIfNeeded: hash)
    }

    private mutating func mix(_ value: Int) {
        hash = (hash ^ UInt64(bitPattern: Int64(value))) &* 0x100_0000_01b3
    }

    private mutating func mix(_ name: String) {
        let utf8 = name.utf8
        mix(utf8.count << 16 | Int(utf8.first ?? 0) << 8 | Int(utf8.last ?? 0))
    }

    private mutating func mix<Operator: RawRepresentable<String>>(_ op: Operator) {
        mix(op.rawValue)
    }

    private mutating func walk(_ predicate: Predicate) -> Bool {
        switch predicate {
        case .comparison(let lhs, let op, let rhs):
            mix(0)
            mix(op)
            return walk(lhs) && walk(rhs)
        case .isNull(let expression):
            mix(1)
            return walk(expression)
        case .isNotNull(let expression):
            mix(2)
            return walk(expression)
        case .inList(let expression, let list):
            mix(3)
            mix(list.count)
            // An empty list compiles to `1 = 0`, without the expression.
            guard !list.isEmpty else { return true }
            guard walk(expression) else { return false }
            values.append(contentsOf: list)
            return true
        case .between(let expression, let low, let high):
            mix(4)
            guard walk(expression) else { return false }
            values.append(low)
            values.append(high)
            return true
        case .inSubquery(let expression, let table, let select, let whereColumn, let value):
            mix(5)
            mix(table)
            mix(select)
            mix(whereColumn)
            guard walk(expression) else { return false }
            values.append(value)
            return true
        case .and(let items):
            mix(6)
            return walk(items)
        case .or(let items):
            mix(7)
            return walk(items)
        case .not(let inner):
            mix(8)
            return walk(inner)
        case .constant(let value):
            mix(9)
            mix(value ? 1 : 0)
            return true
        case .text, .regex:
            return false
        }
    }

    private mutating func walk(_ items: [Predicate]) -> Bool {
        mix(items.count)
        for item in items {
            guard walk(item) else { return false }
        }
        return true
    }

    private mutating func walk(_ expression: SQLExpression) -> Bool {
        switch expression {
        case .column(let path, let name):
            mix(10)
            mix(path.steps.count)
            mix(name)
            return true
        case .value(let value):
            mix(11)
            values.append(value)
            return true
        case .arithmetic(let lhs, let op, let rhs):
            mix(12)
            mix(op)
            return walk(lhs) && walk(rhs)
        case .lower(let inner):
            mix(13)
            return walk(inner)
        case .upper(let inner):
            mix(14)
            return walk(inner)
        case .length(let inner):
            mix(15)
            return walk(inner)
        case .coalesce(let items):
            mix(16)
            mix(items.count)
            for item in items {
                guard walk(item) else { return false }
            }
            return true
        case .datePart(let part, let inner):
            mix(17)
            mix(part)
            return walk(inner)
        case .aggregate(let function, let inner, let distinct):
            mix(18)
            mix(function)
            mix(distinct ? 1 : 0)
            guard let inner else { return true }
            return walk(inner)
        case .countReferencing(let table, let column, let outer):
            mix(19)
            mix(table)
            mix(column)
            return walk(outer)
        case .conditional(let predicate, let then, let otherwise):
            mix(20)
            return walk(predicate) && walk(then) && walk(otherwise)
        }
    }
}

/// Whether two queries compile to the same SQL text: equal in everything but their values.
enum ShapeMatching {
    static func sameShape(_ a: Query, _ b: Query) -> Bool {
        guard a.limit == b.limit, a.offset == b.offset, a.distinct == b.distinct, a.selectRelated == b.selectRelated,
              a.filters.count == b.filters.count, a.ordering.count == b.ordering.count
        else { return false }
        for index in a.filters.indices where !sameShape(a.filters[index], b.filters[index]) { return false }
        for index in a.ordering.indices {
            let left = a.ordering[index], right = b.ordering[index]
            guard left.descending == right.descending, left.nulls == right.nulls else { return false }
            switch (left.expression, right.expression) {
            case (nil, nil): continue
            case (let l?, let r?): if !sameShape(l, r) { return false }
            default: return false
            }
        }
        return true
    }

    static func sameShape(_ a: Predicate, _ b: Predicate) -> Bool {
        switch (a, b) {
        case (.comparison(let al, let aop, let ar), .comparison(let bl, let bop, let br)):
            aop == bop && sameShape(al, bl) && sameShape(ar, br)
        case (.isNull(let ae), .isNull(let be)), (.isNotNull(let ae), .isNotNull(let be)):
            sameShape(ae, be)
        case (.inList(let ae, let alist), .inList(let be, let blist)):
            alist.count == blist.count && (alist.isEmpty || sameShape(ae, be))
        case (.between(let ae, _, _), .between(let be, _, _)):
            sameShape(ae, be)
        case (.inSubquery(let ae, let at, let asel, let aw, _), .inSubquery(let be, let bt, let bsel, let bw, _)):
            at == bt && asel == bsel && aw == bw && sameShape(ae, be)
        case (.and(let ai), .and(let bi)), (.or(let ai), .or(let bi)):
            ai.count == bi.count && ai.indices.allSatisfy { sameShape(ai[$0], bi[$0]) }
        case (.not(let ai), .not(let bi)):
            sameShape(ai, bi)
        case (.constant(let av), .constant(let bv)):
            av == bv
        default:
            false
        }
    }

    static func sameShape(_ a: SQLExpression, _ b: SQLExpression) -> Bool {
        switch (a, b) {
        case (.column(let ap, let an), .column(let bp, let bn)):
            an == bn && ap == bp
        case (.value, .value):
            true
        case (.arithmetic(let al, let aop, let ar), .arithmetic(let bl, let bop, let br)):
            aop == bop && sameShape(al, bl) && sameShape(ar, br)
        case (.lower(let ai), .lower(let bi)), (.upper(let ai), .upper(let bi)), (.length(let ai), .length(let bi)):
            sameShape(ai, bi)
        case (.coalesce(let ai), .coalesce(let bi)):
            ai.count == bi.count && ai.indices.allSatisfy { sameShape(ai[$0], bi[$0]) }
        case (.datePart(let ap, let ai), .datePart(let bp, let bi)):
            ap == bp && sameShape(ai, bi)
        case (.aggregate(let af, let ai, let ad), .aggregate(let bf, let bi, let bd)):
            af == bf && ad == bd && sameOptionalShape(ai, bi)
        case (.countReferencing(let at, let ac, let ao), .countReferencing(let bt, let bc, let bo)):
            at == bt && ac == bc && sameShape(ao, bo)
        case (.conditional(let ap, let at, let ao), .conditional(let bp, let bt, let bo)):
            sameShape(ap, bp) && sameShape(at, bt) && sameShape(ao, bo)
        default:
            false
        }
    }

    private static func sameOptionalShape(_ a: SQLExpression?, _ b: SQLExpression?) -> Bool {
        switch (a, b) {
        case (nil, nil): true
        case (let a?, let b?): sameShape(a, b)
        default: false
        }
    }
}
