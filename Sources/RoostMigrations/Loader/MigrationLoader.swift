public import RoostDatabase
import RoostORM

/// Everything the registered apps bring: their migrations as a graph, the project state any
/// point of that graph describes, and the state the models in the code describe.
///
/// ```swift
/// let loader = try MigrationLoader(apps: [MigrationApp("blog", models: [Post.self], migrations: BlogMigrations.all)])
/// let replayed = try loader.finalState()   // what the migrations build
/// let declared = try loader.modelState()   // what the code declares
/// ```
public struct MigrationLoader: Sendable {
    /// The registered apps.
    public let apps: [MigrationApp]
    /// The migrations of every app.
    public let graph: MigrationGraph

    /// Loads the apps' migrations.
    /// - Throws: ``MigrationError`` when an app is registered twice or the graph is broken.
    public init(apps: [MigrationApp]) throws(MigrationError) {
        var labels: Set<String> = []
        for app in apps where !labels.insert(app.label).inserted {
            throw MigrationError(.duplicateMigration, "the app '\(app.label)' is registered twice")
        }
        for app in apps {
            if let stray = app.migrations.first(where: { $0.app != app.label }) {
                throw MigrationError(
                    .invalidOperation, "the migration \(stray.key) is registered with the app '\(app.label)'; its app label must match"
                )
            }
        }
        self.apps = apps
        self.graph = try MigrationGraph(migrations: apps.flatMap(\.migrations))
    }

    /// The app with a label.
    public func app(_ label: String) -> MigrationApp? {
        apps.first { $0.label == label }
    }

    /// The state after `keys` and everything they depend on.
    public func state(after keys: [MigrationKey]) throws(MigrationError) -> ProjectState {
        var state = ProjectState()
        for key in graph.ancestors(of: keys) {
            try apply(key, to: &state)
        }
        return state
    }

    /// The state `key` starts from: after everything it depends on.
    public func state(before key: MigrationKey) throws(MigrationError) -> ProjectState {
        var state = ProjectState()
        for ancestor in graph.ancestors(of: key) where ancestor != key {
            try apply(ancestor, to: &state)
        }
        return state
    }

    /// The state after every migration.
    public func finalState() throws(MigrationError) -> ProjectState {
        var state = ProjectState()
        for key in graph.orderedKeys { try apply(key, to: &state) }
        return state
    }

    /// The state the registered models describe.
    /// - Throws: ``MigrationError`` when two models share a name or a table.
    public func modelState() throws(MigrationError) -> ProjectState {
        var state = ProjectState()
        for app in apps {
            for schema in app.models {
                try state.insert(ModelState(schema, app: app.label), for: "registering model \(schema.name) of \(app.label)")
            }
        }
        return state
    }

    /// The defaults the registered models give their fields, `[model: [field: value]]`,
    /// evaluated now (a default like `Date()` gives one value for every existing row).
    public func modelDefaults() -> [String: [String: DatabaseValue]] {
        var defaults: [String: [String: DatabaseValue]] = [:]
        for app in apps {
            for schema in app.models {
                for field in schema.fields {
                    if let make = field.defaultValue { defaults[schema.name, default: [:]][field.name] = make() }
                }
            }
        }
        return defaults
    }

    /// The states before each operation of a migration and after the last one:
    /// `states[i]` is what operation `i` starts from.
    func operationStates(of key: MigrationKey) throws(MigrationError) -> [ProjectState] {
        guard let migration = graph.nodes[key] else { return [] }
        var state = try state(before: key)
        var states = [state]
        for (index, operation) in migration.operations.enumerated() {
            do {
                try operation.apply(to: &state, app: key.app)
            } catch {
                throw MigrationError(error.code, "\(key), operation \(index + 1) (\(operation.summary)): \(error.message)")
            }
            states.append(state)
        }
        return states
    }

    private func apply(_ key: MigrationKey, to state: inout ProjectState) throws(MigrationError) {
        guard let migration = graph.nodes[key] else { return }
        for (index, operation) in migration.operations.enumerated() {
            do {
                try operation.apply(to: &state, app: key.app)
            } catch {
                throw MigrationError(error.code, "\(key), operation \(index + 1) (\(operation.summary)): \(error.message)")
            }
        }
    }
}
