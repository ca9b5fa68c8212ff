import Roost
import RoostORM
import RoostSQLite
import RoostTesting
import Testing

@Model(table: "integration_note")
struct Note {
    var id: Int64?
    var text: String
}

@Suite struct DatabaseIntegrationTests {
    private func makeNotesApp(_ settings: [String: String] = [:]) async throws -> App {
        let app = try makeApp(["DATABASE_URL": "sqlite::memory:"].merging(settings) { $1 })
        try app.useDatabases(backends: [SQLiteBackend()])
        try await SchemaEditor(database: app.databases.default).createTables(for: [Note.self])
        app.get("/notes") { req in try await Note.objects.orderBy(\.id).valuesList({ $0.text }, on: req.db) }
        app.post("/notes") { req -> String in
            let form = try await req.form()
            let note = try await Note.objects.create(Note(text: form["text"] ?? ""), on: req.db)
            if form["fail"] != nil { throw HTTPError(.internalServerError, "failing after the insert") }
            return "\(note.id ?? 0)"
        }
        return app
    }

    @Test func handlersUseTheDefaultDatabase() async throws {
        let app = try await makeNotesApp()
        let client = try app.testClient()
        #expect(try await client.post("/notes", form: ["text": "one"]).text == "1")
        #expect(try await client.get("/notes").text == #"["one"]"#)
        await app.shutdown()
    }

    @Test func rollsBackAFailedRequestWithAtomicRequests() async throws {
        let app = try await makeNotesApp(["ATOMIC_REQUESTS": "true"])
        let client = try app.testClient()
        #expect(try await client.post("/notes", form: ["text": "kept"]).status == .ok)
        #expect(try await client.post("/notes", form: ["text": "lost", "fail": "1"]).status == .internalServerError)
        #expect(try await client.get("/notes").text == #"["kept"]"#)
        await app.shutdown()
    }

    @Test func answers503WhenTheDatabaseIsUnreachable() async throws {
        let app = try makeApp(["DATABASE_URL": "sqlite:////nonexistent-directory/roost/db.sqlite3"])
        try app.useDatabases(backends: [SQLiteBackend()])
        app.get("/notes") { req in try await Note.objects.count(on: req.db) }
        let response = try await app.testClient().get("/notes")
        #expect(response.status == .serviceUnavailable)
        #expect(response.headers[.retryAfter] == "5")
        #expect(!response.text.contains("nonexistent"))
        await app.shutdown()
    }
}
