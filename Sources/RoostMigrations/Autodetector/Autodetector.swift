public import RoostDatabase
import RoostORM

/// Compares the state the migrations build with the state the models declare, and lists
/// the operations that take one to the other, app by app, in an order the database accepts:
/// renames first; then removed indexes, constraints, join tables and fields; new models
/// (referenced ones first); new and changed fields; new join tables; deleted models; new
/// indexes and constraints.
///
/// ```swift
/// let changes = try Autodetector(from: loader.finalState(), to: loader.modelState(),
///                                defaults: loader.modelDefaults(), questioner: answers).changes()
/// for (app, operations) in changes.operations { print(app, operations.map(\.summary)) }
/// ```
public struct Autodetector {
    /// The state the migrations build.
    public let from: ProjectState
    /// The state the models declare.
    public let to: ProjectState
    /// The models' defaults, `[model: [field: value]]`, for new non-nullable fields.
    public let defaults: [String: [String: DatabaseValue]]
    /// Answers renames, defaults and lossy changes.
    public let questioner: any MigrationQuestioner

    /// A detector between two states.
    public init(from: ProjectState, to: ProjectState, defaults: [String: [String: DatabaseValue]] = [:], questioner: any MigrationQuestioner) {
        self.from = from
        self.to = to
        self.defaults = defaults
        self.questioner = questioner
    }

    /// What changed.
    public struct Changes: Sendable {
        /// The operations, by app label, in order.
        public var operations: [String: [any MigrationOperation]] = [:]
        /// Things the user should know (possible renames that were not taken).
        public var notes: [String] = []

        /// Whether nothing changed.
        public var isEmpty: Bool { operations.values.allSatisfy(\.isEmpty) }
    }

    /// Works out the operations.
    /// - Throws: ``MigrationError`` with ``MigrationError/Code/needsDefault`` or
    ///   ``MigrationError/Code/lossyChange`` when the questioner gives no value or no
    ///   permission.
    public func changes() throws -> Changes {
        var work = Work(state: from, target: to)
        try detectModelRenames(&work)
        try detectFieldRenames(&work)
        try removeTableObjects(&work)
        try removeJoinTables(&work)
        try removeFields(&work)
        try createModels(&work)
        try addFields(&work)
        try alterFields(&work)
        try addJoinTables(&work)
        try deleteModels(&work)
        try addTableObjects(&work)
        return work.changes
    }

    /// The working state: the `from` state with every operation found so far applied.
    struct Work {
        var state: ProjectState
        let target: ProjectState
        var changes = Changes()

        /// Applies `operation` to the working state and records it for `app`.
        mutating func emit(_ operation: any MigrationOperation, app: String) throws {
            try operation.apply(to: &state, app: app)
            changes.operations[app, default: []].append(operation)
        }

        /// Models present in both states, by name, sorted.
        var commonModels: [(old: ModelState, new: ModelState)] {
            state.modelNames.compactMap { name in
                guard let old = state[model: name], let new = target[model: name] else { return nil }
                return (old, new)
            }
        }
    }

    // MARK: Models

    private func detectModelRenames(_ work: inout Work) throws {
        let removed = work.state.modelNames.filter { to[model: $0] == nil }
        var added = to.modelNames.filter { work.state[model: $0] == nil }
        for oldName in removed {
            guard let old = work.state[model: oldName] else { continue }
            let removedHere = removed.filter { work.state[model: $0]?.app == old.app }.count
            for newName in added {
                guard let new = to[model: newName], new.app == old.app else { continue }
                let addedHere = added.filter { to[model: $0]?.app == old.app }.count
                if questioner.isRename(model: old, to: new) {
                    try work.emit(RenameModel(from: oldName, to: newName, table: old.table == new.table ? nil : new.table), app: old.app)
                    added.removeAll { $0 == newName }
                    break
                }
                if Self.similar(old.fields, new.fields) || (removedHere == 1 && addedHere == 1) {
                    work.changes.notes.append(
                        "\(oldName) was removed and \(newName) added to \(new.app): if it is a rename, run again with --rename-model \(oldName):\(newName) (the table and its rows are kept)."
                    )
                }
            }
        }
    }

    private func createModels(_ work: inout Work) throws {
        let added = to.modelNames.filter { work.state[model: $0] == nil }
        var created: Set<String> = []
        var deferred: [(model: ModelState, field: FieldSpec)] = []
        var visiting: Set<String> = []
        func create(_ name: String) throws {
            guard !created.contains(name), let model = to[model: name] else { return }
            visiting.insert(name)
            var fields: [FieldSpec] = []
            for field in model.fields {
                if let target = field.reference?.model, target != name, added.contains(target), !created.contains(target) {
                    if visiting.contains(target) {
                        // A cycle between new models: add this reference once both exist.
                        deferred.append((model, field))
                        continue
                    }
                    try create(target)
                }
                fields.append(field)
            }
            visiting.remove(name)
            let columns = Set(fields.map(\.column))
            let indexes = model.indexes.filter { Set($0.columns).isSubset(of: columns) }
            let constraints = model.constraints.filter { constraint in
                switch constraint.kind {
                case .unique(let names): Set(names).isSubset(of: columns)
                case .check(let predicate): PredicateColumns.columns(in: predicate).isSubset(of: columns)
                }
            }
            try work.emit(CreateModel(name, table: model.table, fields: fields, indexes: indexes, constraints: constraints), app: model.app)
            created.insert(name)
        }
        for name in added { try create(name) }
        for (model, field) in deferred {
            try work.emit(AddField(model: model.name, field, default: nil), app: model.app)
        }
    }

    private func deleteModels(_ work: inout Work) throws {
        var remaining = work.state.modelNames.filter { to[model: $0] == nil }
        // Delete models that others still reference last.
        while !remaining.isEmpty {
            let next =
                remaining.first { name in
                    !remaining.contains { other in
                        other != name && (work.state[model: other]?.fields.contains { $0.reference?.model == name } ?? false)
                    }
                } ?? remaining[0]
            guard let model = work.state[model: next] else { break }
            for joinTable in model.joinTables {
                try work.emit(DeleteJoinTable(model: next, field: joinTable.field), app: model.app)
            }
            try work.emit(DeleteModel(next), app: model.app)
            remaining.removeAll { $0 == next }
        }
    }

    /// Whether at least half the fields of two models match by name and column definition:
    /// enough to suggest that one model may be the other renamed.
    static func similar(_ lhs: [FieldSpec], _ rhs: [FieldSpec]) -> Bool {
        let matching = rhs.filter { field in lhs.contains { $0.name == field.name && sameColumn($0, field) } }.count
        return matching * 2 >= max(lhs.count, rhs.count)
    }

    /// Whether two fields differ at most in name and column.
    static func sameColumn(_ lhs: FieldSpec, _ rhs: FieldSpec) -> Bool {
        lhs.type == rhs.type && lhs.nullable == rhs.nullable && lhs.primaryKey == rhs.primaryKey && lhs.unique == rhs.unique
            && lhs.indexed == rhs.indexed && lhs.reference == rhs.reference
    }
}
