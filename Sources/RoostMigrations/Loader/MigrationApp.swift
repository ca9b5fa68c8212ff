public import RoostORM

/// One app's models and migrations, as the app registers them; the unit `makemigrations`
/// writes migrations for.
///
/// ```swift
/// app.useMigrations(
///     MigrationApp("blog", models: [Author.self, Post.self, Tag.self], migrations: BlogMigrations.all)
/// )
/// ```
///
/// Migration files go to `Sources/<Target>/Migrations`, where `<Target>` is the folder
/// under `Sources` holding the file that creates the `MigrationApp` (or, outside a
/// `Sources` folder, next to that file); `directory:` says otherwise. `makemigrations` also
/// writes `Migrations.swift` there, which defines the `<Label>Migrations` enum (for `"blog"`,
/// `BlogMigrations`) and its `all` list.
public struct MigrationApp: Sendable {
    /// The app's label, lowercase (`"blog"`): the name migrations record.
    public let label: String
    /// The schemas of the app's models, as the code declares them now.
    public let models: [ModelSchema]
    /// The app's migrations, compiled into the binary.
    public let migrations: [Migration]
    /// Where `makemigrations` writes this app's migration files.
    public let directory: String

    /// Registers an app.
    /// - Parameters:
    ///   - label: The app's label; lowercase letters, digits and underscores.
    ///   - models: The app's models.
    ///   - migrations: Its migrations — `<Label>Migrations.all` once `makemigrations` has
    ///     written the first one.
    ///   - directory: Where migration files go; see above for the default.
    ///   - file: Leave the default: the file that registers the app, used to find the default
    ///     directory.
    public init(
        _ label: String,
        models: [any Model.Type],
        migrations: [Migration] = [],
        directory: String? = nil,
        file: StaticString = #filePath
    ) {
        self.label = label
        self.models = models.map { $0.schema }
        self.migrations = migrations
        self.directory = directory ?? Self.defaultDirectory(for: "\(file)")
    }

    /// The name of the enum listing the app's migrations: `blog` → `BlogMigrations`.
    public var namespace: String {
        Self.namespace(for: label)
    }

    static func namespace(for label: String) -> String {
        label.split { !$0.isLetter && !$0.isNumber }.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined() + "Migrations"
    }

    /// `Sources/<Target>/Migrations` for a file under `Sources/<Target>/`, else the file's
    /// folder plus `Migrations`.
    static func defaultDirectory(for file: String) -> String {
        var components = file.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        components.removeLast()
        if let sources = components.lastIndex(of: "Sources"), sources + 1 < components.count {
            components = Array(components[...(sources + 1)])
        }
        return (components + ["Migrations"]).joined(separator: "/")
    }
}
