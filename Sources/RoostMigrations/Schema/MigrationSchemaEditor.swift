public import RoostDatabase
import RoostORM
import Synchronization

/// Turns operations into DDL for one database and runs it — or only collects it, for
/// `sqlmigrate`. Table creation reuses the ORM's ``SchemaEditor`` DDL; the `ALTER`s live
/// here, one file per dialect: PostgreSQL alters in place, SQLite rebuilds a table when its
/// `ALTER TABLE` cannot make the change.
///
/// Operations call it; you only meet it when writing your own ``MigrationOperation``:
///
/// ```swift
/// func forwards(_ editor: MigrationSchemaEditor, from: ProjectState, to: ProjectState) async throws {
///     try await editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
/// }
/// ```
public final class MigrationSchemaEditor: Sendable {
    /// The dialect statements are written for.
    public let dialect: any SQLDialect
    /// Where statements run, and where catalog look-ups go (also when only collecting).
    public let executor: any DatabaseExecutor
    /// `true` when statements are collected and not run (`sqlmigrate`).
    public let collectOnly: Bool
    /// The label of the app whose migration is running.
    public let app: String
    private let statements = Mutex<[SQL]>([])

    /// An editor running (or, with `collectOnly`, collecting) statements on `executor`.
    /// - Parameters:
    ///   - executor: Where statements run (a migration's transaction).
    ///   - app: The label of the app whose migration runs.
    ///   - collectOnly: Record statements without running them.
    public init(executor: any DatabaseExecutor, app: String, collectOnly: Bool = false) {
        self.executor = executor
        self.dialect = executor.dialect
        self.app = app
        self.collectOnly = collectOnly
    }

    /// The statements run or collected so far.
    public var collected: [SQL] {
        statements.withLock { $0 }
    }

    /// Runs a statement (or only records it when collecting).
    public func execute(_ sql: SQL) async throws {
        statements.withLock { $0.append(sql) }
        if !collectOnly { try await executor.execute(sql) }
    }

    /// Records a comment for `sqlmigrate` (operations with no SQL of their own).
    func note(_ text: String) {
        statements.withLock { $0.append(.trusted("-- " + text.split(separator: "\n").joined(separator: " "))) }
    }

    var isSQLite: Bool { dialect.name == "sqlite" }

    func sqlType(_ type: FieldType) -> SQL {
        .trusted(ColumnTypes.sqlType(type, dialect: dialect))
    }

    // MARK: Models

    /// `CREATE TABLE` with its indexes (join tables are separate operations).
    func createModel(_ model: ModelState, in state: ProjectState) async throws {
        let schema = state.render(model)
        try await execute(try SchemaDDL.createTable(schema, dialect: dialect))
        for statement in SchemaDDL.indexStatements(schema) { try await execute(statement) }
    }

    /// `DROP TABLE`.
    func deleteModel(_ model: ModelState) async throws {
        try await execute("DROP TABLE \(identifier: model.table)")
    }

    /// Renames the table (when its name changes) and the indexes named after it.
    func renameModel(from old: ModelState, to new: ModelState) async throws {
        guard old.table != new.table else { return }
        try await execute("ALTER TABLE \(identifier: old.table) RENAME TO \(identifier: new.table)")
        for field in new.fields where field.indexed {
            guard let previous = old.field(named: field.name) else { continue }
            try await renameIndex(
                from: old.fieldIndexName(previous), to: new.fieldIndexName(field),
                recreate: IndexSpec(new.fieldIndexName(field), columns: [field.column]), table: new.table
            )
        }
    }

    // MARK: Fields

    /// Renames a column, and the index `indexed: true` gave it.
    func renameField(from old: FieldSpec, to new: FieldSpec, before: ModelState, after: ModelState) async throws {
        if old.column != new.column {
            try await execute(
                "ALTER TABLE \(identifier: after.table) RENAME COLUMN \(identifier: old.column) TO \(identifier: new.column)"
            )
        }
        if old.indexed, new.indexed {
            try await renameIndex(
                from: before.fieldIndexName(old), to: after.fieldIndexName(new),
                recreate: IndexSpec(after.fieldIndexName(new), columns: [new.column]), table: after.table
            )
        }
    }

    /// Adds a column; existing rows get `defaultValue` (or `NULL`).
    func addField(_ field: FieldSpec, before: ModelState, after: ModelState, in state: ProjectState, default defaultValue: DatabaseValue?) async throws {
        if isSQLite {
            try await sqliteAddField(field, before: before, after: after, in: state, default: defaultValue)
        } else {
            try await postgresAddField(field, model: after, in: state, default: defaultValue)
        }
    }

    /// Drops a column.
    func removeField(_ field: FieldSpec, before: ModelState, after: ModelState, in state: ProjectState) async throws {
        if isSQLite {
            try await rebuild(before, into: after, in: state)
        } else {
            try await execute("ALTER TABLE \(identifier: before.table) DROP COLUMN \(identifier: field.column)")
        }
    }

