import RoostDatabase

/// Compiles inserts, updates and deletes.
struct WriteCompiler {
    let schema: ModelSchema
    let dialect: any SQLDialect

    /// `INSERT` of one or more rows, leaving out an unset auto-increment key. On databases
    /// with `RETURNING`, the new primary keys come back as rows.
    ///
    /// `values` holds `rows` rows one after another, each in schema order. Written straight
    /// to text for the dialect (``SQLTextWriter``): a bulk insert of 10,000 rows built as
    /// fragments spent more time assembling and rendering them than SQLite spent parsing it.
    /// The values become the statement's bindings without being copied.
    func insert(_ values: consuming [DatabaseValue], rows: Int, returningKey: Bool) -> SQL {
        var values = values
        let width = schema.fields.count
        precondition(values.count == rows * width, "insert: \(rows) rows need \(rows * width) values")
        let key = keyIndex
        let skipKey = schema.hasAutoIncrementKey && (0..<rows).allSatisfy { values[$0 * width + key].isNull }
        let indices = schema.fields.indices.filter { !(skipKey && $0 == key) }
        let placeholderWidth = dialect.placeholderStyle == .questionMark ? 3 : 8
        var writer = SQLTextWriter(
            dialect: dialect, textCapacity: 64 + indices.count * 24 + rows * indices.count * placeholderWidth)
        writer.write("INSERT INTO ")
        writer.writeIdentifier(schema.table)
        if indices.isEmpty {
            writer.write(" DEFAULT VALUES")
        } else {
            for (position, index) in indices.enumerated() {
                writer.write(position == 0 ? " (" : ", ")
                writer.writeIdentifier(schema.fields[index].column)
            }
            writer.write(") VALUES ")
            if skipKey { Self.removeNullColumn(key, width: width, from: &values) }
            writer.bindRows(values, width: indices.count)
        }
        if returningKey && dialect.features.supportsReturning {
            writer.write(" RETURNING ")
            writer.writeIdentifier(schema.primaryKey.column)
        }
        return writer.sql
    }

