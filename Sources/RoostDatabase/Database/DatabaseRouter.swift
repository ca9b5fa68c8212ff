/// Chooses the database for a model's reads and writes (Django's database routers). Return
/// `nil` to let the next router — and finally `"default"` — decide.
///
/// ```swift
/// struct AnalyticsRouter: DatabaseRouter {
///     func databaseForRead(model: String) -> String? { model.hasPrefix("Analytics") ? "analytics" : nil }
///     func databaseForWrite(model: String) -> String? { model.hasPrefix("Analytics") ? "analytics" : nil }
/// }
/// let databases = try Databases(["default": main, "analytics": analytics], routers: [AnalyticsRouter()])
/// ```
public protocol DatabaseRouter: Sendable {
    /// The database to read `model` from, or `nil` for no opinion.
    func databaseForRead(model: String) -> String?
    /// The database to write `model` to, or `nil` for no opinion.
    func databaseForWrite(model: String) -> String?
    /// Whether a relation between rows of two models is allowed, or `nil` for no opinion.
    func allowRelation(_ first: String, _ second: String) -> Bool?
    /// Whether migrations for `model` (or for the database as a whole when `nil`) run on
    /// `database`, or `nil` for no opinion.
    func allowMigrate(database: String, model: String?) -> Bool?
}

extension DatabaseRouter {
    /// No opinion.
    public func databaseForRead(model: String) -> String? { nil }
    /// No opinion.
    public func databaseForWrite(model: String) -> String? { nil }
    /// No opinion.
    public func allowRelation(_ first: String, _ second: String) -> Bool? { nil }
    /// No opinion.
    public func allowMigrate(database: String, model: String?) -> Bool? { nil }
}

/// Sends every read to one of the replicas (chosen at random) and every write to the
/// primary; migrations run on the primary only.
///
/// ```swift
/// let databases = try Databases(
///     ["default": primary, "replica1": replica1, "replica2": replica2],
///     routers: [ReadReplicaRouter(replicas: ["replica1", "replica2"])])
/// ```
public struct ReadReplicaRouter: DatabaseRouter {
    /// The database that takes writes.
    public let primary: String
    /// The databases that serve reads.
    public let replicas: [String]

    /// Creates the router.
    ///
    /// - Parameters:
    ///   - primary: The writable database, `"default"` unless given.
    ///   - replicas: The read-only copies; must not be empty.
    public init(primary: String = Databases.defaultName, replicas: [String]) {
        precondition(!replicas.isEmpty, "ReadReplicaRouter needs at least one replica")
        self.primary = primary
        self.replicas = replicas
    }

    /// A random replica.
    public func databaseForRead(model: String) -> String? { replicas.randomElement() }
    /// The primary.
    public func databaseForWrite(model: String) -> String? { primary }
    /// Always: the replicas hold the same data.
    public func allowRelation(_ first: String, _ second: String) -> Bool? { true }
    /// Only on the primary.
    public func allowMigrate(database: String, model: String?) -> Bool? { database == primary }
}
