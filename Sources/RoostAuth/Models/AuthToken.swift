#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif
public import RoostORM
import Synchronization

/// An API token of a user, as the `roost_auth_token` table keeps it: never the token itself,
/// only its SHA-256 digest, so a leaked table gives no working token. Made and checked by
/// ``TokenBackend``; a user can have several (one per device or script), each with a name,
/// an optional expiry and the time it was last used.
///
/// ```swift
/// let (token, record) = try await TokenBackend<User>.issue(for: ada, name: "deploy script", on: db)
/// print(token)                       // shown once: "rst_3q2…"
/// try await record.delete(on: db)    // revoke
/// ```
///
/// Generic over the user model because its `user_id` column is a foreign key to the user
/// table (deleting a user deletes their tokens). Written without `@Model`, which does not
/// handle generic types.
public struct AuthToken<U: AuthUser>: Model, Encodable {
    /// Tokens have 64-bit integer keys.
    public typealias ID = Int64

    /// The primary key.
    public var id: Int64?
    /// The user the token acts for.
    public var user: Reference<U>
    /// A name for people (`deploy script`).
    public var name: String
    /// The token's first characters, to recognise it in lists.
    public var prefix: String
    /// The hex SHA-256 digest of the token, unique.
    public var digest: String
    /// When it was made.
    public var created: Date
    /// When it last authenticated a request (updated at most every few minutes).
    public var lastUsed: Date?
    /// When it stops working, if ever.
    public var expires: Date?

    /// Creates a token record; ``TokenBackend/issue(for:name:expiresIn:on:)`` makes them.
    public init(
        id: Int64? = nil, user: Reference<U>, name: String, prefix: String, digest: String, created: Date = Date(),
        lastUsed: Date? = nil, expires: Date? = nil
    ) {
        self.id = id
        self.user = user
        self.name = name
        self.prefix = prefix
        self.digest = digest
        self.created = created
        self.lastUsed = lastUsed
        self.expires = expires
    }

    /// The table's name.
    public static var table: String { "roost_auth_token" }

    /// The `roost_auth_token` table, its `user_id` a foreign key to the user table. Built
    /// once per user model: a generic type cannot hold the `static let` that `@Model`
    /// generates, and queries read the schema many times per request.
    public static var schema: ModelSchema {
        AuthTokenSchemas.schema(for: U.self, make: makeSchema)
    }

    private static func makeSchema() -> ModelSchema {
        ModelSchema(
            name: "AuthToken",
            table: table,
            primaryKey: "id",
            fields: [
                .field("id", column: "id", type: Int64?.self, default: nil, options: FieldOptions()),
                .reference(
                    "user", column: "user_id", to: U.self, optional: false, oneToOne: false,
                    options: ReferenceOptions(onDelete: .cascade, relatedName: "auth_tokens")
                ),
                .field("name", column: "name", type: String.self, default: { "" }, options: FieldOptions(maxLength: 100, blank: true)),
                .field("prefix", column: "prefix", type: String.self, default: nil, options: FieldOptions(maxLength: 12, editable: false)),
                .field(
                    "digest", column: "digest", type: String.self, default: nil, options: FieldOptions(maxLength: 64, unique: true, editable: false)
                ),
                .field("created", column: "created", type: Date.self, default: nil, options: FieldOptions(editable: false)),
                .field("lastUsed", column: "last_used", type: Date?.self, default: nil, options: FieldOptions(editable: false)),
                .field("expires", column: "expires", type: Date?.self, default: nil, options: FieldOptions()),
            ],
            manyToMany: [],
            options: ModelOptions(verboseName: "auth token"),
            indexes: [ModelIndex<AuthToken>](),
            constraints: [ModelConstraint<AuthToken>]()
        )
    }

