/// A migration: a named, ordered list of operations of one app, with the migrations it
/// must follow. `makemigrations` writes them as Swift files in your project, and a generated
/// `Migrations.swift` lists them, so they are compiled into the app:
///
/// ```swift
/// // Sources/Blog/Migrations/0002_add_post_slug.swift
/// import RoostMigrations
///
/// extension BlogMigrations {
///     static let m0002_add_post_slug = Migration(
///         app: "blog",
///         name: "0002_add_post_slug",
///         dependencies: [.init("blog", "0001_initial")],
///         operations: [
///             AddField(model: "Post", FieldSpec("slug", .string(maxLength: 50)), default: .string("")),
///         ]
///     )
/// }
/// ```
public struct Migration: Sendable {
    /// The app's label.
    public let app: String
    /// The migration's name, unique in its app (`0002_add_post_slug`).
    public let name: String
    /// The migrations that must be applied first.
    public let dependencies: [MigrationKey]
    /// What it does, in order.
    public let operations: [any MigrationOperation]

    /// Creates a migration.
    /// - Parameters:
    ///   - app: The app's label.
    ///   - name: The name, unique in the app; by convention a four-digit number and words.
    ///   - dependencies: Migrations to apply first (of this app and of others).
    ///   - operations: What the migration does, in order.
    public init(app: String, name: String, dependencies: [MigrationKey] = [], operations: [any MigrationOperation]) {
        self.app = app
        self.name = name
        self.dependencies = dependencies
        self.operations = operations
    }

    /// The migration's identity: app and name.
    public var key: MigrationKey { MigrationKey(app, name) }

    /// A fingerprint of the operations, stored when the migration is applied so that later
    /// edits are noticed: the FNV-1a hash of their compact Swift form, in hex.
    public var checksum: String {
        let text = operations.map { MigrationSerializer.compact($0.source) }.joined(separator: "\n")
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// Whether every operation can be undone.
    public var isReversible: Bool { operations.allSatisfy(\.isReversible) }

    /// The leading number of the name (`2` for `0002_add_slug`), if it has one.
    public var number: Int? { MigrationKey.number(of: name) }
}

/// A migration's app and name: `blog.0002_add_post_slug`.
///
/// ```swift
/// let key = MigrationKey("blog", "0001_initial")
/// key.description   // "blog.0001_initial"
/// ```
public struct MigrationKey: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The app's label.
    public let app: String
    /// The migration's name.
    public let name: String

    /// The key of migration `name` of `app`.
    public init(_ app: String, _ name: String) {
        self.app = app
        self.name = name
    }

    public var description: String { "\(app).\(name)" }

    public static func < (lhs: MigrationKey, rhs: MigrationKey) -> Bool {
        (lhs.app, lhs.name) < (rhs.app, rhs.name)
    }

    /// The number a migration name starts with.
    static func number(of name: String) -> Int? {
        Int(name.prefix { $0.isNumber })
    }
}
