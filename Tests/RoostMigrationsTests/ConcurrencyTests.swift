import Foundation
import RoostDatabase
import RoostMigrations
import Testing

@Suite("Concurrent migrate runs")
struct ConcurrencyTests {
    /// Each migration logs that it ran, slowly, so two runs overlap.
    static let migrations: [Migration] = (1...3).map { number in
        let name = "000\(number)_step"
        let dependencies = number == 1 ? [] : [MigrationKey("jobs", "000\(number - 1)_step")]
        var operations: [any MigrationOperation] = []
        if number == 1 {
            operations.append(CreateModel("RunLog", table: "jobs_run_log", fields: [
                FieldSpec("id", .autoIncrement), FieldSpec("migration", .string(maxLength: 50)),
            ]))
        }
        operations.append(RunSwift("log \(name)", forward: { context in
            try await Task.sleep(for: .milliseconds(150))
            try await context.database.execute("INSERT INTO jobs_run_log (migration) VALUES (\(name))")
        }, reverse: { _ in }))
        return Migration(app: "jobs", name: name, dependencies: dependencies, operations: operations)
    }

    @Test(arguments: Backend.allCases)
    func twoProcessesNeverBothApplyAMigration(backend: Backend) async throws {
        try await backend.withDatabaseURL { url in
            let first = try backend.open(url)
            let second = try backend.open(url)
            let app = MigrationApp("jobs", models: [], migrations: Self.migrations, directory: "/nonexistent")
            let loader = try MigrationLoader(apps: [app])
            async let one = MigrationExecutor(database: first, loader: loader).migrate()
            async let two = MigrationExecutor(database: second, loader: loader).migrate()
            let (stepsOne, stepsTwo) = try await (one, two)

            // One run applied everything, the other found it done.
            #expect(stepsOne.count + stepsTwo.count == 3)
            #expect(stepsOne.isEmpty || stepsTwo.isEmpty)
            let log = try await first.query("SELECT migration FROM jobs_run_log ORDER BY id").map { try $0.decode(String.self, at: 0) }
            #expect(log == ["0001_step", "0002_step", "0003_step"])
            #expect(try await first.queryValue("SELECT COUNT(*) FROM roost_migrations", as: Int.self) == 3)
            await first.shutdown()
            await second.shutdown()
        }
    }
}
