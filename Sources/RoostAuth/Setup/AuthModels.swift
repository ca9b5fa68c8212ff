public import RoostORM

/// The models behind auth's tables, in creation order: content types, permissions, groups,
/// the user model with its join tables, API tokens and login attempts.
///
/// ``Roost/App/createAuthTables()`` creates whichever are missing. An app that manages its
/// schema with RoostMigrations lists them among its own migration app's models instead, so
/// that `makemigrations` writes their tables into the app's next migration and later changes
/// (a field added to a custom user model) become migrations like any other. (One migration
/// app per target: two would both write `0001_initial.swift`, and a Swift module cannot hold
/// two files of one name.)
///
/// ```swift
/// app.useMigrations(
///     MigrationApp("blog", models: [Post.self] + AuthModels.all(), migrations: BlogMigrations.all)
/// )
/// // every `migrate` then creates the permissions of newly registered models
/// ```
public enum AuthModels {
    /// Every auth model for a user model, ``User`` by default.
    /// - Parameter userModel: The app's user model.
    /// - Returns: The model types, each table after the tables it refers to.
    public static func all<U: AuthUser>(userModel: U.Type = User.self) -> [any Model.Type] {
        [ContentType.self, Permission.self, Group.self, U.self, AuthToken<U>.self, LoginAttempt.self]
    }
}
