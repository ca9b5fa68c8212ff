/// Decoded `name=value` pairs from a query string or form body, in order; names may repeat.
///
/// ```swift
/// // /search?q=swift&tag=a&tag=b
/// req.query["q"]            // "swift"
/// req.query.all("tag")      // ["a", "b"]
/// req.query.get("page", as: Int.self) ?? 1
/// ```
public struct QueryParameters: Sendable, Sequence {
    private(set) var pairs: [(name: String, value: String)] = []

    /// An empty set.
    public init() {}

    /// Builds a set from pairs.
    public init(_ pairs: [(name: String, value: String)]) {
        self.pairs = pairs
    }

    /// Parses `application/x-www-form-urlencoded` text (`a=1&b=two+words`).
    public init(parsing text: Substring) {
        guard !text.isEmpty else { return }
        for piece in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = piece.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = PercentEncoding.decodeLeniently(parts[0], plusAsSpace: true)
            let value = parts.count > 1 ? PercentEncoding.decodeLeniently(parts[1], plusAsSpace: true) : ""
            pairs.append((name, value))
        }
    }

    /// The first value for `name`.
    public subscript(name: String) -> String? {
        pairs.first { $0.name == name }?.value
    }

    /// Every value for `name`, in order.
    public func all(_ name: String) -> [String] {
        pairs.filter { $0.name == name }.map(\.value)
    }

    /// The first value for `name` converted with `LosslessStringConvertible` (`Int`, `Bool`, …).
    public func get<T: LosslessStringConvertible>(_ name: String, as type: T.Type = T.self) -> T? {
        self[name].flatMap(T.init)
    }

    /// Whether `name` is present.
    public func contains(_ name: String) -> Bool {
        pairs.contains { $0.name == name }
    }

    /// The number of pairs.
    public var count: Int { pairs.count }

    /// Whether there are no pairs.
    public var isEmpty: Bool { pairs.isEmpty }

    /// Iterates over the pairs in order.
    public func makeIterator() -> IndexingIterator<[(name: String, value: String)]> {
        pairs.makeIterator()
    }

    /// Encodes the pairs as a query string (without the `?`).
    public var encoded: String {
        pairs.map {
            PercentEncoding.encode($0.name, for: .queryItem) + "=" + PercentEncoding.encode($0.value, for: .queryItem)
        }.joined(separator: "&")
    }
}
