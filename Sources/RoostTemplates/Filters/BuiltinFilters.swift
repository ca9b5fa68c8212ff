/// Jinja's built-in filters, by name.
enum BuiltinFilters {
    static let all: [String: FilterFunction] = {
        var f: [String: FilterFunction] = [:]
        StringFilters.register(&f)
        NumberFilters.register(&f)
        SequenceFilters.register(&f)
        SelectionFilters.register(&f)
        TextFilters.register(&f)
        return f
    }()
}
