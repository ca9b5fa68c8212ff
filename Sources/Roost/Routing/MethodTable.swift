/// The endpoints registered for one pattern, by method.
struct MethodTable: Sendable {
    private(set) var entries: [(method: HTTPRequest.Method, endpoint: Endpoint)] = []

    mutating func add(_ endpoint: Endpoint) -> Bool {
        guard !entries.contains(where: { $0.method == endpoint.info.method }) else { return false }
        entries.append((endpoint.info.method, endpoint))
        return true
    }

    /// The endpoint for `method`; HEAD falls back to GET.
    @inline(__always)
    func endpoint(for method: HTTPRequest.Method) -> Endpoint? {
        for entry in entries where entry.method == method { return entry.endpoint }
        if method == .head {
            for entry in entries where entry.method == .get { return entry.endpoint }
        }
        return nil
    }

    /// The methods to list in `Allow`: registered ones, HEAD with GET, and OPTIONS.
    var allowedMethods: [HTTPRequest.Method] {
        var methods = entries.map(\.method)
        if methods.contains(.get), !methods.contains(.head) { methods.append(.head) }
        if !methods.contains(.options) { methods.append(.options) }
        return methods
    }
}
