/// One step of a migration: it changes the project state (what the models look like) and
/// the database (the tables), forwards and, where it can, backwards.
///
/// Roost ships the operations `makemigrations` writes (``CreateModel``, ``AddField``,
/// ``AlterField``, ``RenameField``, ``AddIndex``, ``CreateJoinTable``, …) and two for code
/// of your own: ``RunSQL`` and ``RunSwift``. A custom operation implements the requirements
/// below:
///
/// ```swift
/// struct EnableTrigramSearch: MigrationOperation {
///     func apply(to state: inout ProjectState, app: String) {}
///     func forwards(_ editor: MigrationSchemaEditor, from: ProjectState, to: ProjectState) async throws {
///         try await editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
///     }
///     func backwards(_ editor: MigrationSchemaEditor, from: ProjectState, to: ProjectState) async throws {
///         try await editor.execute("DROP EXTENSION IF EXISTS pg_trgm")
///     }
///     var summary: String { "Enable trigram search" }
///     var source: SourceValue { .call("EnableTrigramSearch", []) }
/// }
/// ```
public protocol MigrationOperation: Sendable {
    /// Applies the change to the project state (the models as the migrations describe them).
    ///
    /// - Parameters:
    ///   - state: The state before the operation; changed in place.
    ///   - app: The label of the app whose migration holds the operation.
    /// - Throws: ``MigrationError`` with ``MigrationError/Code/invalidOperation`` when the
    ///   operation does not fit the state (a model or field that does not exist…).
    func apply(to state: inout ProjectState, app: String) throws(MigrationError)

    /// Changes the database from `from` (the state before the operation) to `to` (after).
    ///
    /// - Parameters:
    ///   - editor: Runs (or collects) the DDL.
    ///   - from: The state before the operation.
    ///   - to: The state after it.
    func forwards(_ editor: MigrationSchemaEditor, from: ProjectState, to: ProjectState) async throws

    /// Undoes ``forwards(_:from:to:)``: changes the database from `from` (the state after the
    /// operation) back to `to` (before it).
    ///
    /// - Parameters:
    ///   - editor: Runs (or collects) the DDL.
    ///   - from: The state after the operation.
    ///   - to: The state before it.
    /// - Throws: ``MigrationError/Code/irreversible`` when there is no way back.
    func backwards(_ editor: MigrationSchemaEditor, from: ProjectState, to: ProjectState) async throws

    /// Whether ``backwards(_:from:to:)`` can undo the operation. `true` by default.
    var isReversible: Bool { get }

    /// One line for people: `Add field slug to Post`.
    var summary: String { get }

    /// The operation as the Swift call a migration file holds. Checksums of applied
    /// migrations are taken over it.
    var source: SourceValue { get }

    /// A short snake_case description for migration names (`add_post_slug`). `auto` by
    /// default.
    var nameFragment: String { get }
}

extension MigrationOperation {
    public var isReversible: Bool { true }
    public var nameFragment: String { "auto" }
}

extension ProjectState {
    /// The field of a model, or an error naming the operation.
    func requireField(_ name: String, of model: ModelState, for operation: String) throws(MigrationError) -> FieldSpec {
        guard let field = model.field(named: name) else {
            throw MigrationError(.invalidOperation, "\(operation): \(model.name) has no field '\(name)' at this point of the migrations")
        }
        return field
    }

    /// Checks that a field's reference points at a model of this state.
    func checkReference(of field: FieldSpec, in model: String, for operation: String) throws(MigrationError) {
        guard let target = field.reference?.model, target != model, models[target] == nil else { return }
        throw MigrationError(
            .invalidOperation,
            "\(operation): \(model).\(field.name) references \(target), which does not exist at this point of the migrations; make the migration depend on the one that creates \(target)"
        )
    }
}