    /// Removes column `column` from rows of `width` values laid out one after another, in
    /// place, moving the other values down instead of copying them (a copy of each value,
    /// with its retain, was a fifth of what a 10,000-row insert added to the driver's time).
    /// Every removed value must be `.null`, as an unassigned auto-increment key is: NULL
    /// holds nothing to release, so its slot can be overwritten.
    private static func removeNullColumn(_ column: Int, width: Int, from values: inout [DatabaseValue]) {
        let count = values.count
        let kept = count / width * (width - 1)
        values.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            var write = 0
            for row in stride(from: 0, to: count, by: width) {
                for read in row..<row + width where read != row + column {
                    if write != read { (base + write).moveInitialize(from: base + read, count: 1) }
                    write += 1
                }
            }
            // The tail holds values moved away and NULLs: NULL fills it, releasing nothing, so
            // that removing it below releases nothing twice.
            (base + kept).initialize(repeating: .null, count: count - kept)
        }
        values.removeLast(count - kept)
    }

    /// `UPDATE` of one row by primary key, every column but the key.
    func update(_ values: [DatabaseValue]) -> SQL {
        var assignments: [SQL] = []
        for (index, field) in schema.fields.enumerated() where index != keyIndex {
            assignments.append("\(identifier: field.column) = \(values[index])")
        }
        return "UPDATE \(identifier: schema.table) SET \(assignments.joined(separator: ", ")) WHERE \(identifier: schema.primaryKey.column) = \(values[keyIndex])"
    }

    /// One `UPDATE` that sets `positions`' columns of many rows, each to its own value:
    /// `SET col = CASE pk WHEN ? THEN ? … ELSE col END … WHERE pk IN (…)` (Django's
    /// `bulk_update`). `rows` holds each model's values in schema order; the caller keeps a
    /// batch within the dialect's bind-parameter limit.
    func bulkUpdate(_ rows: [[DatabaseValue]], positions: [Int]) -> SQL {
        let key = keyIndex
        let keyColumn = schema.primaryKey.column
        let casts = dialect.features.requiresCastedCaseInUpdates
        var fragments: [SQL.Fragment] = [.text("UPDATE "), .identifier([schema.table]), .text(" SET ")]
        fragments.reserveCapacity(8 + positions.count * (6 + rows.count * 4) + rows.count * 2)
        for (number, position) in positions.enumerated() {
            let field = schema.fields[position]
            let type = casts ? ColumnTypes.sqlType(field.type, dialect: dialect) : nil
            if number > 0 { fragments.append(.text(", ")) }
            fragments.append(.identifier([field.column]))
            fragments.append(.text(" = CASE "))
            fragments.append(.identifier([keyColumn]))
            for row in rows {
                fragments.append(.text(" WHEN "))
                fragments.append(.binding(row[key]))
                fragments.append(.text(type == nil ? " THEN " : " THEN CAST("))
                fragments.append(.binding(row[position]))
                if let type { fragments.append(.text(" AS \(type))")) }
            }
            fragments.append(.text(" ELSE "))
            fragments.append(.identifier([field.column]))
            fragments.append(.text(" END"))
        }
        fragments.append(.text(" WHERE "))
        fragments.append(.identifier([keyColumn]))
        for (number, row) in rows.enumerated() {
            fragments.append(.text(number == 0 ? " IN (" : ", "))
            fragments.append(.binding(row[key]))
        }
        fragments.append(.text(")"))
        return SQL(fragments: fragments)
    }

    /// `DELETE` of one row by primary key.
    func delete(primaryKey: DatabaseValue) -> SQL {
        "DELETE FROM \(identifier: schema.table) WHERE \(identifier: schema.primaryKey.column) = \(primaryKey)"
    }

    /// `UPDATE … SET … WHERE pk IN (SELECT …)` for a QuerySet's rows; the subquery carries
    /// any joins the filter needs.
    func update(_ assignments: [Assignment], matching query: Query) throws(QueryError) -> SQL {
        var expressions = ExpressionCompiler(dialect: dialect, plan: JoinPlan(root: schema))
        var sets: [SQL] = []
        for assignment in assignments {
            guard assignment.path == .root else {
                throw QueryError("update() can only set \(schema.name)'s own columns, not '\(assignment.column)' through a relation")
            }
            var value = try expressions.compile(assignment.value)
            value = Self.unqualified(value, alias: JoinPlan.rootAlias)
            sets.append("\(identifier: assignment.column) = \(value)")
        }
        return "UPDATE \(identifier: schema.table) SET \(sets.joined(separator: ", "))\(try whereClause(query))"
    }

    /// `DELETE … WHERE pk IN (SELECT …)` for a QuerySet's rows.
    func delete(matching query: Query) throws(QueryError) -> SQL {
        "DELETE FROM \(identifier: schema.table)\(try whereClause(query))"
    }

    private func whereClause(_ query: Query) throws(QueryError) -> SQL {
        guard query.predicate != nil || query.limit != nil || query.offset != nil else { return SQL() }
        let keys = try SelectCompiler(query: query, dialect: dialect).primaryKeys()
        return " WHERE \(identifier: schema.primaryKey.column) IN (\(keys))"
    }

    private var keyIndex: Int { schema.primaryKeyPosition }

    /// Column references in an `UPDATE … SET` value refer to the updated table itself.
    static func unqualified(_ sql: SQL, alias: String) -> SQL {
        SQL(fragments: sql.fragments.map { fragment in
            if case .identifier(let names) = fragment, names.count == 2, names[0] == alias {
                return .identifier([names[1]])
            }
            return fragment
        })
    }
}

/// `column = value` in a QuerySet update.
public struct Assignment: Sendable {
    let path: RelationPath
    let column: String
    let value: SQLExpression
}

extension Column {
    /// Sets the column to a value in ``QuerySet/update(_:on:)``.
    public func set(_ value: Value) -> Assignment {
        Assignment(path: path, column: column, value: .value(value.databaseValue))
    }

    /// Sets the column to an expression computed by the database — race-free updates such
    /// as `$0.views.set($0.views + 1)` (Django's `F()`).
    public func set(_ expression: some TypedExpression<Value>) -> Assignment {
        Assignment(path: path, column: column, value: expression.sqlExpression)
    }
}
