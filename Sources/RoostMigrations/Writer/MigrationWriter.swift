import Foundation

/// Writes migrations as Swift files, and the `Migrations.swift` file listing an app's
/// migrations in order (Swift compiles migrations into the app, so the list is how the app
/// finds them).
///
/// ```swift
/// let text = MigrationWriter.source(of: migration, namespace: "BlogMigrations")
/// try MigrationWriter(directory: "Sources/Blog/Migrations").write(migration, app: "blog")
/// ```
public struct MigrationWriter: Sendable {
    /// The folder holding the app's migration files.
    public let directory: String

    /// A writer for one app's migrations folder.
    public init(directory: String) {
        self.directory = directory
    }

    /// The file a migration is written to.
    public func path(of name: String) -> String {
        directory + "/" + name + ".swift"
    }

    /// The names of the migration files in the folder (`NNNN_words.swift`), sorted.
    public func migrationNames() -> [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return files.filter { file in
            file.hasSuffix(".swift") && file.first?.isNumber == true && MigrationKey.number(of: file) != nil
        }.map { String($0.dropLast(".swift".count)) }.sorted()
    }

    /// Writes `text` as migration `name`, then rewrites `Migrations.swift` to list every
    /// migration file of the folder.
    /// - Returns: The paths written.
    @discardableResult
    public func write(source text: String, name: String, app: String) throws -> [String] {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let file = path(of: name)
        guard !FileManager.default.fileExists(atPath: file) else {
            throw MigrationError(.duplicateMigration, "\(file) already exists")
        }
        try Data(text.utf8).write(to: URL(fileURLWithPath: file))
        return [file, try writeRegistry(app: app)]
    }

    /// Writes a migration's file and updates `Migrations.swift`.
    /// - Returns: The paths written.
    @discardableResult
    public func write(_ migration: Migration) throws -> [String] {
        try write(source: Self.source(of: migration, namespace: MigrationApp.namespace(for: migration.app)), name: migration.name, app: migration.app)
    }

    /// Rewrites `Migrations.swift` from the migration files in the folder.
    /// - Returns: Its path.
    @discardableResult
    public func writeRegistry(app: String) throws -> String {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let file = directory + "/Migrations.swift"
        let text = Self.registrySource(app: app, namespace: MigrationApp.namespace(for: app), names: migrationNames())
        try Data(text.utf8).write(to: URL(fileURLWithPath: file))
        return file
    }

    /// The Swift identifier of a migration's static property: `m0002_add_post_slug`.
    public static func identifier(of name: String) -> String {
        "m" + MigrationNaming.sanitize(name)
    }

    /// The text of a migration file.
    public static func source(of migration: Migration, namespace: String) -> String {
        let dependencies = SourceValue.array(migration.dependencies.map { key in
            .call(".init", [.init(nil, .string(key.app)), .init(nil, .string(key.name))])
        })
        let operations = migration.operations.map { "            " + MigrationSerializer.pretty($0.source, indent: 12) + "," }
        return """
            // Written by `makemigrations` (Roost \(RoostMigrationsVersion.current)). Review it, rebuild the app, then run `migrate`.
            import RoostMigrations

            extension \(namespace) {
                static let \(identifier(of: migration.name)) = Migration(
                    app: \(MigrationSerializer.literal(migration.app)),
                    name: \(MigrationSerializer.literal(migration.name)),
                    dependencies: \(MigrationSerializer.pretty(dependencies, indent: 8)),
                    operations: [
            \(operations.joined(separator: "\n"))
                    ]
                )
            }

            """
    }

    /// A migration file for code of your own (`makemigrations --empty`): a ``RunSwift``
    /// skeleton to fill in.
    public static func emptySource(app: String, name: String, dependencies: [MigrationKey], namespace: String) -> String {
        let list = SourceValue.array(dependencies.map { .call(".init", [.init(nil, .string($0.app)), .init(nil, .string($0.name))]) })
        return """
            // Written by `makemigrations --empty` (Roost \(RoostMigrationsVersion.current)): a data migration to fill in.
            import RoostMigrations

            extension \(namespace) {
                static let \(identifier(of: name)) = Migration(
                    app: \(MigrationSerializer.literal(app)),
                    name: \(MigrationSerializer.literal(name)),
                    dependencies: \(MigrationSerializer.pretty(list, indent: 8)),
                    operations: [
                        RunSwift("describe what this migration does", forward: { context in
                            // Use the models as they are at this point of the migrations, e.g.:
                            // let post = context.state.schema(for: "Post")!
                            // try await context.database.execute("UPDATE \\(identifier: post.table) SET …")
                        }, reverse: { context in
                            // Undo it, or remove `reverse:` if it cannot be undone.
                        }),
                    ]
                )
            }

            """
    }

    /// The text of `Migrations.swift`.
    public static func registrySource(app: String, namespace: String, names: [String]) -> String {
        let entries = names.map { "        " + identifier(of: $0) + "," }.joined(separator: "\n")
        return """
            // AUTO-GENERATED BY `makemigrations` from the migration files in this folder; do not edit by hand.
            import RoostMigrations

            /// The migrations of the `\(app)` app, in order. Register them with
            /// `MigrationApp(\(MigrationSerializer.literal(app)), models: […], migrations: \(namespace).all)`.
            enum \(namespace) {
                /// Every migration of the app.
                static let all: [Migration] = [
            \(entries)
                ]
            }

            """
    }
}

/// The version written into migration file headers.
enum RoostMigrationsVersion {
    static let current = "0.1.0"
}
