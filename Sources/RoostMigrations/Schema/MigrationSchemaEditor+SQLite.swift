import RoostDatabase
import RoostORM

/// SQLite: `ALTER TABLE` adds and renames columns and tables, and nothing else. Every other
/// change rebuilds the table the way SQLite's documentation describes: create the new
/// table under a temporary name, copy the rows, drop the old table, rename the new one,
/// recreate the indexes. The executor runs each migration with `foreign_keys` off (so the
/// drop does not cascade) inside a transaction, and checks every foreign key before
/// committing.
extension MigrationSchemaEditor {
    func sqliteAddField(
        _ field: FieldSpec, before: ModelState, after: ModelState, in state: ProjectState, default defaultValue: DatabaseValue?
    ) async throws {
        // ADD COLUMN cannot add a UNIQUE or PRIMARY KEY column, nor a NOT NULL one without a
        // constant default; rebuild for those.
        guard field.nullable, !field.unique, !field.primaryKey else {
            var mapping: [String: SQL] = [:]
            if let defaultValue { mapping[field.column] = "\(defaultValue)" }
            try await rebuild(before, into: after, in: state, mapping: mapping, newColumns: [field.column])
            return
        }
        let schema = state.render(after)
        guard let descriptor = schema.field(named: field.name) else { return }
        try await execute(
            "ALTER TABLE \(identifier: after.table) ADD COLUMN \(SchemaDDL.columnDefinition(descriptor, table: after.table, dialect: dialect))"
        )
        if let defaultValue, !defaultValue.isNull {
            try await execute("UPDATE \(identifier: after.table) SET \(identifier: field.column) = \(defaultValue)")
        }
        if field.indexed {
            try await addIndex(IndexSpec(after.fieldIndexName(field), columns: [field.column]), table: after.table)
        }
    }

    /// Rebuilds `before`'s table as `after` describes it, keeping its rows.
    ///
    /// - Parameters:
    ///   - before: The model as the table is now.
    ///   - after: The model as the table must become (its table name is the final one).
    ///   - state: The project state `after` belongs to (for references).
    ///   - mapping: The value of a new column for each row, by column name, as an expression
    ///     over the old table's columns; columns not listed copy the old column of the same
    ///     field, or of the same name.
    ///   - newColumns: Columns that did not exist before (left out of the copy unless mapped).
    func rebuild(
        _ before: ModelState, into after: ModelState, in state: ProjectState,
        mapping: [String: SQL] = [:], newColumns: Set<String> = []
    ) async throws {
        var temporary = after
        temporary.table = "new__" + after.table
        let temporarySchema = state.render(temporary)
        try await execute(try SchemaDDL.createTable(temporarySchema, dialect: dialect))

        var columns: [String] = []
        var values: [SQL] = []
        for field in after.fields {
            if let expression = mapping[field.column] {
                columns.append(field.column)
                values.append(expression)
            } else if newColumns.contains(field.column) {
                continue
            } else if let old = before.field(named: field.name) ?? before.field(column: field.column) {
                columns.append(field.column)
                values.append("\(identifier: old.column)")
            }
        }
        if !columns.isEmpty {
            try await execute(
                "INSERT INTO \(identifier: temporary.table) (\(identifiers: columns)) SELECT \(values.joined(separator: ", ")) FROM \(identifier: before.table)"
            )
        }
        try await execute("DROP TABLE \(identifier: before.table)")
        try await execute("ALTER TABLE \(identifier: temporary.table) RENAME TO \(identifier: after.table)")
        for statement in SchemaDDL.indexStatements(state.render(after)) {
            try await execute(statement)
        }
    }

    /// The foreign keys violated right now (`PRAGMA foreign_key_check`), described for an
    /// error message; empty when every reference holds.
    static func foreignKeyViolations(on executor: any DatabaseExecutor) async throws -> [String] {
        let rows = try await executor.query("PRAGMA foreign_key_check")
        var problems: [String] = []
        for row in rows.prefix(5) {
            let table = (try? row.decode(String.self, at: 0)) ?? "?"
            let rowID = (try? row.decode(Int64.self, at: 1)).map(String.init) ?? "?"
            let parent = (try? row.decode(String.self, at: 2)) ?? "?"
            problems.append("\(table) row \(rowID) references a missing row of \(parent)")
        }
        if rows.count > 5 { problems.append("… and \(rows.count - 5) more") }
        return problems
    }
}
