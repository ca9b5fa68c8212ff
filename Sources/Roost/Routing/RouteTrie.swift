/// The compiled route table: a hash map for literal-only paths and a trie for the rest.
///
/// Each segment costs one hash lookup, whatever the number of routes; placeholder edges
/// are tried in converter order (int before string), literal edges before any of them,
/// backtracking when a branch fails.
struct RouteTrie: Sendable {
    /// The result of looking a request up.
    enum Lookup {
        case found(Endpoint, Parameters)
        /// The path matches only with a trailing slash; redirect there.
        case redirectAddingSlash
        /// The path matches, the method does not.
        case methodNotAllowed(MethodTable)
        case notFound
    }

    private let literalPaths: [Substring: MethodTable]
    private let root: RouteNode

    init(endpoints: [Endpoint]) throws(RouteConflictError) {
        var literalPaths: [Substring: MethodTable] = [:]
        let builder = RouteNodeBuilder()
        for endpoint in endpoints {
            let pattern = endpoint.info.pattern
            let isLiteral = pattern.parameters.isEmpty
            if isLiteral {
                let key = Substring(pattern.description)
                var table = literalPaths[key] ?? MethodTable()
                guard table.add(endpoint) else { throw RouteConflictError(route: endpoint.info) }
                literalPaths[key] = table
            }
            var node = builder
            for segment in pattern.segments {
                switch segment {
                case .literal(let text):
                    node = node.literalChild(text)
                case .parameter(let name, let converter):
                    node = node.parameterChild(name: name, converter: converter)
                }
            }
            guard node.table.add(endpoint) else { throw RouteConflictError(route: endpoint.info) }
        }
        self.literalPaths = literalPaths
        self.root = builder.freeze()
    }

    /// Finds the endpoint for a raw (still percent-encoded) path without its query.
    func lookup(path: Substring, method: HTTPRequest.Method) -> Lookup {
        let needsDecoding = path.utf8.contains(UInt8(ascii: "%"))
        if !needsDecoding, let table = literalPaths[path] {
            if let endpoint = table.endpoint(for: method) { return .found(endpoint, Parameters()) }
            return .methodNotAllowed(table)
        }
        guard var segments = Self.segments(of: path) else { return .notFound }
        var parameters: [(name: String, value: String)] = []
        var pathMatch: MethodTable?
        if let endpoint = root.find(segments, 0, method, &parameters, &pathMatch) {
            return .found(endpoint, Parameters(parameters))
        }
        if let pathMatch { return .methodNotAllowed(pathMatch) }
        if segments.last != "" {
            segments.append("")
            var ignored: MethodTable?
            parameters.removeAll()
            if root.find(segments, 0, method, &parameters, &ignored) != nil || ignored != nil {
                return .redirectAddingSlash
            }
        }
        return .notFound
    }

    /// Splits `/a/b%2Fc/` into decoded segments `["a", "b/c", ""]`; `nil` if a segment does
    /// not decode.
    static func segments(of path: Substring) -> [Substring]? {
        guard path.first == "/" else { return nil }
        var result: [Substring] = []
        for raw in path.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
            if raw.utf8.contains(UInt8(ascii: "%")) {
                guard let decoded = PercentEncoding.decode(raw) else { return nil }
                result.append(Substring(decoded))
            } else {
                result.append(raw)
            }
        }
        return result
    }

    /// Every endpoint, in registration order of their patterns.
    var endpoints: [Endpoint] { root.allEndpoints() }
}

/// Two routes with the same pattern and method.
public struct RouteConflictError: Error, Sendable, CustomStringConvertible {
    /// The route registered second.
    public let route: RouteInfo

    public var description: String {
        "route \(route.method) \(route.pattern) registered twice (second at \(route.sourceLocation))"
    }
}

/// A node of the compiled trie; immutable once built.
final class RouteNode: Sendable {
    struct ParameterEdge: Sendable {
        let name: String
        let converter: PathConverter
        let node: RouteNode
    }

    let literals: [Substring: RouteNode]
    let parameters: [ParameterEdge]
    let table: MethodTable?

    init(literals: [Substring: RouteNode], parameters: [ParameterEdge], table: MethodTable?) {
        self.literals = literals
        self.parameters = parameters
        self.table = table
    }

    func find(
        _ segments: [Substring], _ index: Int, _ method: HTTPRequest.Method,
        _ parameters: inout [(name: String, value: String)], _ pathMatch: inout MethodTable?
    ) -> Endpoint? {
        if index == segments.count {
            guard let table else { return nil }
            if let endpoint = table.endpoint(for: method) { return endpoint }
            if pathMatch == nil { pathMatch = table }
            return nil
        }
        let segment = segments[index]
        if let child = literals[segment],
            let found = child.find(segments, index + 1, method, &parameters, &pathMatch)
        {
            return found
        }
        for edge in self.parameters {
            if edge.converter == .path {
                let rest = segments[index...].joined(separator: "/")
                guard !rest.isEmpty, let table = edge.node.table else { continue }
                parameters.append((edge.name, rest))
                if let endpoint = table.endpoint(for: method) { return endpoint }
                if pathMatch == nil { pathMatch = table }
                parameters.removeLast()
                continue
            }
            guard edge.converter.matches(segment) else { continue }
            parameters.append((edge.name, String(segment)))
            if let found = edge.node.find(segments, index + 1, method, &parameters, &pathMatch) { return found }
            parameters.removeLast()
        }
        return nil
    }

    func allEndpoints() -> [Endpoint] {
        var result = table?.entries.map(\.endpoint) ?? []
        for child in literals.values { result += child.allEndpoints() }
        for edge in parameters { result += edge.node.allEndpoints() }
        return result
    }
}

/// The mutable form of a trie node, used only while building.
final class RouteNodeBuilder {
    var literals: [String: RouteNodeBuilder] = [:]
    var parameters: [(name: String, converter: PathConverter, node: RouteNodeBuilder)] = []
    var table = MethodTable()

    func literalChild(_ text: String) -> RouteNodeBuilder {
        if let existing = literals[text] { return existing }
        let node = RouteNodeBuilder()
        literals[text] = node
        return node
    }

    /// Placeholders share a node only when converter and name both match; `/a/<int:x>` and
    /// `/a/<int:y>` are separate edges, tried in turn (`check` warns about such pairs).
    func parameterChild(name: String, converter: PathConverter) -> RouteNodeBuilder {
        if let existing = parameters.first(where: { $0.converter == converter && $0.name == name }) {
            return existing.node
        }
        let node = RouteNodeBuilder()
        parameters.append((name, converter, node))
        parameters.sort { $0.converter.priority < $1.converter.priority }
        return node
    }

    func freeze() -> RouteNode {
        RouteNode(
            literals: Dictionary(uniqueKeysWithValues: literals.map { (Substring($0.key), $0.value.freeze()) }),
            parameters: parameters.map { .init(name: $0.name, converter: $0.converter, node: $0.node.freeze()) },
            table: table.entries.isEmpty ? nil : table
        )
    }
}
