import RoostDatabase
import RoostORM

/// PostgreSQL (and any database with a full `ALTER TABLE`): columns change in place, inside
/// the migration's transaction.
extension MigrationSchemaEditor {
    func postgresAddField(_ field: FieldSpec, model: ModelState, in state: ProjectState, default defaultValue: DatabaseValue?) async throws {
        let schema = state.render(model)
        guard let descriptor = schema.field(named: field.name) else { return }
        let table = model.table
        if field.requiresValue, let defaultValue {
            if let literal = try? SQLLiteral.render(defaultValue, dialect: dialect) {
                // A constant default fills existing rows without rewriting them; it is dropped
                // again because defaults belong to the Swift model, not the database.
                var definition = SchemaDDL.columnDefinition(descriptor, table: table, dialect: dialect)
                definition.append(.trusted(" DEFAULT " + literal))
                try await execute("ALTER TABLE \(identifier: table) ADD COLUMN \(definition)")
                try await execute("ALTER TABLE \(identifier: table) ALTER COLUMN \(identifier: field.column) DROP DEFAULT")
            } else {
                var nullable = field
                nullable.nullable = true
                let loose = state.render(ModelState(app: model.app, name: model.name, table: table, fields: [nullable]))
                try await execute("ALTER TABLE \(identifier: table) ADD COLUMN \(SchemaDDL.columnDefinition(loose.fields[0], table: table, dialect: dialect))")
                try await execute("UPDATE \(identifier: table) SET \(identifier: field.column) = \(defaultValue)")
                try await execute("ALTER TABLE \(identifier: table) ALTER COLUMN \(identifier: field.column) SET NOT NULL")
            }
        } else {
            try await execute("ALTER TABLE \(identifier: table) ADD COLUMN \(SchemaDDL.columnDefinition(descriptor, table: table, dialect: dialect))")
        }
        if field.indexed {
            try await addIndex(IndexSpec(model.fieldIndexName(field), columns: [field.column]), table: table)
        }
    }

    func postgresAlterField(
        from old: FieldSpec, to new: FieldSpec, before: ModelState, after: ModelState, in state: ProjectState,
        default defaultValue: DatabaseValue?
    ) async throws {
        let table = after.table
        let referenceChanged = old.reference != new.reference || old.type != new.type
        if old.reference != nil, referenceChanged {
            for name in try await constraintNames(table: table, column: old.column, kind: "f") {
                try await execute("ALTER TABLE \(identifier: table) DROP CONSTRAINT \(identifier: name)")
            }
        }
        if old.unique, !new.unique {
            for name in try await constraintNames(table: table, column: old.column, kind: "u") {
                try await execute("ALTER TABLE \(identifier: table) DROP CONSTRAINT \(identifier: name)")
            }
        }
        if old.indexed, !new.indexed {
            try await execute("DROP INDEX IF EXISTS \(identifier: before.fieldIndexName(old))")
        }
        if old.column != new.column {
            try await execute("ALTER TABLE \(identifier: table) RENAME COLUMN \(identifier: old.column) TO \(identifier: new.column)")
            if old.indexed, new.indexed {
                try await execute("ALTER INDEX IF EXISTS \(identifier: before.fieldIndexName(old)) RENAME TO \(identifier: after.fieldIndexName(new))")
            }
        }
        if old.type != new.type {
            try await execute(
                "ALTER TABLE \(identifier: table) ALTER COLUMN \(identifier: new.column) TYPE \(sqlType(new.type)) USING \(conversion(new.column, from: old.type, to: new.type))"
            )
        }
        if old.nullable, !new.nullable {
            if let defaultValue {
                try await execute("UPDATE \(identifier: table) SET \(identifier: new.column) = \(defaultValue) WHERE \(identifier: new.column) IS NULL")
            }
            try await execute("ALTER TABLE \(identifier: table) ALTER COLUMN \(identifier: new.column) SET NOT NULL")
        } else if !old.nullable, new.nullable {
            try await execute("ALTER TABLE \(identifier: table) ALTER COLUMN \(identifier: new.column) DROP NOT NULL")
        }
        if new.unique, !old.unique {
            let name = SchemaDDL.constraintName(table, new.column, "uniq")
            try await execute("ALTER TABLE \(identifier: table) ADD CONSTRAINT \(identifier: name) UNIQUE (\(identifier: new.column))")
        }
        if new.indexed, !old.indexed {
            try await addIndex(IndexSpec(after.fieldIndexName(new), columns: [new.column]), table: table)
        }
        if let reference = new.reference, referenceChanged {
            let target = state.schema(for: reference.model) ?? ProjectState.placeholder(reference.model)
            let name = SchemaDDL.constraintName(table, new.column, "fk", target.table, target.primaryKey.column)
            var sql: SQL = "ALTER TABLE \(identifier: table) ADD CONSTRAINT \(identifier: name) FOREIGN KEY (\(identifier: new.column)) REFERENCES \(identifier: target.table) (\(identifier: target.primaryKey.column)) ON DELETE "
            sql.append(.trusted(ColumnTypes.onDeleteClause(reference.onDelete)))
            try await execute(sql)
        }
    }

    /// The `USING` expression converting a column's values to a new type.
    private func conversion(_ column: String, from old: FieldType, to new: FieldType) -> SQL {
        switch (old, new) {
        case (.dateTime, .date):
            return "(\(identifier: column) AT TIME ZONE 'UTC')::date"
        case (.date, .dateTime):
            return "(\(identifier: column)::timestamp AT TIME ZONE 'UTC')"
        case (.boolean, .smallInteger), (.boolean, .integer), (.boolean, .bigInteger):
            return "CASE WHEN \(identifier: column) THEN 1 ELSE 0 END"
        case (.smallInteger, .boolean), (.integer, .boolean), (.bigInteger, .boolean):
            return "(\(identifier: column) <> 0)"
        default:
            var sql: SQL = "\(identifier: column)::"
            sql.append(sqlType(new))
            return sql
        }
    }

    /// The names of the single-column constraints of a kind (`f` foreign key, `u` unique) on
    /// a column, read from the catalog: names the database chose itself are found too.
    func constraintNames(table: String, column: String, kind: String) async throws -> [String] {
        let rows = try await executor.query("""
            SELECT c.conname::text FROM pg_constraint c \
            JOIN pg_class t ON t.oid = c.conrelid \
            JOIN pg_namespace n ON n.oid = t.relnamespace \
            JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = c.conkey[1] \
            WHERE n.nspname = current_schema() AND t.relname = \(table) AND c.contype::text = \(kind) \
            AND a.attname = \(column) AND cardinality(c.conkey) = 1 ORDER BY 1
            """)
        var names: [String] = []
        for row in rows { names.append(try row.decode(String.self, at: 0)) }
        if names.isEmpty, collectOnly {
            note("(looked up when applied) the \(kind == "f" ? "foreign key" : "unique") constraint on \(table).\(column)")
        }
        return names
    }
}
