/// The migrations and their dependencies as a directed graph: which ones must come before
/// which, which are the latest of each app (the leaves), and in what order to apply or
/// unapply them. Building it checks that every dependency exists and that there is no cycle.
///
/// ```swift
/// let graph = try MigrationGraph(migrations: BlogMigrations.all)
/// graph.leaves(app: "blog")            // [blog.0003_post_tags]
/// graph.ancestors(of: MigrationKey("blog", "0002_add_post_slug"))   // 0001, then 0002
/// ```
public struct MigrationGraph: Sendable {
    /// Every migration by key.
    public let nodes: [MigrationKey: Migration]
    private let parents: [MigrationKey: [MigrationKey]]
    private let children: [MigrationKey: [MigrationKey]]

    /// Builds the graph.
    /// - Throws: ``MigrationError`` for a duplicate key, a missing dependency or a cycle.
    public init(migrations: [Migration]) throws(MigrationError) {
        var nodes: [MigrationKey: Migration] = [:]
        for migration in migrations {
            if nodes[migration.key] != nil {
                throw MigrationError(.duplicateMigration, "the migration \(migration.key) is registered twice")
            }
            nodes[migration.key] = migration
        }
        var parents: [MigrationKey: [MigrationKey]] = [:]
        var children: [MigrationKey: [MigrationKey]] = [:]
        for migration in migrations {
            for dependency in migration.dependencies {
                guard nodes[dependency] != nil else {
                    throw MigrationError(
                        .missingDependency,
                        "\(migration.key) depends on \(dependency), which is not registered; is it missing from the app's Migrations.swift?"
                    )
                }
                parents[migration.key, default: []].append(dependency)
                children[dependency, default: []].append(migration.key)
            }
        }
        self.nodes = nodes
        self.parents = parents
        self.children = children
        try checkForCycles()
    }

    /// The apps that have migrations, sorted.
    public var apps: [String] {
        Set(nodes.keys.map(\.app)).sorted()
    }

    /// The migrations a migration directly depends on.
    public func dependencies(of key: MigrationKey) -> [MigrationKey] {
        parents[key] ?? []
    }

    /// The latest migrations of an app: those no other migration of the app depends on.
    /// More than one means two branches that need a merge migration.
    public func leaves(app: String) -> [MigrationKey] {
        nodes.keys.filter { key in
            key.app == app && !(children[key] ?? []).contains { $0.app == app }
        }.sorted()
    }

    /// Apps with more than one leaf, and their leaves.
    public var conflicts: [String: [MigrationKey]] {
        var found: [String: [MigrationKey]] = [:]
        for app in apps {
            let leaves = leaves(app: app)
            if leaves.count > 1 { found[app] = leaves }
        }
        return found
    }

    /// `key` and everything it depends on, directly or not, dependencies first.
    public func ancestors(of key: MigrationKey) -> [MigrationKey] {
        ancestors(of: [key])
    }

    /// The keys and everything they depend on, each after its dependencies.
    public func ancestors(of keys: [MigrationKey]) -> [MigrationKey] {
        var ordered: [MigrationKey] = []
        var seen: Set<MigrationKey> = []
        for key in keys { visitAncestors(key, &ordered, &seen) }
        return ordered
    }

    /// `key` and everything that depends on it, directly or not, dependents first (the order
    /// to unapply them in).
    public func descendants(of key: MigrationKey) -> [MigrationKey] {
        descendants(of: [key])
    }

    /// The keys and everything that depends on them, each before what it depends on.
    public func descendants(of keys: [MigrationKey]) -> [MigrationKey] {
        var ordered: [MigrationKey] = []
        var seen: Set<MigrationKey> = []
        for key in keys { visitDescendants(key, &ordered, &seen) }
        return ordered
    }

    /// The first migrations of an app: those depending on no other migration of the app.
    public func roots(app: String) -> [MigrationKey] {
        nodes.keys.filter { key in
            key.app == app && !(parents[key] ?? []).contains { $0.app == app }
        }.sorted()
    }

    /// Every migration, each after its dependencies; ties broken by key, so the order is
    /// the same on every machine.
    public var orderedKeys: [MigrationKey] {
        var ordered: [MigrationKey] = []
        var seen: Set<MigrationKey> = []
        for key in nodes.keys.sorted() { visitAncestors(key, &ordered, &seen) }
        return ordered
    }

    /// The direct dependents of `key`.
    func dependents(of key: MigrationKey) -> [MigrationKey] {
        (children[key] ?? []).sorted()
    }

    private func visitAncestors(_ key: MigrationKey, _ ordered: inout [MigrationKey], _ seen: inout Set<MigrationKey>) {
        guard seen.insert(key).inserted else { return }
        for parent in parents[key] ?? [] { visitAncestors(parent, &ordered, &seen) }
        ordered.append(key)
    }

    private func visitDescendants(_ key: MigrationKey, _ ordered: inout [MigrationKey], _ seen: inout Set<MigrationKey>) {
        guard seen.insert(key).inserted else { return }
        for child in (children[key] ?? []).sorted() { visitDescendants(child, &ordered, &seen) }
        ordered.append(key)
    }

    private func checkForCycles() throws(MigrationError) {
        enum Mark { case visiting, done }
        var marks: [MigrationKey: Mark] = [:]
        var path: [MigrationKey] = []
        func visit(_ key: MigrationKey) -> [MigrationKey]? {
            if marks[key] == .done { return nil }
            if marks[key] == .visiting {
                return Array(path.drop { $0 != key }) + [key]
            }
            marks[key] = .visiting
            path.append(key)
            for parent in parents[key] ?? [] {
                if let cycle = visit(parent) { return cycle }
            }
            path.removeLast()
            marks[key] = .done
            return nil
        }
        for key in nodes.keys.sorted() {
            if let cycle = visit(key) {
                throw MigrationError(.cycle, "migrations depend on each other in a circle: " + cycle.map(\.description).joined(separator: " → "))
            }
        }
    }
}

extension MigrationGraph {
    /// The number the app's next migration gets: one more than its highest (`0001` first).
    func nextNumber(app: String) -> Int {
        (nodes.keys.filter { $0.app == app }.compactMap { MigrationKey.number(of: $0.name) }.max() ?? 0) + 1
    }
}
