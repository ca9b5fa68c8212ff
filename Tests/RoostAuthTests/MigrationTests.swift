import Foundation
import Roost
import RoostAuth
import RoostAuthTesting
import RoostDatabase
import RoostMigrations
import RoostORM
import RoostSecurity
import RoostTesting
import Testing

@Suite("Auth tables through migrations")
struct MigrationTests {
    /// The first migration of the auth models, as `makemigrations` would write it.
    static func initialMigrations() throws -> [Migration] {
        let draft = MigrationApp("auth", models: AuthModels.all(), directory: "/nonexistent")
        let loader = try MigrationLoader(apps: [draft])
        let changes = try Autodetector(
            from: loader.finalState(), to: loader.modelState(), defaults: loader.modelDefaults(), questioner: MakeMigrationsAnswers()
        ).changes()
        return try changes.migrations(after: loader.graph, state: loader.modelState())
    }

    @Test(arguments: Backend.allCases)
    func migratedTablesServeLogins(backend: Backend) async throws {
        try await backend.withDatabase { database in
            let fixture = try makeAuthApp(database: database)
            let migrations = try Self.initialMigrations()
            #expect(!migrations.isEmpty)
            fixture.app.useMigrations(MigrationApp("auth", models: AuthModels.all(), migrations: migrations, directory: "/nonexistent"))
            try await fixture.app.migrate()
            // Migrating created the permissions already (the post-migrate hook), as Django does.
            #expect(try await fixture.app.syncAuthPermissions() == 0)
            // Back to zero drops the tables; the hook lets that be, and forward again works.
            try await fixture.app.migrate(to: .zero(app: "auth"))
            try await fixture.app.migrate()
            // createAuthTables finds every table already there.
            try await fixture.app.createAuthTables()

            let ada = try await fixture.makeUser("ada", password: "correct-horse-42")
            try await ada.relation(\.userPermissions).add(try await Permission.named("blog.change_post", on: database), on: database)
            #expect(try await ada.hasPerm("blog.change_post", on: database))
            let client = try fixture.app.testClient()
            #expect(try await client.logIn("ada", "correct-horse-42").status == .found)
            #expect(try await client.get("/whoami").text == "ada")
            let (token, _) = try await TokenBackend<User>.issue(for: ada, on: database)
            #expect(try await client.get("/whoami", headers: [.authorization: "Bearer \(token)"]).text == "ada")
            // The models and the migrated tables agree: nothing left to migrate.
            let loader = try MigrationLoader(apps: fixture.app.migrationApps)
            let pending = try Autodetector(
                from: loader.finalState(), to: loader.modelState(), defaults: loader.modelDefaults(), questioner: MakeMigrationsAnswers()
            ).changes()
            #expect(try pending.migrations(after: loader.graph, state: loader.modelState()).isEmpty)
        }
    }
}
