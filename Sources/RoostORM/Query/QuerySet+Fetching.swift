public import RoostDatabase

extension QuerySet {
    /// Runs the query and returns every matching model.
    public func all(on database: any DatabaseExecutor) async throws -> [M] {
        let (sql, layout) = try M.schema.selectStatements.select(query, dialect: database.dialect)
        let offsets = layout.relatedOffsets.map(\.offset)
        let reader = ModelReader<M>(loaders: relatedLoaders, offsets: offsets, expected: query.limit)
        try await database.query(sql) { try reader.read($0) }
        var models = reader.takeModels()
        for prefetcher in prefetchers { try await prefetcher.load(&models, database) }
        return models
    }

    /// The first model in the ordering (by primary key when unordered), or `nil`.
    public func first(on database: any DatabaseExecutor) async throws -> M? {
        var ordered = self
        ordered.query.ordering = effectiveOrdering
        return try await ordered.limit(1).all(on: database).first
    }

    /// The last model in the ordering (by primary key when unordered), or `nil`.
    public func last(on database: any DatabaseExecutor) async throws -> M? {
        try await reversed().first(on: database)
    }

    /// The one model matching the query.
    /// - Throws: ``ObjectDoesNotExist`` when none matches, ``MultipleObjectsReturned`` when
    ///   several do.
    public func get(on database: any DatabaseExecutor) async throws -> M {
        var limited = self
        if limited.query.limit == nil { limited.query.limit = 21 }
        let models = try await limited.all(on: database)
        guard let model = models.first else { throw ObjectDoesNotExist<M>() }
        guard models.count == 1 else { throw MultipleObjectsReturned<M>(count: models.count) }
        return model
    }

    /// The model with this primary key.
    /// - Throws: ``ObjectDoesNotExist`` when there is none.
    public func get(pk: M.ID, on database: any DatabaseExecutor) async throws -> M {
        // A primary key matches at most one row: no LIMIT needed to detect duplicates.
        guard query.isPlain, prefetchers.isEmpty else {
            guard let model = try await filter(pk: pk).all(on: database).first else { throw ObjectDoesNotExist<M>() }
            return model
        }
        let sql = M.schema.primaryKeyLookups.lookup(key: pk.databaseValue, in: M.schema, dialect: database.dialect)
        let reader = SingleModelReader<M>()
        try await database.query(sql) { try reader.read($0) }
        guard let model = reader.model else { throw ObjectDoesNotExist<M>() }
        return model
    }

    /// The one model matching a condition.
    public func get(on database: any DatabaseExecutor, _ condition: (M.Columns) -> Predicate) async throws -> M {
        try await filter(condition).get(on: database)
    }

    /// The number of matching rows, counted by the database.
    public func count(on database: any DatabaseExecutor) async throws -> Int {
        let sql = try SelectCompiler(query: query, dialect: database.dialect).count()
        return try await database.queryValue(sql, as: Int.self) ?? 0
    }

    /// Whether any row matches, without loading one.
    public func exists(on database: any DatabaseExecutor) async throws -> Bool {
        let sql = try SelectCompiler(query: query, dialect: database.dialect).exists()
        return try await !database.query(sql).isEmpty
    }

    /// Calls `body` for each matching model as rows stream in, so a million-row table never
    /// sits in memory. Prefetching is not applied.
    public func forEach(on database: any DatabaseExecutor, _ body: (M) async throws -> Void) async throws {
        let (sql, layout) = try M.schema.selectStatements.select(query, dialect: database.dialect)
        let offsets = layout.relatedOffsets.map(\.offset)
        try await database.stream(sql) { row in try await body(try decode(row, relatedOffsets: offsets)) }
    }

    /// The values of chosen columns for each row, as rows: Django's `values()`.
    ///
    /// ```swift
    /// let rows = try await Post.objects.values({ [$0.title, $0.author.name] }, on: db)
    /// rows[0][0]   // DatabaseValue
    /// ```
    public func values(_ columns: (M.Columns) -> [any TypedExpression], on database: any DatabaseExecutor) async throws -> [Row] {
        let sql = try SelectCompiler(query: query, dialect: database.dialect).select(columns(Self.columns).map(\.sqlExpression))
        return try await database.query(sql)
    }

    /// One column's values, typed: Django's `values_list(…, flat=True)`.
    public func valuesList<Value>(_ column: (M.Columns) -> some TypedExpression<Value>, on database: any DatabaseExecutor) async throws -> [Value] {
        let sql = try SelectCompiler(query: query, dialect: database.dialect).select([column(Self.columns).sqlExpression])
        return try await database.query(sql).map { try $0.decode(Value.self, at: 0) }
    }

    /// An array of `count` elements made by `element(index)`, written in place. This code is
    /// not specialised for the app's model types (it lives in another module): appending one
    /// by one would look the array's type metadata up for every element.
    static func build<Element>(count: Int, _ element: (Int) throws -> Element) throws -> [Element] {
        try [Element](unsafeUninitializedCapacity: count) { buffer, initialized in
            while initialized < count {
                (buffer.baseAddress! + initialized).initialize(to: try element(initialized))
                initialized += 1
            }
        }
    }

    /// Decodes the model and each `selectRelated` model at the offsets the compiler laid out.
    func decode(_ row: Row, relatedOffsets: [Int]) throws -> M {
        var model = try M(row: row, startingAt: 0)
        // Indices rather than zip: zipping arrays of a generic element type looks up type
        // metadata at run time, once per row.
        for index in relatedOffsets.indices {
            try relatedLoaders[index].load(&model, row, relatedOffsets[index])
        }
        return model
    }
}
