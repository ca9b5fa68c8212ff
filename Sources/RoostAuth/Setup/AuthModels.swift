public import RoostORM

/// The models behind auth's tables, in creation order: content types, permissions, groups,
/// the user model with its join tables, API tokens and login attempts.
///
/// ``Roost/App/createAuthTables()`` creates whichever are missing. An app that manages its
/// schema with RoostMigrations lists them in a migration app of its own instead, so that
/// `makemigrations` writes their first migration into the app's folder and later changes
/// (a field added to a custom user model) become migrations like any other:
///
/// ```swift
/// try app.useMigrations(
///     MigrationApp("auth", models: AuthModels.all(), migrations: AuthMigrations.all),
///     MigrationApp("blog", models: [Post.self], migrations: BlogMigrations.all)
/// )
/// try await app.syncAuthPermissions()     // after `migrate`, as Django does
/// ```
public enum AuthModels {
    /// Every auth model for a user model, ``User`` by default.
    /// - Parameter userModel: The app's user model.
    /// - Returns: The model types, each table after the tables it refers to.
    public static func all<U: AuthUser>(userModel: U.Type = User.self) -> [any Model.Type] {
        [ContentType.self, Permission.self, Group.self, U.self, AuthToken<U>.self, LoginAttempt.self]
    }
}