    /// Decodes a row, in ``schema`` order from `offset`.
    public init(row: borrowing Row, startingAt offset: Int) throws {
        id = try ModelDecoding.decode(Int64?.self, row, offset, "AuthToken.id")
        user = try ModelDecoding.decode(Reference<U>.self, row, offset + 1, "AuthToken.user")
        name = try ModelDecoding.decode(String.self, row, offset + 2, "AuthToken.name")
        prefix = try ModelDecoding.decode(String.self, row, offset + 3, "AuthToken.prefix")
        digest = try ModelDecoding.decode(String.self, row, offset + 4, "AuthToken.digest")
        created = try ModelDecoding.decode(Date.self, row, offset + 5, "AuthToken.created")
        lastUsed = try ModelDecoding.decode(Date?.self, row, offset + 6, "AuthToken.lastUsed")
        expires = try ModelDecoding.decode(Date?.self, row, offset + 7, "AuthToken.expires")
    }

    /// The values to store, in ``schema`` order.
    public func databaseValues() -> [DatabaseValue] {
        [
            id.databaseValue, user.databaseValue, name.databaseValue, prefix.databaseValue, digest.databaseValue,
            created.databaseValue, lastUsed.databaseValue, expires.databaseValue,
        ]
    }

    /// The columns, for `filter` and `orderBy` closures.
    public struct Columns: ModelColumns {
        /// Where the columns are reached from.
        public let path: RelationPath
        /// Columns reached through `path`.
        public init(path: RelationPath) { self.path = path }
        /// `id`.
        public var id: Column<Int64?> { Column(path: path, field: "id", column: "id") }
        /// `user_id`, or the user's columns through a join.
        public var user: ReferenceColumn<U> { ReferenceColumn(path: path, field: "user", column: "user_id", nullable: false) }
        /// `name`.
        public var name: Column<String> { Column(path: path, field: "name", column: "name") }
        /// `prefix`.
        public var prefix: Column<String> { Column(path: path, field: "prefix", column: "prefix") }
        /// `digest`.
        public var digest: Column<String> { Column(path: path, field: "digest", column: "digest") }
        /// `created`.
        public var created: Column<Date> { Column(path: path, field: "created", column: "created") }
        /// `last_used`.
        public var lastUsed: Column<Date?> { Column(path: path, field: "lastUsed", column: "last_used") }
        /// `expires`.
        public var expires: Column<Date?> { Column(path: path, field: "expires", column: "expires") }
    }

    /// The field a key path names.
    public static func fieldName(for keyPath: PartialKeyPath<AuthToken>) -> String? {
        if keyPath == \AuthToken.id { return "id" }
        if keyPath == \AuthToken.user { return "user" }
        if keyPath == \AuthToken.name { return "name" }
        if keyPath == \AuthToken.prefix { return "prefix" }
        if keyPath == \AuthToken.digest { return "digest" }
        if keyPath == \AuthToken.created { return "created" }
        if keyPath == \AuthToken.lastUsed { return "lastUsed" }
        if keyPath == \AuthToken.expires { return "expires" }
        return nil
    }

    /// The primary key as a database value.
    public var primaryKeyValue: DatabaseValue { id.databaseValue }

    /// Stores the key the database assigned.
    public mutating func assignPrimaryKey(_ value: DatabaseValue) throws {
        id = try ModelDecoding.decode(Int64?.self, value, "AuthToken.id")
    }

    /// Whether the token no longer works at `date`.
    public func isExpired(at date: Date = Date()) -> Bool {
        expires.map { $0 <= date } ?? false
    }

    private enum CodingKeys: String, CodingKey {
        case id, user, name, prefix, created, lastUsed, expires
    }

    /// Encodes everything but the digest.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(AuthIdentifier.text(of: user.databaseValue), forKey: .user)
        try container.encode(name, forKey: .name)
        try container.encode(prefix, forKey: .prefix)
        try container.encode(created, forKey: .created)
        try container.encode(lastUsed, forKey: .lastUsed)
        try container.encode(expires, forKey: .expires)
    }
}

/// The schemas of `AuthToken<U>`, one per user model, made on first use.
private enum AuthTokenSchemas {
    private static let built = Mutex<[ObjectIdentifier: ModelSchema]>([:])

    static func schema(for userModel: Any.Type, make: () -> ModelSchema) -> ModelSchema {
        let key = ObjectIdentifier(userModel)
        if let schema = built.withLock({ $0[key] }) { return schema }
        let schema = make()
        return built.withLock { built in
            if let existing = built[key] { return existing }
            built[key] = schema
            return schema
        }
    }
}