    /// Changes a column's type, nullability, uniqueness, index or reference. Rows whose value
    /// is `NULL` get `defaultValue` when the column becomes non-nullable.
    func alterField(
        from old: FieldSpec, to new: FieldSpec, before: ModelState, after: ModelState, in state: ProjectState,
        default defaultValue: DatabaseValue?
    ) async throws {
        if old.primaryKey != new.primaryKey || (old.type != new.type && (old.type == .autoIncrement || new.type == .autoIncrement)) {
            throw MigrationError(
                .unsupported,
                "changing which field is \(after.name)'s primary key, or whether it is assigned by the database, is not supported; create a new model and copy the rows with RunSwift or RunSQL"
            )
        }
        if isSQLite {
            var mapping: [String: SQL] = [:]
            if old.nullable, !new.nullable, let defaultValue {
                mapping[new.column] = "COALESCE(\(identifier: old.column), \(defaultValue))"
            } else if old.column != new.column {
                mapping[new.column] = "\(identifier: old.column)"
            }
            try await rebuild(before, into: after, in: state, mapping: mapping)
        } else {
            try await postgresAlterField(from: old, to: new, before: before, after: after, in: state, default: defaultValue)
        }
    }

    // MARK: Indexes and constraints

    /// `CREATE [UNIQUE] INDEX`.
    func addIndex(_ index: IndexSpec, table: String) async throws {
        let kind: SQL = index.unique ? "CREATE UNIQUE INDEX " : "CREATE INDEX "
        try await execute("\(kind)\(identifier: index.name) ON \(identifier: table) (\(identifiers: index.columns))")
    }

    /// `DROP INDEX`.
    func removeIndex(named name: String) async throws {
        try await execute("DROP INDEX \(identifier: name)")
    }

    /// Renames an index; SQLite, which cannot, drops it and creates `recreate`.
    func renameIndex(from old: String, to new: String, recreate: IndexSpec, table: String) async throws {
        guard old != new else { return }
        if isSQLite {
            try await execute("DROP INDEX IF EXISTS \(identifier: old)")
            try await addIndex(recreate, table: table)
        } else {
            try await execute("ALTER INDEX IF EXISTS \(identifier: old) RENAME TO \(identifier: new)")
        }
    }

    /// Adds a table constraint (SQLite rebuilds the table with it).
    func addConstraint(_ constraint: ConstraintSpec, before: ModelState, after: ModelState, in state: ProjectState) async throws {
        if isSQLite {
            try await rebuild(before, into: after, in: state)
            return
        }
        let schema = state.render(after)
        guard let descriptor = schema.constraints.first(where: { $0.name == constraint.name }) else { return }
        let definition = try SchemaDDL.constraintDefinition(descriptor, of: schema, dialect: dialect)
        try await execute("ALTER TABLE \(identifier: after.table) ADD \(definition)")
    }

    /// Drops a table constraint (SQLite rebuilds the table without it).
    func removeConstraint(_ constraint: ConstraintSpec, before: ModelState, after: ModelState, in state: ProjectState) async throws {
        if isSQLite {
            try await rebuild(before, into: after, in: state)
        } else {
            try await execute("ALTER TABLE \(identifier: after.table) DROP CONSTRAINT \(identifier: constraint.name)")
        }
    }

    // MARK: Join tables

    /// Creates a many-to-many join table.
    func createJoinTable(_ joinTable: JoinTableSpec, model: ModelState, in state: ProjectState) async throws {
        let schema = state.render(model)
        guard let relation = schema.manyToMany.first(where: { $0.name == joinTable.field }) else { return }
        for statement in SchemaDDL.joinTable(relation, source: schema, dialect: dialect) {
            try await execute(statement)
        }
    }

    /// Drops a join table.
    func deleteJoinTable(_ joinTable: JoinTableSpec) async throws {
        try await execute("DROP TABLE \(identifier: joinTable.table)")
    }

    /// Renames a join table and its columns.
    func renameJoinTable(from old: JoinTableSpec, to new: JoinTableSpec) async throws {
        if old.table != new.table {
            try await execute("ALTER TABLE \(identifier: old.table) RENAME TO \(identifier: new.table)")
        }
        for (previous, next) in [(old.sourceColumn, new.sourceColumn), (old.targetColumn, new.targetColumn)] where previous != next {
            try await execute("ALTER TABLE \(identifier: new.table) RENAME COLUMN \(identifier: previous) TO \(identifier: next)")
        }
        let oldIndex = SchemaDDL.constraintName(old.table, old.targetColumn, "idx")
        let newIndex = SchemaDDL.constraintName(new.table, new.targetColumn, "idx")
        try await renameIndex(from: oldIndex, to: newIndex, recreate: IndexSpec(newIndex, columns: [new.targetColumn]), table: new.table)
    }
}
