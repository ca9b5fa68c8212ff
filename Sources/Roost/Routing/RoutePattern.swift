/// A parsed route pattern: `/posts/<int:id>/edit` as literal and placeholder segments.
///
/// Patterns use Flask's syntax: `<name>` or `<converter:name>`, each placeholder a whole
/// segment. A pattern ending in `/` is canonical with the slash; requests without it are
/// redirected to it, as Flask and Django do.
public struct RoutePattern: Sendable, Hashable, CustomStringConvertible {
    /// One `/`-separated piece of a pattern.
    public enum Segment: Sendable, Hashable {
        /// Matched exactly (after percent-decoding the request's segment).
        case literal(String)
        /// Matched by a converter and captured under a name.
        case parameter(name: String, converter: PathConverter)
    }

    /// The segments, in order. A trailing slash is an empty literal at the end.
    public let segments: [Segment]

    /// Parses a pattern.
    /// - Throws: ``RoutePatternError`` for a pattern that does not start with `/`, has an
    ///   unknown converter, a malformed or duplicate placeholder, or a `path` placeholder
    ///   that is not last.
    public init(_ text: String) throws(RoutePatternError) {
        guard text.first == "/" else { throw RoutePatternError(pattern: text, reason: "must start with '/'") }
        var segments: [Segment] = []
        var names: Set<String> = []
        let pieces = text.dropFirst().split(separator: "/", omittingEmptySubsequences: false)
        for (index, piece) in pieces.enumerated() {
            if piece.first == "<" {
                guard piece.last == ">", piece.count > 2 else {
                    throw RoutePatternError(pattern: text, reason: "malformed placeholder '\(piece)'")
                }
                let inner = piece.dropFirst().dropLast()
                let parts = inner.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
                let converterName = parts.count == 2 ? String(parts[0]) : "string"
                let name = String(parts.count == 2 ? parts[1] : parts[0])
                guard let converter = PathConverter(name: converterName) else {
                    throw RoutePatternError(pattern: text, reason: "unknown converter '\(converterName)'")
                }
                guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
                    throw RoutePatternError(pattern: text, reason: "invalid parameter name '\(name)'")
                }
                guard names.insert(name).inserted else {
                    throw RoutePatternError(pattern: text, reason: "parameter '\(name)' appears twice")
                }
                if converter == .path, index != pieces.count - 1 {
                    throw RoutePatternError(pattern: text, reason: "a path placeholder must be last")
                }
                segments.append(.parameter(name: name, converter: converter))
            } else {
                guard !piece.contains("<"), !piece.contains(">") else {
                    throw RoutePatternError(pattern: text, reason: "a placeholder must be a whole segment: '\(piece)'")
                }
                if piece.isEmpty, index != pieces.count - 1, !(pieces.count == 1) {
                    throw RoutePatternError(pattern: text, reason: "empty segment ('//')")
                }
                segments.append(.literal(String(piece)))
            }
        }
        self.segments = segments
    }

    init(segments: [Segment]) {
        self.segments = segments
    }

    /// The pattern as text.
    public var description: String {
        "/" + segments.map { segment in
            switch segment {
            case .literal(let text): text
            case .parameter(let name, let converter): converter == .string ? "<\(name)>" : "<\(converter):\(name)>"
            }
        }.joined(separator: "/")
    }

    /// The placeholders, in order.
    public var parameters: [(name: String, converter: PathConverter)] {
        segments.compactMap { segment in
            if case .parameter(let name, let converter) = segment { return (name, converter) }
            return nil
        }
    }

    /// This pattern mounted under a prefix pattern (`/api` + `/posts` = `/api/posts`).
    func prefixed(by prefix: RoutePattern) -> RoutePattern {
        var head = prefix.segments
        if case .literal("") = head.last { head.removeLast() }
        if segments == [.literal("")], !head.isEmpty { return RoutePattern(segments: head + [.literal("")]) }
        return RoutePattern(segments: head + segments)
    }
}

/// A route pattern that cannot be parsed; raised at registration, before serving.
public struct RoutePatternError: Error, Sendable, CustomStringConvertible {
    /// The pattern as written.
    public let pattern: String
    /// What is wrong with it.
    public let reason: String

    public var description: String { "invalid route pattern '\(pattern)': \(reason)" }
}
