import RoostORM

/// Indexes, constraints and join tables: removed before the fields they use go, added once
/// the fields they use exist.
extension Autodetector {
    func removeTableObjects(_ work: inout Work) throws {
        for (old, new) in work.commonModels {
            for index in old.indexes where !new.indexes.contains(index) {
                if let renamed = new.indexes.first(where: { $0.columns == index.columns && $0.unique == index.unique }),
                    !old.indexes.contains(where: { $0.name == renamed.name })
                {
                    try work.emit(RenameIndex(model: old.name, from: index.name, to: renamed.name), app: old.app)
                } else {
                    try work.emit(RemoveIndex(model: old.name, name: index.name), app: old.app)
                }
            }
            for constraint in old.constraints where !new.constraints.contains(constraint) {
                try work.emit(RemoveConstraint(model: old.name, name: constraint.name), app: old.app)
            }
        }
    }

    func addTableObjects(_ work: inout Work) throws {
        for name in to.modelNames {
            guard let old = work.state[model: name], let new = to[model: name] else { continue }
            for index in new.indexes where !old.indexes.contains(index) {
                try work.emit(AddIndex(model: name, index), app: new.app)
            }
            for constraint in new.constraints where !old.constraints.contains(constraint) {
                try work.emit(AddConstraint(model: name, constraint), app: new.app)
            }
        }
    }

    func removeJoinTables(_ work: inout Work) throws {
        for (old, new) in work.commonModels {
            for joinTable in old.joinTables {
                let replacement = new.joinTable(field: joinTable.field)
                if replacement == nil || replacement?.target != joinTable.target {
                    try work.emit(DeleteJoinTable(model: old.name, field: joinTable.field), app: old.app)
                }
            }
        }
        // Join tables of kept models aimed at models that are going away.
        for name in work.state.modelNames where to[model: name] == nil {
            for (model, joinTable) in work.state.joinTables(targeting: name) where model.name != name && to[model: model.name] != nil {
                if work.state[model: model.name]?.joinTable(field: joinTable.field) != nil {
                    try work.emit(DeleteJoinTable(model: model.name, field: joinTable.field), app: model.app)
                }
            }
        }
    }

    func addJoinTables(_ work: inout Work) throws {
        for name in to.modelNames {
            guard let old = work.state[model: name], let new = to[model: name] else { continue }
            for joinTable in new.joinTables {
                if let existing = old.joinTable(field: joinTable.field) {
                    if existing != joinTable {
                        try work.emit(AlterJoinTable(model: name, joinTable), app: new.app)
                    }
                } else {
                    try work.emit(CreateJoinTable(model: name, joinTable), app: new.app)
                }
            }
        }
    }
}
