public import RoostDatabase

/// Runs SQL you wrote, one statement per string, with the statements that undo it.
/// `reverse: nil` makes the migration irreversible; `reverse: []` reverses to nothing.
///
/// ```swift
/// RunSQL(["CREATE INDEX post_title_lower_idx ON blog_post (lower(title))"],
///        reverse: ["DROP INDEX post_title_lower_idx"])
/// ```
///
/// The text goes to the database as it is: it is part of your source code, reviewed like it.
/// It does not change the project state; pair it with state operations if it changes tables
/// the models describe.
public struct RunSQL: MigrationOperation {
    /// The statements run forwards.
    public let statements: [String]
    /// The statements that undo them, or `nil` when there is no way back.
    public let reverse: [String]?

    /// SQL to run, and how to undo it.
    public init(_ statements: [String], reverse: [String]? = nil) {
        self.statements = statements
        self.reverse = reverse
    }

    public func apply(to state: inout ProjectState, app: String) {}

    public func forwards(_ editor: MigrationSchemaEditor, from: ProjectState, to: ProjectState) async throws {
        for statement in statements { try await editor.execute(.trusted(statement)) }
    }

    public func backwards(_ editor: MigrationSchemaEditor, from: ProjectState, to: ProjectState) async throws {
        guard let reverse else { throw MigrationError(.irreversible, "\(summary) has no reverse statements") }
        for statement in reverse { try await editor.execute(.trusted(statement)) }
    }

    public var isReversible: Bool { reverse != nil }
    public var summary: String { "Run SQL (\(statements.count) statement\(statements.count == 1 ? "" : "s"))" }
    public var nameFragment: String { "run_sql" }

    public var source: SourceValue {
        var arguments = [SourceArgument(nil, .array(statements.map { .string($0) }))]
        if let reverse { arguments.append(SourceArgument("reverse", .array(reverse.map { .string($0) }))) }
        return .call("RunSQL", arguments)
    }
}

/// What ``RunSwift`` code gets: the migration's transaction, and the models as the
/// migrations describe them at that point (their historical tables and columns).
public struct MigrationContext: Sendable {
    /// Runs statements inside the migration's transaction.
    public let database: any DatabaseExecutor
    /// The project state when the code runs.
    public let state: ProjectState
    /// The label of the app whose migration runs.
    public let app: String

    /// Creates a context; the executor does this.
    public init(database: any DatabaseExecutor, state: ProjectState, app: String) {
        self.database = database
        self.state = state
        self.app = app
    }
}

/// Runs Swift code in the migration's transaction: data migrations. Give it a reverse so the
/// migration can be unapplied.
///
/// ```swift
/// RunSwift("fill slugs", forward: { context in
///     let post = context.state.schema(for: "Post")!.table
///     try await context.database.execute("UPDATE \(identifier: post) SET slug = lower(title) WHERE slug = ''")
/// }, reverse: { _ in })
/// ```
///
/// Use the historical schema (`context.state`) rather than your current models: the code must
/// keep working after the models change. The checksum of a migration covers the name of a
/// `RunSwift`, not its code; rename it when its meaning changes.
public struct RunSwift: MigrationOperation {
    /// Work done by a `RunSwift`.
    public typealias Body = @Sendable (MigrationContext) async throws -> Void

    /// A name for people, and for the migration's checksum.
    public let name: String
    /// The forward code.
    public let forward: Body
    /// The code that undoes it, or `nil` when there is none.
    public let reverse: Body?

    /// Swift code to run, and how to undo it.
    public init(_ name: String, forward: @escaping Body, reverse: Body? = nil) {
        self.name = name
        self.forward = forward
        self.reverse = reverse
    }

    public func apply(to state: inout ProjectState, app: String) {}

    public func forwards(_ editor: MigrationSchemaEditor, from: ProjectState, to: ProjectState) async throws {
        if editor.collectOnly {
            editor.note("RunSwift \"\(name)\": Swift code, not shown")
            return
        }
        try await forward(MigrationContext(database: editor.executor, state: to, app: editor.app))
    }

    public func backwards(_ editor: MigrationSchemaEditor, from: ProjectState, to: ProjectState) async throws {
        guard let reverse else { throw MigrationError(.irreversible, "\(summary) has no reverse code") }
        if editor.collectOnly {
            editor.note("RunSwift \"\(name)\" (reverse): Swift code, not shown")
            return
        }
        try await reverse(MigrationContext(database: editor.executor, state: to, app: editor.app))
    }

    public var isReversible: Bool { reverse != nil }
    public var summary: String { "Run Swift \"\(name)\"" }
    public var nameFragment: String { SnakeCase.convert(name).split { !$0.isLetter && !$0.isNumber }.joined(separator: "_") }
    public var source: SourceValue { .call("RunSwift", [.init(nil, .string(name))]) }
}
