public import RoostORM

extension ProjectState {
    /// The model as a ``ModelSchema`` — the historical model — so the schema editor can
    /// write its DDL and `RunSwift` code can find its table and column names. References
    /// resolve lazily against this state.
    ///
    /// ```swift
    /// RunSwift("backfill slugs") { context in
    ///     let post = try #require(context.state.schema(for: "Post"))
    ///     try await context.database.execute("UPDATE \(identifier: post.table) SET slug = lower(title)")
    /// }
    /// ```
    /// - Parameter name: The model's name.
    /// - Returns: The schema, or `nil` if the model does not exist in this state.
    public func schema(for name: String) -> ModelSchema? {
        guard let model = models[name] else { return nil }
        return render(model)
    }

    /// Renders `model`, which need not be part of this state (the table-rebuild procedure
    /// renders a copy under a temporary table name).
    func render(_ model: ModelState) -> ModelSchema {
        let state = self
        let fields = model.fields.map { field -> FieldDescriptor in
            let reference = field.reference.map { spec in
                ReferenceDescriptor(
                    targetName: spec.model,
                    target: { state.schema(for: spec.model) ?? ProjectState.placeholder(spec.model) },
                    onDelete: spec.onDelete,
                    oneToOne: field.unique
                )
            }
            return FieldDescriptor(
                name: field.name, column: field.column, type: field.type, nullable: field.nullable,
                primaryKey: field.primaryKey, unique: field.unique, indexed: field.indexed, reference: reference
            )
        }
        let relations = model.joinTables.map { joinTable in
            ManyToManyDescriptor(
                name: joinTable.field,
                targetName: joinTable.target,
                target: { state.schema(for: joinTable.target) ?? ProjectState.placeholder(joinTable.target) },
                table: joinTable.table,
                sourceColumn: joinTable.sourceColumn,
                targetColumn: joinTable.targetColumn
            )
        }
        let constraints = model.constraints.map { constraint -> ConstraintDescriptor in
            switch constraint.kind {
            case .unique(let columns): ConstraintDescriptor(name: constraint.name, kind: .unique(columns))
            case .check(let predicate): ConstraintDescriptor(name: constraint.name, kind: .check(predicate))
            }
        }
        let placeholderKey = FieldDescriptor(
            name: "id", column: "id", type: .autoIncrement, nullable: false, primaryKey: true, unique: true,
            indexed: false, reference: nil
        )
        return ModelSchema(
            name: model.name,
            table: model.table,
            primaryKey: model.primaryKey?.name ?? "id",
            fields: fields.isEmpty ? [placeholderKey] : fields,
            manyToMany: relations,
            options: ModelOptions(),
            resolvedIndexes: model.indexes.map { IndexDescriptor(name: $0.name, columns: $0.columns, unique: $0.unique) },
            resolvedConstraints: constraints
        )
    }

    /// Stands in for a model the state does not hold; operations validate references before
    /// the schema editor runs, so this only shows up in SQL of invalid states.
    static func placeholder(_ name: String) -> ModelSchema {
        ProjectState().render(ModelState(
            app: "", name: name, table: SnakeCase.convert(name), fields: [FieldSpec("id", .autoIncrement)]
        ))
    }
}

extension ModelState {
    /// The state of a model as the code declares it now.
    ///
    /// ```swift
    /// let state = ModelState(Post.schema, app: "blog")
    /// ```
    /// - Parameters:
    ///   - schema: The model's schema (`Post.schema`).
    ///   - app: The app it belongs to.
    public init(_ schema: ModelSchema, app: String) {
        let fields = schema.fields.map { field in
            FieldSpec(
                field.name,
                field.type,
                column: field.column,
                nullable: field.nullable,
                primaryKey: field.primaryKey,
                unique: field.unique,
                indexed: field.indexed,
                references: field.reference?.targetName,
                onDelete: field.reference?.onDelete ?? .cascade
            )
        }
        let constraints = schema.constraints.map { constraint -> ConstraintSpec in
            switch constraint.kind {
            case .unique(let columns): .unique(constraint.name, columns: columns)
            case .check(let predicate): .check(constraint.name, predicate)
            }
        }
        let joinTables = schema.manyToMany.compactMap { relation -> JoinTableSpec? in
            guard relation.through == nil else { return nil }
            return JoinTableSpec(
                field: relation.name, target: relation.targetName, table: relation.table,
                sourceColumn: relation.sourceColumn, targetColumn: relation.targetColumn
            )
        }
        self.init(
            app: app,
            name: schema.name,
            table: schema.table,
            fields: fields,
            indexes: schema.indexes.map { IndexSpec($0.name, columns: $0.columns, unique: $0.unique) },
            constraints: constraints,
            joinTables: joinTables
        )
    }
}
