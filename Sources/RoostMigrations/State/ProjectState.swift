import RoostORM

/// Every model as the migrations describe it at one point of their history. It is rebuilt by
/// replaying migrations' operations, never by reading the database, so it is the same on
/// every machine; the autodetector compares it with the models in the code.
///
/// ```swift
/// var state = ProjectState()
/// try CreateModel("Tag", table: "tag", fields: [FieldSpec("id", .autoIncrement)]).apply(to: &state, app: "blog")
/// state[model: "Tag"]?.table      // "tag"
/// state.schema(for: "Tag")         // a ModelSchema the schema editor (and RunSwift code) can use
/// ```
public struct ProjectState: Sendable, Hashable {
    /// The models by name.
    public private(set) var models: [String: ModelState]

    /// A state holding `models`.
    public init(models: [ModelState] = []) {
        var byName: [String: ModelState] = [:]
        for model in models { byName[model.name] = model }
        self.models = byName
    }

    /// The model with this name.
    public subscript(model name: String) -> ModelState? {
        models[name]
    }

    /// The models' names, sorted, for deterministic output.
    public var modelNames: [String] {
        models.keys.sorted()
    }

    /// The model with `name`, or an error naming what the operation expected.
    func require(_ name: String, for operation: String) throws(MigrationError) -> ModelState {
        guard let model = models[name] else {
            throw MigrationError(.invalidOperation, "\(operation): there is no model '\(name)' at this point of the migrations")
        }
        return model
    }

    mutating func insert(_ model: ModelState, for operation: String) throws(MigrationError) {
        if models[model.name] != nil {
            throw MigrationError(.invalidOperation, "\(operation): a model named '\(model.name)' already exists")
        }
        if let clash = models.values.first(where: { $0.table == model.table }) {
            throw MigrationError(.invalidOperation, "\(operation): the table '\(model.table)' already belongs to \(clash.name)")
        }
        models[model.name] = model
    }

    mutating func replace(_ model: ModelState) {
        models[model.name] = model
    }

    mutating func remove(_ name: String) {
        models[name] = nil
    }

    /// The fields of other models (or of the model itself) that reference `model`.
    func references(to model: String) -> [(model: ModelState, field: FieldSpec)] {
        var found: [(model: ModelState, field: FieldSpec)] = []
        for name in modelNames {
            guard let state = models[name] else { continue }
            for field in state.fields where field.reference?.model == model {
                found.append((state, field))
            }
        }
        return found
    }

    /// The join tables (of any model) whose target is `model`.
    func joinTables(targeting model: String) -> [(model: ModelState, joinTable: JoinTableSpec)] {
        var found: [(model: ModelState, joinTable: JoinTableSpec)] = []
        for name in modelNames {
            guard let state = models[name] else { continue }
            for joinTable in state.joinTables where joinTable.target == model {
                found.append((state, joinTable))
            }
        }
        return found
    }

    /// Points every reference and join table aimed at `old` at `new`.
    mutating func retarget(from old: String, to new: String) {
        for name in modelNames {
            guard var state = models[name] else { continue }
            for index in state.fields.indices where state.fields[index].reference?.model == old {
                state.fields[index].reference?.model = new
            }
            for index in state.joinTables.indices where state.joinTables[index].target == old {
                state.joinTables[index].target = new
            }
            models[name] = state
        }
    }
}
