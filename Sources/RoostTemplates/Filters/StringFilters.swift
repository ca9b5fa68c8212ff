/// String filters: `upper`, `lower`, `title`, `capitalize`, `trim`, `replace`, …
enum StringFilters {
    static func register(_ f: inout [String: FilterFunction]) {
        f["upper"] = { v, _, ctx in
            let s = try ctx.state.str(v)
            return v.isMarkup ? .markup(PyString.upper(s)) : .string(PyString.upper(s))
        }
        f["lower"] = { v, _, ctx in
            let s = try ctx.state.str(v)
            return v.isMarkup ? .markup(PyString.lower(s)) : .string(PyString.lower(s))
        }
        f["safe"] = { v, _, ctx in
            if v.isMarkup { return v }
            return .markup(try ctx.state.str(v))
        }
    }
}
