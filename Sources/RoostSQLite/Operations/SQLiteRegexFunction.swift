import SQLiteNIO
import Synchronization

/// The `regexp(pattern, value)` SQL function behind SQLite's `value REGEXP pattern` operator
/// (SQLite declares the operator but ships no implementation; Django installs one too).
/// Patterns use Swift `Regex` syntax and match anywhere in the value, like PostgreSQL's `~`.
/// Compiled patterns are cached per connection.
final class SQLiteRegexFunction: Sendable {
    private let cache = Mutex<[String: Regex<AnyRegexOutput>]>([:])
    private static let cacheLimit = 64

    /// The function to install on a connection.
    func makeFunction() -> SQLiteCustomFunction {
        SQLiteCustomFunction("regexp", argumentCount: 2, pure: true) { [self] arguments in
            guard case .text(let pattern) = arguments[0] else { return nil }
            guard case .text(let value) = arguments[1] else { return nil }
            return try self.matches(pattern: pattern, value: value)
        }
    }

    private func matches(pattern: String, value: String) throws -> Bool {
        try cache.withLock { cache in
            let regex: Regex<AnyRegexOutput>
            if let cached = cache[pattern] {
                regex = cached
            } else {
                regex = try Regex(pattern)
                if cache.count >= Self.cacheLimit { cache.removeAll() }
                cache[pattern] = regex
            }
            return try regex.firstMatch(in: value) != nil
        }
    }
}
