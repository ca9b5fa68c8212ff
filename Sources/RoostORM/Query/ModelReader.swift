import RoostDatabase

/// Decodes a query's models while the driver reads its rows
/// (``DatabaseExecutor/query(_:reading:)``), so no row outlives its model's decoding.
///
/// This code is generic over the app's model type and not specialised for it (it lives in
/// another module), so it keeps what it needs in its own stored properties and writes
/// models into raw storage: appending to an `[M]`, or reaching the query set's loaders, would
/// look type metadata up for every row.
///
/// The driver calls ``read(_:)`` one row at a time and returns only after the last call, so
/// the storage is touched by one thread at a time and read after the query: hence
/// `@unchecked Sendable`, without a lock on every row.
final class ModelReader<M: Model>: @unchecked Sendable {
    /// The loaders' functions alone: reading a whole ``RelatedLoader`` out of an array, once
    /// per row, would retain and release its path as well.
    private let loads: [@Sendable (inout M, Row, Int) throws -> Void]
    private let offsets: [Int]
    @exclusivity(unchecked) private var storage: UnsafeMutablePointer<M>
    @exclusivity(unchecked) private var capacity: Int
    @exclusivity(unchecked) private var count = 0

    /// - Parameters:
    ///   - loaders: The `selectRelated` loaders, with the column offsets of their models.
    ///   - expected: The query's limit, if any: room for that many models (up to a page's
    ///     worth) is made up front.
    init(loaders: [RelatedLoader<M>] = [], offsets: [Int] = [], expected: Int?) {
        precondition(loaders.count == offsets.count, "one column offset per related loader")
        loads = loaders.map { $0.load }
        self.offsets = offsets
        capacity = max(1, min(expected ?? 16, 256))
        storage = .allocate(capacity: capacity)
    }

    deinit {
        storage.deinitialize(count: count)
        storage.deallocate()
    }

    /// Decodes the model (and its `selectRelated` models) from `row` and keeps it.
    func read(_ row: Row) throws {
        var model = try M(row: row, startingAt: 0)
        if !offsets.isEmpty {
            for index in offsets.indices { try loads[index](&model, row, offsets[index]) }
        }
        if count == capacity { grow() }
        (storage + count).initialize(to: consume model)
        count += 1
    }

    /// The models read so far, moved out: the reader is empty afterwards.
    func takeModels() -> [M] {
        let models = [M](unsafeUninitializedCapacity: count) { buffer, initialized in
            if count > 0 { buffer.baseAddress!.moveInitialize(from: storage, count: count) }
            initialized = count
        }
        count = 0
        return models
    }

    /// The models read so far, moved into `groupCount` arrays: model `i` goes to
    /// `groups[i]`, after the models of that group read before it; a model of group -1 is
    /// dropped. The reader is empty afterwards.
    func takeModels(groupedBy groups: [Int], groupCount: Int) -> [[M]] {
        precondition(groups.count == count, "one group per model read")
        var sizes = [Int](repeating: 0, count: groupCount)
        for group in groups where group >= 0 { sizes[group] += 1 }
        // A counting sort: `order[starts[g]..<starts[g + 1]]` are group g's models, in order.
        var starts = [Int](repeating: 0, count: groupCount + 1)
        for group in 0..<groupCount { starts[group + 1] = starts[group] + sizes[group] }
        var order = [Int](repeating: 0, count: starts[groupCount])
        var next = starts
        for (model, group) in groups.enumerated() where group >= 0 {
            order[next[group]] = model
            next[group] += 1
        }
        let grouped = [[M]](unsafeUninitializedCapacity: groupCount) { arrays, made in
            while made < groupCount {
                let start = starts[made], size = sizes[made]
                let array = [M](unsafeUninitializedCapacity: size) { buffer, moved in
                    while moved < size {
                        (buffer.baseAddress! + moved).moveInitialize(from: storage + order[start + moved], count: 1)
                        moved += 1
                    }
                }
                (arrays.baseAddress! + made).initialize(to: array)
                made += 1
            }
        }
        for (model, group) in groups.enumerated() where group < 0 { (storage + model).deinitialize(count: 1) }
        count = 0
        return grouped
    }

    private func grow() {
        let larger = UnsafeMutablePointer<M>.allocate(capacity: capacity * 2)
        larger.moveInitialize(from: storage, count: count)
        storage.deallocate()
        storage = larger
        capacity *= 2
    }
}

/// Decodes the single row of a primary-key lookup, without the storage ``ModelReader`` sets up
/// for many (same threading as ``ModelReader``).
final class SingleModelReader<M: Model>: @unchecked Sendable {
    @exclusivity(unchecked) private(set) var model: M?

    /// Decodes the model from `row`; a later row (which a primary key rules out) replaces it.
    func read(_ row: Row) throws {
        model = try M(row: row, startingAt: 0)
    }
}

/// Decodes rows that each carry a model and, in column `ownerColumn`, the key of the model
/// they belong to: a many-to-many prefetch's targets with their source keys. Groups the models
/// by their owner's position in `owners`, dropping those of keys not listed there (same
/// threading as ``ModelReader``).
final class OwnedModelReader<OwnerKey: DatabaseValueConvertible, M: Model>: @unchecked Sendable {
    private let models = ModelReader<M>(expected: nil)
    private let owners: KeyPositions
    private let ownerColumn: Int
    @exclusivity(unchecked) private var positions: [Int] = []

    init(owners: KeyPositions, ownerColumn: Int) {
        self.owners = owners
        self.ownerColumn = ownerColumn
    }

    func read(_ row: Row) throws {
        let value = row[ownerColumn]
        // Integer keys come back as the integers they were bound as. Other keys are first
        // checked and normalised to the key type's own encoding (UUIDs are text in SQLite),
        // which is what `primaryKeyValue` gave the owners.
        let key = if case .int = value, owners.holdsOnlyIntegers { value } else {
            try OwnerKey(databaseValue: value).databaseValue
        }
        try models.read(row)
        positions.append(owners.position(of: key) ?? -1)
    }

    /// The models read, one array per owner position (`ownerCount` of them); the reader is
    /// empty afterwards.
    func takeGrouped(ownerCount: Int) -> [[M]] {
        defer { positions = [] }
        return models.takeModels(groupedBy: positions, groupCount: ownerCount)
    }
}

/// Keeps the first column of each row: the keys an `INSERT … RETURNING` reports (same
/// threading as ``ModelReader``).
final class FirstColumnReader: @unchecked Sendable {
    @exclusivity(unchecked) private(set) var values: [DatabaseValue] = []

    init(expected: Int) {
        values.reserveCapacity(expected)
    }

    func read(_ row: Row) {
        values.append(row[0])
    }
}
