extension Autodetector.Changes {
    /// Packs the operations into one new migration per app: numbered after the app's latest,
    /// named after what it does, depending on the app's latest migration and on the latest
    /// migration of every other app whose models it references.
    ///
    /// - Parameters:
    ///   - graph: The existing migrations.
    ///   - state: The state the models declare (to find which app owns a referenced model).
    ///   - name: A name to use instead of the generated one (after the number).
    /// - Returns: The new migrations, each after the migrations it depends on.
    /// - Throws: ``MigrationError/Code/unsupported`` when two apps' new migrations would
    ///   depend on each other.
    public func migrations(after graph: MigrationGraph, state: ProjectState, name: String? = nil) throws(MigrationError) -> [Migration] {
        let apps = operations.keys.filter { !(operations[$0] ?? []).isEmpty }.sorted()
        var newKeys: [String: MigrationKey] = [:]
        for app in apps {
            let number = graph.nextNumber(app: app)
            let isFirst = !graph.nodes.keys.contains { $0.app == app }
            let suffix = name.map(MigrationNaming.sanitize) ?? (isFirst ? "initial" : MigrationNaming.suffix(for: operations[app] ?? []))
            newKeys[app] = MigrationKey(app, MigrationNaming.number(number) + "_" + suffix)
        }
        var migrations: [String: Migration] = [:]
        var dependsOn: [String: Set<String>] = [:]
        for app in apps {
            let ops = operations[app] ?? []
            var dependencies = graph.leaves(app: app)
            var otherApps: Set<String> = []
            for model in Self.referencedModels(ops) {
                guard let owner = state[model: model]?.app, owner != app else { continue }
                otherApps.insert(owner)
            }
            for other in otherApps.sorted() {
                if let key = newKeys[other] {
                    dependencies.append(key)
                } else {
                    dependencies += graph.leaves(app: other)
                }
            }
            dependsOn[app] = otherApps.filter { newKeys[$0] != nil }
            guard let key = newKeys[app] else { continue }
            migrations[app] = Migration(app: app, name: key.name, dependencies: dependencies, operations: ops)
        }
        // Order: an app's new migration after the new migrations it depends on.
        var ordered: [Migration] = []
        var done: Set<String> = []
        var visiting: Set<String> = []
        func visit(_ app: String) throws(MigrationError) {
            if done.contains(app) { return }
            if visiting.contains(app) {
                throw MigrationError(
                    .unsupported,
                    "the new migrations of \(visiting.sorted().joined(separator: " and ")) would depend on each other; run makemigrations for one app at a time (`makemigrations APP`)"
                )
            }
            visiting.insert(app)
            for other in (dependsOn[app] ?? []).sorted() { try visit(other) }
            visiting.remove(app)
            done.insert(app)
            if let migration = migrations[app] { ordered.append(migration) }
        }
        for app in apps { try visit(app) }
        return ordered
    }

    /// Models the operations point at: reference targets and join-table targets.
    static func referencedModels(_ operations: [any MigrationOperation]) -> Set<String> {
        var models: Set<String> = []
        for operation in operations {
            switch operation {
            case let create as CreateModel:
                models.formUnion(create.fields.compactMap(\.reference?.model))
            case let add as AddField:
                if let target = add.field.reference?.model { models.insert(target) }
            case let alter as AlterField:
                if let target = alter.field.reference?.model { models.insert(target) }
            case let join as CreateJoinTable:
                models.insert(join.joinTable.target)
            default:
                break
            }
        }
        return models
    }
}

/// Names of new migrations: a four-digit number and a few words about what they do.
enum MigrationNaming {
    static func number(_ value: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    /// `add_post_slug` for one operation; several joined while short, else the first one
    /// and `and_more`.
    static func suffix(for operations: [any MigrationOperation]) -> String {
        var fragments: [String] = []
        for operation in operations {
            let fragment = sanitize(operation.nameFragment)
            if !fragments.contains(fragment) { fragments.append(fragment) }
        }
        guard let first = fragments.first else { return "empty" }
        let joined = fragments.joined(separator: "_")
        if joined.count <= 40 { return joined }
        return String(first.prefix(40)) + "_and_more"
    }

    /// Lowercase letters, digits and single underscores.
    static func sanitize(_ text: String) -> String {
        var result = ""
        for character in text.lowercased() {
            if character.isASCII, character.isLetter || character.isNumber {
                result.append(character)
            } else if !result.isEmpty, result.last != "_" {
                result.append("_")
            }
        }
        while result.hasSuffix("_") { result.removeLast() }
        return result.isEmpty ? "auto" : result
    }
}
