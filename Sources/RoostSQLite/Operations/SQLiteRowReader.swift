import RoostDatabase
import SQLiteNIO

/// Turns sqlite-nio rows into ``Row``s, creating the shared ``RowColumns`` from the first, and
/// hands each to a reader.
///
/// sqlite-nio calls a statement's row callback on one thread pool thread, one row after
/// another, and completes the query after the last call: what the callback writes is read
/// only after that completion, so the reader needs no lock (hence `@unchecked Sendable`).
///
/// With `reusingStorage`, every row is written into one row's storage: once the reader has let
/// go of a row, the next one goes into the same values instead of a new allocation. Readers
/// that keep rows (collecting or streaming them) get a fresh array per row. After the reader
/// throws, later rows are skipped, since sqlite-nio's callback cannot stop the statement.
///
/// Each row is handed on in place, without a retain or release: the reader is a constant
/// taking the row `inout`, and the row lives behind a pointer.
final class SQLiteRowReader: @unchecked Sendable {
    private let reusingStorage: Bool
    private let deliver: (inout Row) throws -> Void
    /// The row handed out last, whose storage the next one reuses; empty before the first.
    private let row: UnsafeMutablePointer<Row>
    @exclusivity(unchecked) private var columns: RowColumns?
    @exclusivity(unchecked) private var count = 0
    @exclusivity(unchecked) private var error: (any Error)?

    init(reusingStorage: Bool, _ reader: @escaping @Sendable (Row) throws -> Void) {
        self.reusingStorage = reusingStorage
        deliver = { try reader($0) }
        row = .allocate(capacity: 1)
        row.initialize(to: Row(columns: RowColumns([]), values: []))
    }

    deinit {
        row.deinitialize(count: 1)
        row.deallocate()
    }

    /// Runs the statement, reading its rows; returns how many were read.
    ///
    /// - Throws: the driver's errors as ``DatabaseError``s, or the first error of the reader.
    ///
    /// The driver's row callback holds this reader unowned: sqlite-nio may keep the callback
    /// (in its thread pool's work item) after the query has returned, and the reader, with the
    /// closure it was given, must not outlive this call. The callback is only ever called
    /// before the query returns, while this method keeps the reader alive.
    func run(_ sql: String, _ binds: [SQLiteData], on connection: SQLiteConnection) async throws -> Int {
        defer { withExtendedLifetime(self) {} }
        do {
            try await connection.query(sql, binds) { [unowned(unsafe) self] in self.read($0) }
        } catch {
            throw SQLiteErrors.map(error, sql: sql)
        }
        if let error { throw error }
        return count
    }

    /// Where a cell's value sits in sqlite-nio's `SQLiteColumn`; `nil` would mean the layout
    /// does not allow moving it out, and values are copied instead.
    private static let dataOffset = MemoryLayout<SQLiteColumn>.offset(of: \SQLiteColumn.data)

    private func read(_ raw: SQLiteRow) {
        guard error == nil else { return }
        var cells = raw.columns
        if reusingStorage, columns != nil, row.pointee.count == cells.count, let dataOffset = Self.dataOffset {
            // `cells` is a fresh array of our own: each value is moved out of it, and NULL left
            // in its place, so that text is handed on without a retain here and a release
            // when the array goes.
            cells.withUnsafeMutableBufferPointer { cells in
                let base = UnsafeMutableRawPointer(cells.baseAddress!) + dataOffset
                row.pointee.overwriteValues { values in
                    for index in values.indices {
                        let data = (base + index * MemoryLayout<SQLiteColumn>.stride).assumingMemoryBound(to: SQLiteData.self)
                        values[index] = SQLiteValues.decode(data.move())
                        data.initialize(to: .null)
                    }
                }
            }
        } else {
            let layout: RowColumns
            if let columns {
                layout = columns
            } else {
                layout = RowColumns(cells.map { $0.name })
                columns = layout
            }
            row.pointee = Row(columns: layout, values: cells.map { SQLiteValues.decode($0.data) })
        }
        count += 1
        do {
            try deliver(&row.pointee)
        } catch {
            self.error = error
        }
    }
}

/// Collects every row of a statement (see ``SQLiteRowReader`` for the threading).
final class SQLiteRowCollector: @unchecked Sendable {
    @exclusivity(unchecked) private(set) var rows: [Row] = []

    func append(_ row: Row) {
        rows.append(row)
    }
}
