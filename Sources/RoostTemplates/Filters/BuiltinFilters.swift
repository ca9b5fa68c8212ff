/// Jinja's built-in filters, by name.
enum BuiltinFilters {
    static let all: FilterTable = {
        var f = FilterTable()
        StringFilters.register(&f)
        NumberFilters.register(&f)
        SequenceFilters.register(&f)
        SelectionFilters.register(&f)
        TextFilters.register(&f)
        return f
    }()
}
