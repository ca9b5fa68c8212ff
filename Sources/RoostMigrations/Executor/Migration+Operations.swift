/// One operation of a migration failed while running (or collecting its SQL).
struct OperationFailure: Error {
    let index: Int
    let operation: any MigrationOperation
    let error: any Error
}

extension Migration {
    /// Runs the operations on `editor` — in order, or in reverse order `backwards` — each from
    /// the project state before it to the one after (`states` holds one more state than there
    /// are operations). `migrate` runs them for real; `sqlmigrate` with an editor that only
    /// collects the statements.
    /// - Parameter willRun: Called before each operation (sqlmigrate writes its summary).
    /// - Throws: ``OperationFailure`` naming the operation that failed.
    func runOperations(
        on editor: MigrationSchemaEditor, states: [ProjectState], backwards: Bool,
        willRun: (any MigrationOperation) -> Void = { _ in }
    ) async throws(OperationFailure) {
        let indices = backwards ? Array(operations.indices.reversed()) : Array(operations.indices)
        for index in indices {
            let operation = operations[index]
            willRun(operation)
            do {
                if backwards {
                    try await operation.backwards(editor, from: states[index + 1], to: states[index])
                } else {
                    try await operation.forwards(editor, from: states[index], to: states[index + 1])
                }
            } catch {
                throw OperationFailure(index: index, operation: operation, error: error)
            }
        }
    }
}
