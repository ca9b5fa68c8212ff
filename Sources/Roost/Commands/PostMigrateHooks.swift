/// Work that runs after migrations have been applied: Django's `post_migrate` signal.
/// RoostMigrations runs the hooks after `migrate`, `serve --migrate` and `app.migrate()`;
/// RoostAuth adds one that creates the permissions of newly registered models. The core
/// knows nothing about migrations; it only keeps the list.
///
/// ```swift
/// app.afterMigrate { app in try await app.syncAuthPermissions() }
/// ```
public enum PostMigrateHooksKey: AppStorageKey {
    /// The hooks, in the order they were added.
    public typealias Value = [@Sendable (App) async throws -> Void]
}

extension App {
    /// Adds work to run after every migration run (see ``PostMigrateHooksKey``). A hook
    /// should tolerate tables that a backwards migration removed.
    ///
    /// - Parameter hook: Receives the app.
    public func afterMigrate(_ hook: @escaping @Sendable (App) async throws -> Void) {
        storage[PostMigrateHooksKey.self] = (storage[PostMigrateHooksKey.self] ?? []) + [hook]
    }

    /// Runs the hooks added with ``afterMigrate(_:)``, in order; RoostMigrations calls it.
    /// - Throws: The first error a hook throws.
    public func runPostMigrateHooks() async throws {
        for hook in storage[PostMigrateHooksKey.self] ?? [] { try await hook(self) }
    }
}
