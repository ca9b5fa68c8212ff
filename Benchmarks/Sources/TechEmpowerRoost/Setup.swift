import RoostORM

/// Creates the `world` and `fortune` tables and fills them with the TechEmpower data set
/// (10,000 worlds with random numbers, the 12 standard fortunes). Every framework in
/// techempower.sh reads these tables.
enum TechEmpowerData {
    static let fortunes = [
        "fortune: No such file or directory",
        "A computer scientist is someone who fixes things that aren't broken.",
        "After enough decimal places, nobody gives a damn.",
        "A bad random number generator: 1, 1, 1, 1, 1, 4.33e+67, 1, 1, 1",
        "A computer program does what you tell it to do, not what you want it to do.",
        "Emacs is a nice operating system, but I prefer UNIX. — Tom Christaensen",
        "Any program that runs right is obsolete.",
        "A list is only as strong as its weakest link. — Donald Knuth",
        "Feature: A bug with seniority.",
        "Computers make very fast, very accurate mistakes.",
        "<script>alert(\"This should not be displayed in a browser alert box.\");</script>",
        "フレームワークのベンチマーク",
    ]

    static func create(on db: Database) async throws {
        let models: [any Model.Type] = [World.self, Fortune.self]
        let editor = SchemaEditor(database: db)
        try await editor.dropTables(for: models)
        try await editor.createTables(for: models)
        let worlds = (1...10_000).map { World(id: Int64($0), randomNumber: .random(in: 1...10_000)) }
        _ = try await World.objects.bulkCreate(worlds, on: db)
        let fortunes = Self.fortunes.enumerated().map { Fortune(id: Int64($0.offset + 1), message: $0.element) }
        _ = try await Fortune.objects.bulkCreate(fortunes, on: db)
    }
}
