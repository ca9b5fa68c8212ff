public import RoostDatabase

extension Model {
    /// Runs hand-written SQL and maps each row into the model by column name: Django's
    /// `Model.objects.raw()`. Values stay bound parameters; the row must have every
    /// column of the model (extra columns are ignored).
    ///
    /// ```swift
    /// let popular = try await Post.raw(
    ///     "SELECT * FROM \(identifier: "post") WHERE \(identifier: "views") > \(minimum)", on: db
    /// )
    /// ```
    /// - Throws: ``QueryError`` naming a missing column; ``ModelDecodingError`` for a value
    ///   that does not fit.
    public static func raw(_ sql: SQL, on database: any DatabaseExecutor) async throws -> [Self] {
        let rows = try await database.query(sql)
        guard let first = rows.first else { return [] }
        var positions: [Int] = []
        for field in schema.fields {
            guard let position = first.columns.index(of: field.column) else {
                throw QueryError("raw SQL for \(schema.name) must return column '\(field.column)'")
            }
            positions.append(position)
        }
        let layout = RowColumns(schema.fields.map(\.column))
        return try rows.map { row in
            try Self(row: Row(columns: layout, values: positions.map { row[$0] }), startingAt: 0)
        }
    }
}
