/// The slots of one runtime frame (root, block, macro, call block, recursive loop).
final class FunctionScope {
    let parent: FunctionScope?
    private var slotKeys: [String: Int] = [:]
    private(set) var slotCount = 0

    init(parent: FunctionScope?) {
        self.parent = parent
    }

    /// The slot for `name` at symbol level `level` (Jinja's `l_<level>_<name>`).
    func slot(level: Int, name: String) -> Int {
        let key = "\(level):\(name)"
        if let s = slotKeys[key] { return s }
        let s = slotCount
        slotCount += 1
        slotKeys[key] = s
        return s
    }

    /// How many frames up `other` is from this one, or nil if it is not an ancestor.
    func distance(to other: FunctionScope) -> Int? {
        var d = 0
        var f: FunctionScope? = self
        while let cur = f {
            if cur === other { return d }
            d += 1
            f = cur.parent
        }
        return nil
    }
}

/// A variable: a slot in a function frame.
struct VarRef: Hashable {
    let function: ObjectIdentifier
    let slot: Int
    unowned let scope: FunctionScope

    static func == (a: VarRef, b: VarRef) -> Bool { a.function == b.function && a.slot == b.slot }
    func hash(into h: inout Hasher) {
        h.combine(function)
        h.combine(slot)
    }
}

/// How a variable gets its value when its scope is entered.
enum LoadMode {
    /// Set by the caller (macro argument, loop target).
    case param
    /// Looked up in the context by name.
    case resolve(String)
    /// Copied from an outer variable.
    case alias(VarRef)
    /// Starts missing (undefined).
    case undefined
}

/// The symbol table of one Jinja frame (Jinja's `Symbols`): which names are local, where
/// they live, and how they are initialised.
final class Symbols {
    let level: Int
    let parent: Symbols?
    let function: FunctionScope
    var refs: [String: VarRef] = [:]
    var loads: [VarRef: LoadMode] = [:]
    var loadOrder: [VarRef] = []
    var stores: Set<String> = []
    var names: [VarRef: String] = [:]

    init(parent: Symbols?, function: FunctionScope, level: Int? = nil) {
        self.parent = parent
        self.function = function
        self.level = level ?? ((parent?.level ?? -1) + 1)
    }

    func copy() -> Symbols {
        let s = Symbols(parent: parent, function: function, level: level)
        s.refs = refs
        s.loads = loads
        s.loadOrder = loadOrder
        s.stores = stores
        s.names = names
        return s
    }

    private func define(_ name: String, _ mode: LoadMode) -> VarRef {
        let slot = function.slot(level: level, name: name)
        let ref = VarRef(function: ObjectIdentifier(function), slot: slot, scope: function)
        refs[name] = ref
        if loads[ref] == nil { loadOrder.append(ref) }
        loads[ref] = mode
        names[ref] = name
        return ref
    }

    func findRef(_ name: String) -> VarRef? {
        if let r = refs[name] { return r }
        return parent?.findRef(name)
    }

    func load(_ name: String) {
        if findRef(name) == nil { _ = define(name, .resolve(name)) }
    }

    func store(_ name: String) {
        stores.insert(name)
        if refs[name] != nil { return }
        if let outer = parent?.findRef(name) {
            _ = define(name, .alias(outer))
        } else {
            _ = define(name, .undefined)
        }
    }

    @discardableResult
    func declareParameter(_ name: String) -> VarRef {
        stores.insert(name)
        return define(name, .param)
    }

    /// Merges the symbols of `if` branches (Jinja's `branch_update`).
    func branchUpdate(_ branches: [Symbols]) {
        var counts: [String: Int] = [:]
        var order: [String] = []
        for b in branches {
            for name in b.stores.sorted() where !stores.contains(name) {
                if counts[name] == nil { order.append(name) }
                counts[name, default: 0] += 1
            }
        }
        for b in branches {
            for ref in b.loadOrder where loads[ref] == nil { loadOrder.append(ref) }
            refs.merge(b.refs) { _, new in new }
            loads.merge(b.loads) { _, new in new }
            names.merge(b.names) { _, new in new }
            stores.formUnion(b.stores)
        }
        for name in order where counts[name] != branches.count {
            guard let target = findRef(name) else { continue }
            if let outer = parent?.findRef(name) {
                loads[target] = .alias(outer)
            } else {
                loads[target] = .resolve(name)
            }
        }
    }

    /// Every stored name visible from here with its variable (Jinja's `dump_stores`).
    func dumpStores() -> [(String, VarRef)] {
        var seen = Set<String>()
        var out: [(String, VarRef)] = []
        var node: Symbols? = self
        while let n = node {
            for name in n.stores.sorted() where !seen.contains(name) {
                seen.insert(name)
                if let r = findRef(name) { out.append((name, r)) }
            }
            node = n.parent
        }
        return out
    }
}
