/// A database URL or configuration that cannot be used. The message names the URL with its
/// password replaced by `***`.
///
/// ```swift
/// do {
///     _ = try DatabaseConfiguration(url: "postgres://app:secret@db/app?max_connections=zero")
/// } catch {
///     print(error)   // Invalid database URL postgres://app:***@db/app?max_connections=zero: max_connections …
/// }
/// ```
public struct DatabaseConfigurationError: Error, Sendable, CustomStringConvertible {
    /// The kind of problem.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case invalidURL, unsupportedScheme, invalidOption, noBackend, unknownDatabase, missingDefault
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The URL is malformed (missing host, bad port, bad path).
        public static let invalidURL = Code(.invalidURL)
        /// The scheme is neither `sqlite` nor `postgres`/`postgresql`.
        public static let unsupportedScheme = Code(.unsupportedScheme)
        /// A query option is unknown, malformed, or does not apply to this backend.
        public static let invalidOption = Code(.invalidOption)
        /// No backend passed to ``Database`` handles the scheme (link and pass it).
        public static let noBackend = Code(.noBackend)
        /// A router or caller named a database that ``Databases`` does not have.
        public static let unknownDatabase = Code(.unknownDatabase)
        /// ``Databases`` needs a database named `"default"`.
        public static let missingDefault = Code(.missingDefault)

        /// The code's name.
        public var description: String { base.rawValue }
    }

    /// The kind of problem.
    public let code: Code
    /// The URL with its password redacted, when a URL was involved.
    public let redactedURL: String?
    /// What is wrong and how to fix it.
    public let reason: String

    init(_ code: Code, url: String?, reason: String) {
        self.code = code
        self.redactedURL = url
        self.reason = reason
    }

    static func invalid(url: String, reason: String) -> Self { Self(.invalidURL, url: url, reason: reason) }

    static func option(url: String, reason: String) -> Self { Self(.invalidOption, url: url, reason: reason) }

    static func noBackend(scheme: String, url: String) -> Self {
        Self(.noBackend, url: url, reason: "no backend handles the '\(scheme)' scheme; link RoostSQLite or RoostPostgres "
            + "and pass SQLiteBackend() or PostgresBackend() to Database")
    }

    /// A message naming the URL (password redacted) and the reason.
    public var description: String {
        if let redactedURL { return "Invalid database URL \(redactedURL): \(reason)" }
        return "Invalid database configuration: \(reason)"
    }
}
