import RoostDatabase

/// Where each primary key of a page of models first appears, so that the rows of a prefetch
/// query find the model they belong to.
///
/// Integer keys, the usual auto-increment case, go in an open-addressing table of `Int64`s:
/// a listing looks a key up for every related row, and hashing a ``DatabaseValue`` through
/// `Dictionary` cost about as much as decoding the row's model. Other keys (UUIDs, text) use
/// a `Dictionary`. The table's hash is keyed per instance, so keys that collide for one
/// table do not collide for the next.
struct KeyPositions {
    /// Slots of the integer table: `position` is -1 for an empty slot.
    private var slots: [(key: Int64, position: Int)]
    private var integerCount = 0
    private let mask: Int
    /// 64 minus the number of bits of a slot index.
    private let shift: UInt64
    private let multiplier: UInt64
    private var others: [DatabaseValue: Int] = [:]

    /// An empty table with room for `capacity` integer keys; it grows past that. Slots are
    /// kept at most half full.
    init(capacity: Int) {
        var bits = 4
        while 1 << bits < capacity * 2 { bits += 1 }
        slots = Array(repeating: (0, -1), count: 1 << bits)
        mask = (1 << bits) - 1
        shift = UInt64(64 - bits)
        multiplier = UInt64.random(in: 1...UInt64.max) | 1
    }

    /// Records `key` at `position` unless it is listed already; returns the earlier position
    /// of a key listed again.
    mutating func insert(_ key: DatabaseValue, at position: Int) -> Int? {
        guard case .int(let integer) = key else {
            if let first = others[key] { return first }
            others[key] = position
            return nil
        }
        if (integerCount + 1) * 2 > slots.count { grow() }
        var slot = self.slot(of: integer)
        while slots[slot].position >= 0 {
            if slots[slot].key == integer { return slots[slot].position }
            slot = (slot + 1) & mask
        }
        slots[slot] = (integer, position)
        integerCount += 1
        return nil
    }

    /// The position recorded for `key`, or `nil`.
    func position(of key: DatabaseValue) -> Int? {
        guard case .int(let integer) = key else { return others[key] }
        var slot = self.slot(of: integer)
        while slots[slot].position >= 0 {
            if slots[slot].key == integer { return slots[slot].position }
            slot = (slot + 1) & mask
        }
        return nil
    }

    /// `true` when every key recorded is an integer.
    var holdsOnlyIntegers: Bool { others.isEmpty }

    private func slot(of key: Int64) -> Int {
        // Multiplicative hashing with a random odd multiplier: the product's top bits are the
        // best mixed.
        Int(truncatingIfNeeded: (UInt64(bitPattern: key) &* multiplier) >> shift)
    }

    private mutating func grow() {
        var larger = KeyPositions(capacity: slots.count)
        for entry in slots where entry.position >= 0 { _ = larger.insert(.int(entry.key), at: entry.position) }
        larger.others = others
        self = larger
    }
}
