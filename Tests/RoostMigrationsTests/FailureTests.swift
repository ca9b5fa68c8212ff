import Foundation
import RoostDatabase
import RoostMigrations
import RoostORM
import Testing

@Suite("A failing migration leaves the database as it was")
struct FailureTests {
    static let initial = Migration(app: "shop", name: "0001_initial", operations: [
        CreateModel("Product", table: "shop_product", fields: [
            FieldSpec("id", .autoIncrement),
            FieldSpec("name", .string(maxLength: 100)),
        ]),
        RunSQL(["INSERT INTO shop_product (name) VALUES ('kettle')"], reverse: []),
    ])

    /// Creates a table, adds a column to an existing one, then fails.
    static let broken = Migration(app: "shop", name: "0002_broken", dependencies: [MigrationKey("shop", "0001_initial")], operations: [
        CreateModel("Order", table: "shop_order", fields: [FieldSpec("id", .autoIncrement)]),
        AddField(model: "Product", FieldSpec("price", .integer), default: .int(0)),
        RunSQL(["INSERT INTO shop_missing_table (x) VALUES (1)"], reverse: []),
        AddField(model: "Product", FieldSpec("stock", .integer), default: .int(0)),
    ])

    @Test(arguments: Backend.allCases)
    func failingMigrationRollsBackAndNamesTheOperation(backend: Backend) async throws {
        try await backend.withDatabase { db in
            let app = MigrationApp("shop", models: [], migrations: [Self.initial, Self.broken], directory: "/nonexistent")
            let executor = MigrationExecutor(database: db, loader: try MigrationLoader(apps: [app]))
            let error = await #expect(throws: MigrationError.self) { try await executor.migrate() }
            #expect(error?.code == .operationFailed)
            let message = error?.message ?? ""
            #expect(message.contains("shop.0002_broken failed at operation 3 of 4 (Run SQL (1 statement))"))
            #expect(message.contains("rolled back"))

            // 0001 stays applied; 0002 left no trace: no table, no column, no record.
            let applied = try await executor.recorder.applied(on: db)
            #expect(Set(applied.keys) == [MigrationKey("shop", "0001_initial")])
            let names = try await tables(on: db)
            #expect(names.contains("shop_product"))
            #expect(!names.contains("shop_order"))
            #expect(try await columns(of: "shop_product", on: db) == ["id", "name"])
            #expect(try await db.queryValue("SELECT COUNT(*) FROM shop_product", as: Int.self) == 1)

            // Fixed, it applies.
            let fixed = Migration(app: "shop", name: "0002_broken", dependencies: [MigrationKey("shop", "0001_initial")], operations: [
                CreateModel("Order", table: "shop_order", fields: [FieldSpec("id", .autoIncrement)]),
                AddField(model: "Product", FieldSpec("price", .integer), default: .int(0)),
            ])
            let repaired = MigrationApp("shop", models: [], migrations: [Self.initial, fixed], directory: "/nonexistent")
            try await MigrationExecutor(database: db, loader: try MigrationLoader(apps: [repaired])).migrate()
            #expect(try await columns(of: "shop_product", on: db) == ["id", "name", "price"])
        }
    }

    @Test(arguments: Backend.allCases)
    func irreversibleMigrationIsRefusedBeforeAnythingRuns(backend: Backend) async throws {
        try await backend.withDatabase { db in
            let oneWay = Migration(app: "shop", name: "0002_one_way", dependencies: [MigrationKey("shop", "0001_initial")], operations: [
                AddField(model: "Product", FieldSpec("price", .integer), default: .int(0)),
                RunSQL(["UPDATE shop_product SET price = 10"]),
            ])
            let app = MigrationApp("shop", models: [], migrations: [Self.initial, oneWay], directory: "/nonexistent")
            let executor = MigrationExecutor(database: db, loader: try MigrationLoader(apps: [app]))
            try await executor.migrate()
            let error = await #expect(throws: MigrationError.self) { try await executor.migrate(to: .zero(app: "shop")) }
            #expect(error?.code == .irreversible)
            #expect(error?.message.contains("Run SQL (1 statement)") == true)
            #expect(try await executor.recorder.applied(on: db).count == 2)
        }
    }
}

/// The columns of a table, in order.
func columns(of table: String, on db: Database) async throws -> [String] {
    if db.dialect.name == "sqlite" {
        return try await db.query("SELECT name FROM pragma_table_info(\(table)) ORDER BY cid").map { try $0.decode(String.self, at: 0) }
    }
    return try await db.query(
        "SELECT column_name::text FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = \(table) ORDER BY ordinal_position"
    ).map { try $0.decode(String.self, at: 0) }
}
