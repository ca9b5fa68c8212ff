/// One result row: values by index (fast) or by column name, plus typed decoding.
///
/// All rows of one result share a single ``RowColumns`` layout.
///
/// ```swift
/// for row in try await db.query("SELECT id, title, published_at FROM posts") {
///     let id = try row.decode(Int64.self, at: 0)
///     let title = try row.decode(String.self, column: "title")
///     let published: Date? = try row.decode(column: "published_at")
/// }
/// ```
public struct Row: Sendable {
    /// The shared column layout.
    public let columns: RowColumns
    /// The values, in column order.
    public private(set) var values: [DatabaseValue]

    /// Creates a row; `values.count` must equal `columns.count`.
    ///
    /// ```swift
    /// let row = Row(columns: RowColumns(["id"]), values: [.int(1)])
    /// ```
    public init(columns: RowColumns, values: [DatabaseValue]) {
        precondition(values.count == columns.count, "a row needs one value per column")
        self.columns = columns
        self.values = values
    }

    /// Writes the next row of the same result into this row's storage: `body` gets the
    /// values to overwrite, as many as there are columns. A driver reading rows one at a time
    /// calls this once its reader has let go of the previous row, so that no row allocates.
    package mutating func overwriteValues(_ body: (UnsafeMutableBufferPointer<DatabaseValue>) -> Void) {
        values.withUnsafeMutableBufferPointer { body($0) }
    }

    /// The number of columns.
    public var count: Int { values.count }

    /// The value at `index`; traps when out of range, like an array.
    public subscript(index: Int) -> DatabaseValue {
        values[index]
    }

    /// The value of the first column named `column`, or `nil` if the row has none.
    public subscript(column: String) -> DatabaseValue? {
        columns.index(of: column).map { values[$0] }
    }

    /// `true` if the row has a column named `column`.
    public func hasColumn(_ column: String) -> Bool {
        columns.index(of: column) != nil
    }

    /// Decodes the value at `index`.
    ///
    /// - Parameters:
    ///   - type: The type to decode; inferred when omitted.
    ///   - index: The column index.
    /// - Returns: The decoded value.
    /// - Throws: ``DatabaseDecodingError`` naming the column (``DatabaseDecodingError/Code/columnNotFound``
    ///   for a bad index).
    ///
    /// ```swift
    /// let count = try row.decode(Int.self, at: 0)
    /// ```
    @inlinable @inline(__always)
    public func decode<Value: DatabaseValueConvertible>(
        _ type: Value.Type = Value.self, at index: Int
    ) throws(DatabaseDecodingError) -> Value {
        // Inlinable so each model's generated decoder gets a specialised copy: a generic call
        // per column, with its metadata lookups, was a tenth of a 20-row page fetch.
        guard values.indices.contains(index) else { throw missingColumn(Value.self, at: index) }
        do {
            return try Value(databaseValue: values[index])
        } catch {
            throw naming(error, at: index)
        }
    }

    @usableFromInline
    func missingColumn(_ type: Any.Type, at index: Int) -> DatabaseDecodingError {
        DatabaseDecodingError(
            code: .columnNotFound, expectedType: String(describing: type), foundKind: "nothing",
            detail: "the row has \(values.count) columns", column: "#\(index)")
    }

    @usableFromInline
    func naming(_ error: DatabaseDecodingError, at index: Int) -> DatabaseDecodingError {
        var error = error
        error.column = columns.names[index]
        return error
    }

    /// Decodes the value of the first column named `column`.
    ///
    /// - Parameters:
    ///   - type: The type to decode; inferred when omitted.
    ///   - column: The column name (exact match).
    /// - Returns: The decoded value.
    /// - Throws: ``DatabaseDecodingError`` naming the column.
    ///
    /// ```swift
    /// let title: String = try row.decode(column: "title")
    /// ```
    public func decode<Value: DatabaseValueConvertible>(
        _ type: Value.Type = Value.self, column: String
    ) throws(DatabaseDecodingError) -> Value {
        guard let index = columns.index(of: column) else {
            throw DatabaseDecodingError(
                code: .columnNotFound, expectedType: String(describing: Value.self), foundKind: "nothing",
                detail: "the row has columns \(columns.names.joined(separator: ", "))", column: column)
        }
        return try decode(Value.self, at: index)
    }
}

extension Row: CustomStringConvertible {
    /// Column names with value kinds (not values), e.g. `[id: integer, title: text]`.
    public var description: String {
        "[" + zip(columns.names, values).map { "\($0): \($1.kind)" }.joined(separator: ", ") + "]"
    }
}
