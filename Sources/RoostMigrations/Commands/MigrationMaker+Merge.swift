import Roost

/// `makemigrations --merge`: joins two (or more) latest migrations of an app, made on
/// branches in parallel, with a migration that depends on all of them and does nothing.
extension MigrationMaker {
    func writeMerges() throws {
        let conflicts = loader.graph.conflicts.filter { conflict in selectedApps.contains { $0.label == conflict.key } }
        if conflicts.isEmpty {
            console.print("No conflicts detected to merge.")
            return
        }
        try checkFilesAreCompiled()
        for label in conflicts.keys.sorted() {
            guard let leaves = conflicts[label], let app = loader.app(label) else { continue }
            // Replaying both branches must work: the same field added twice, say, cannot merge.
            _ = try loader.state(after: leaves)
            for warning in overlaps(leaves) { console.print("Warning: " + warning) }
            let number = loader.graph.nextNumber(app: label)
            let joined = leaves.map(\.name).joined(separator: "_")
            let suffix = name.map(MigrationNaming.sanitize) ?? (joined.count <= 40 ? "merge_" + joined : "merge")
            let migration = Migration(app: label, name: MigrationNaming.number(number) + "_" + suffix, dependencies: leaves, operations: [])
            let writer = MigrationWriter(directory: app.directory)
            console.print("Merging \(label): " + leaves.map(\.name).joined(separator: " and "))
            console.print("  " + display(writer.path(of: migration.name)))
            if dryRun {
                console.write(MigrationWriter.source(of: migration, namespace: app.namespace))
            } else {
                try writer.write(migration)
            }
        }
        if !dryRun { console.print("Rebuild the app (`swift build`), then run `migrate`.") }
    }

    /// Models and fields that more than one branch changes: the merge may still work, but
    /// the order the branches run in then matters, so the user should look.
    private func overlaps(_ leaves: [MigrationKey]) -> [String] {
        let graph = loader.graph
        var shared: Set<MigrationKey> = Set(graph.ancestors(of: leaves[0]))
        for leaf in leaves.dropFirst() { shared.formIntersection(graph.ancestors(of: leaf)) }
        var touchedBy: [String: [String]] = [:]
        for leaf in leaves {
            var touched: Set<String> = []
            for key in graph.ancestors(of: leaf) where !shared.contains(key) {
                for operation in graph.nodes[key]?.operations ?? [] { touched.insert(Self.subject(of: operation)) }
            }
            for subject in touched { touchedBy[subject, default: []].append(leaf.name) }
        }
        return touchedBy.keys.sorted().compactMap { subject in
            guard let branches = touchedBy[subject], branches.count > 1 else { return nil }
            return "\(subject) is changed on more than one branch (\(branches.joined(separator: ", "))); check the merged result."
        }
    }

    /// What an operation changes, for overlap warnings: `Post.slug` or `Post`.
    static func subject(of operation: any MigrationOperation) -> String {
        switch operation {
        case let op as AddField: "\(op.model).\(op.field.name)"
        case let op as AlterField: "\(op.model).\(op.field.name)"
        case let op as RemoveField: "\(op.model).\(op.name)"
        case let op as RenameField: "\(op.model).\(op.oldName)"
        case let op as CreateModel: op.name
        case let op as DeleteModel: op.name
        case let op as RenameModel: op.oldName
        default: operation.summary
        }
    }
}
