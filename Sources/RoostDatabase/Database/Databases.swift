public import Logging

/// Several named databases (Django's `DATABASES`), with routers choosing one per model. A
/// database named `"default"` is required.
///
/// ```swift
/// let databases = try Databases(
///     urls: ["default": "postgres://app:pw@primary/app", "replica": "postgres://app:pw@replica/app"],
///     backends: [PostgresBackend()],
///     routers: [ReadReplicaRouter(replicas: ["replica"])])
/// let readDB = try databases.forRead(model: "Post")    // the replica
/// let writeDB = try databases.forWrite(model: "Post")  // default
/// await databases.shutdown()
/// ```
public final class Databases: Sendable {
    /// The name of the database used when nothing else is said: `"default"`.
    public static let defaultName = "default"

    private let databases: [String: Database]
    /// The routers, asked in order.
    public let routers: [any DatabaseRouter]

    /// Groups existing databases.
    ///
    /// - Parameters:
    ///   - databases: The databases by name; must contain `"default"`.
    ///   - routers: Asked in order for each model; the first non-`nil` answer wins.
    /// - Throws: ``DatabaseConfigurationError/Code/missingDefault``.
    public init(_ databases: [String: Database], routers: [any DatabaseRouter] = []) throws(DatabaseConfigurationError) {
        guard databases[Self.defaultName] != nil else {
            throw DatabaseConfigurationError(.missingDefault, url: nil,
                reason: "Databases needs a database named \"default\"; got \(databases.keys.sorted())")
        }
        self.databases = databases
        self.routers = routers
    }

    /// Opens one database per URL.
    ///
    /// - Throws: ``DatabaseConfigurationError`` for the first bad URL, or a missing `"default"`.
    public convenience init(
        urls: [String: String],
        backends: [any DatabaseBackend],
        routers: [any DatabaseRouter] = [],
        logger: Logger = Logger(label: "roost.database")
    ) throws(DatabaseConfigurationError) {
        var databases: [String: Database] = [:]
        for (name, url) in urls.sorted(by: { $0.key < $1.key }) {
            databases[name] = try Database(url: url, name: name, backends: backends, logger: logger)
        }
        try self.init(databases, routers: routers)
    }

    /// The `"default"` database.
    public var `default`: Database { databases[Self.defaultName]! }

    /// The names of all databases, sorted.
    public var names: [String] { databases.keys.sorted() }

    /// The database called `name`, or `nil`.
    public subscript(name: String) -> Database? { databases[name] }

    /// The database called `name`.
    ///
    /// - Throws: ``DatabaseConfigurationError/Code/unknownDatabase``.
    public func named(_ name: String) throws(DatabaseConfigurationError) -> Database {
        guard let database = databases[name] else {
            throw DatabaseConfigurationError(.unknownDatabase, url: nil,
                reason: "no database named \"\(name)\"; configured: \(names.joined(separator: ", "))")
        }
        return database
    }

    /// The database to read `model` from: the first router's answer, else `"default"`.
    ///
    /// - Throws: ``DatabaseConfigurationError/Code/unknownDatabase`` if a router names a
    ///   database that does not exist.
    public func forRead(model: String) throws(DatabaseConfigurationError) -> Database {
        try named(routers.lazy.compactMap { $0.databaseForRead(model: model) }.first ?? Self.defaultName)
    }

    /// The database to write `model` to: the first router's answer, else `"default"`.
    ///
    /// - Throws: ``DatabaseConfigurationError/Code/unknownDatabase`` if a router names a
    ///   database that does not exist.
    public func forWrite(model: String) throws(DatabaseConfigurationError) -> Database {
        try named(routers.lazy.compactMap { $0.databaseForWrite(model: model) }.first ?? Self.defaultName)
    }

    /// Whether rows of the two models may be related: the first router's answer, else `true`
    /// when both are written to the same database.
    public func allowsRelation(_ first: String, _ second: String) -> Bool {
        if let answer = routers.lazy.compactMap({ $0.allowRelation(first, second) }).first { return answer }
        let firstDB = routers.lazy.compactMap { $0.databaseForWrite(model: first) }.first ?? Self.defaultName
        let secondDB = routers.lazy.compactMap { $0.databaseForWrite(model: second) }.first ?? Self.defaultName
        return firstDB == secondDB
    }

    /// Whether migrations for `model` (or the whole schema when `nil`) run on `database`:
    /// the first router's answer, else `true`.
    public func allowsMigration(on database: String, model: String? = nil) -> Bool {
        routers.lazy.compactMap { $0.allowMigrate(database: database, model: model) }.first ?? true
    }

    /// Shuts every database down.
    public func shutdown() async {
        for database in databases.values { await database.shutdown() }
    }
}
