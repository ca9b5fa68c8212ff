import RoostDatabase
import RoostORM

extension Autodetector {
    func detectFieldRenames(_ work: inout Work) throws {
        for (old, new) in work.commonModels {
            var added = new.fields.filter { old.field(named: $0.name) == nil }
            for removed in old.fields where new.field(named: removed.name) == nil {
                for candidate in added {
                    if questioner.isRename(field: removed, to: candidate, model: new.name) {
                        let derived = FieldSpec.defaultColumn(for: candidate.name, reference: candidate.reference != nil)
                        let keepsColumnRule = removed.column == FieldSpec.defaultColumn(for: removed.name, reference: removed.reference != nil)
                        let column: String? = keepsColumnRule && candidate.column == derived ? nil : candidate.column
                        try work.emit(RenameField(model: new.name, from: removed.name, to: candidate.name, column: column), app: new.app)
                        added.removeAll { $0.name == candidate.name }
                        break
                    }
                    if Self.sameColumn(removed, candidate) {
                        work.changes.notes.append(
                            "\(new.name).\(removed.name) was removed and \(new.name).\(candidate.name) added with the same type: if it is a rename, run again with --rename-field \(new.name).\(removed.name):\(candidate.name) (the column's data is kept)."
                        )
                    }
                }
            }
        }
    }

    func removeFields(_ work: inout Work) throws {
        for (old, new) in work.commonModels {
            for field in old.fields where new.field(named: field.name) == nil {
                try work.emit(RemoveField(model: old.name, name: field.name), app: old.app)
            }
        }
    }

    func addFields(_ work: inout Work) throws {
        for (old, new) in work.commonModels {
            for field in new.fields where old.field(named: field.name) == nil {
                var value: DatabaseValue?
                if field.requiresValue {
                    value = try defaultValue(for: field, model: new.name, becomingNonNullable: false)
                }
                try work.emit(AddField(model: new.name, field, default: value), app: new.app)
            }
        }
    }

    func alterFields(_ work: inout Work) throws {
        for (old, new) in work.commonModels {
            for field in new.fields {
                guard let previous = old.field(named: field.name), previous != field else { continue }
                let lossy = TypeChange.isLossy(from: previous.type, to: field.type)
                if lossy, !questioner.allowsLossyChange(from: previous, to: field, model: new.name) {
                    throw MigrationError(
                        .lossyChange,
                        "Changing \(new.name).\(field.name) from \(previous.type) to \(field.type) can lose data, so makemigrations refused it. Check the data first; then run again with --allow-lossy (the migration will say `lossy: true`), or add a new field and copy the values with RunSwift."
                    )
                }
                var value: DatabaseValue?
                if previous.nullable, !field.nullable, field.requiresValue {
                    value = try defaultValue(for: field, model: new.name, becomingNonNullable: true)
                }
                try work.emit(AlterField(model: new.name, field, default: value, lossy: lossy), app: new.app)
            }
        }
    }

    /// The model's own default when it has one, else the questioner's answer.
    private func defaultValue(for field: FieldSpec, model: String, becomingNonNullable: Bool) throws -> DatabaseValue {
        if let value = defaults[model]?[field.name], !value.isNull { return value }
        if let value = try questioner.defaultValue(for: field, model: model, becomingNonNullable: becomingNonNullable) {
            return value
        }
        let situation =
            becomingNonNullable
            ? "becomes non-nullable, so rows holding NULL need a value"
            : "is new and non-nullable, so existing rows need a value"
        throw MigrationError(
            .needsDefault,
            "\(model).\(field.name) \(situation). Give the property a default in the model, make it optional, or run again with --default \(model).\(field.name)=VALUE."
        )
    }
}
