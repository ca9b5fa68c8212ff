/// Where `migrate` should take the database.
///
/// ```swift
/// try await executor.migrate(to: .latest)                                  // everything
/// try await executor.migrate(to: .app("blog"))                             // blog's latest
/// try await executor.migrate(to: .migration(MigrationKey("blog", "0002_add_post_slug")))
/// try await executor.migrate(to: .zero(app: "blog"))                       // unapply all of blog
/// ```
public enum MigrationTarget: Sendable, Hashable, CustomStringConvertible {
    /// Every app's latest migration.
    case latest
    /// One app's latest migration.
    case app(String)
    /// A migration: applied with what it depends on, or — if it is applied — everything
    /// after it in its app is unapplied.
    case migration(MigrationKey)
    /// None of an app's migrations (and none that depend on them).
    case zero(app: String)

    public var description: String {
        switch self {
        case .latest: "the latest migrations"
        case .app(let app): "the latest migration of \(app)"
        case .migration(let key): "\(key)"
        case .zero(let app): "\(app) zero"
        }
    }
}

/// One step of a plan: a migration to apply or to unapply.
public struct MigrationStep: Sendable, Hashable, CustomStringConvertible {
    /// The migration.
    public let key: MigrationKey
    /// `true` to unapply it.
    public let backwards: Bool

    public var description: String { (backwards ? "Unapply " : "Apply ") + key.description }
}

extension MigrationGraph {
    /// The steps that take a database with `applied` migrations to `target`, in order.
    /// - Throws: ``MigrationError`` for an unknown app or migration, or an app whose
    ///   latest migration is ambiguous (two leaves).
    public func plan(to target: MigrationTarget, applied: Set<MigrationKey>) throws(MigrationError) -> [MigrationStep] {
        switch target {
        case .latest:
            return forwards(to: apps.flatMap { leaves(app: $0) }, applied: applied)
        case .app(let app):
            return forwards(to: try leaf(of: app), applied: applied)
        case .migration(let key):
            guard nodes[key] != nil else {
                throw MigrationError(.unknownMigration, "there is no migration \(key)")
            }
            if !applied.contains(key) { return forwards(to: [key], applied: applied) }
            let later = dependents(of: key).filter { $0.app == key.app }
            return backwards(from: later, applied: applied)
        case .zero(let app):
            guard apps.contains(app) else { throw MigrationError(.unknownMigration, "the app '\(app)' has no migrations") }
            return backwards(from: roots(app: app), applied: applied)
        }
    }

    /// The single latest migration of an app.
    func leaf(of app: String) throws(MigrationError) -> [MigrationKey] {
        let leaves = leaves(app: app)
        if leaves.isEmpty { throw MigrationError(.unknownMigration, "the app '\(app)' has no migrations") }
        if leaves.count > 1 { throw Self.conflictError([app: leaves]) }
        return leaves
    }

    private func forwards(to targets: [MigrationKey], applied: Set<MigrationKey>) -> [MigrationStep] {
        ancestors(of: targets).filter { !applied.contains($0) }.map { MigrationStep(key: $0, backwards: false) }
    }

    private func backwards(from roots: [MigrationKey], applied: Set<MigrationKey>) -> [MigrationStep] {
        descendants(of: roots).filter { applied.contains($0) }.map { MigrationStep(key: $0, backwards: true) }
    }

    /// The error `migrate` stops with when apps have two leaves.
    static func conflictError(_ conflicts: [String: [MigrationKey]]) -> MigrationError {
        let lines = conflicts.keys.sorted().map { app in
            "  \(app): " + (conflicts[app] ?? []).map(\.name).joined(separator: ", ")
        }
        return MigrationError(
            .conflict,
            "Conflicting migrations: these apps have more than one latest migration (branches made in parallel):\n"
                + lines.joined(separator: "\n")
                + "\nRun `makemigrations --merge` to write a merge migration, rebuild, then migrate."
        )
    }
}
