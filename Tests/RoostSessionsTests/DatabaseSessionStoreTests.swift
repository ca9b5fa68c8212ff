import Foundation
import Roost
import RoostDatabase
import RoostORM
import RoostSQLite
import RoostSessions
import RoostTesting
import Synchronization
import Testing

@Suite struct DatabaseSessionStoreTests {
    func withStore(_ body: (DatabaseSessionStore, Database) async throws -> Void) async throws {
        let database = try Database.sqlite("sqlite::memory:")
        let store = DatabaseSessionStore(database: database)
        do {
            try await store.createTable()
            try await store.createTable()  // idempotent
            try await body(store, database)
        } catch {
            await database.shutdown()
            throw error
        }
        await database.shutdown()
    }

    @Test func sessionsLiveInTheTable() async throws {
        try await withStore { store, database in
            let app = try makeSessionApp(store: store)
            let client = try app.testClient()
            #expect(try await client.get("/visit").text == "1")
            #expect(try await client.get("/visit").text == "2")
            let key = try #require(client.cookies["sessionid"])
            #expect(SessionData.isWellFormedID(key))
            let record = try await SessionRecord.objects.get(pk: key, on: database)
            #expect(record.data.contains("\"visits\":2"))
            #expect(record.expireDate > Date())
        }
    }

    @Test func unknownOrTamperedKeysGiveAFreshSession() async throws {
        try await withStore { store, _ in
            let app = try makeSessionApp(store: store)
            let victim = try app.testClient()
            _ = try await victim.get("/visit")
            let key = try #require(victim.cookies["sessionid"])
            let attacker = try app.testClient()
            for forged in ["' OR 1=1 --", key.uppercased(), String(key.dropLast()) + "0", SessionData.makeID()] {
                attacker.setCookie("sessionid", forged)
                #expect(try await attacker.get("/peek").text == "0")
            }
        }
    }

    @Test func cycleKeyAndFlushDeleteRows() async throws {
        try await withStore { store, database in
            let client = try makeSessionApp(store: store).testClient()
            _ = try await client.get("/visit")
            let first = try #require(client.cookies["sessionid"])
            _ = try await client.get("/cycle")
            let second = try #require(client.cookies["sessionid"])
            #expect(first != second)
            #expect(try await SessionRecord.objects.count(on: database) == 1)
            #expect(try await SessionRecord.objects.filter(pk: first).count(on: database) == 0)
            _ = try await client.get("/logout")
            #expect(try await SessionRecord.objects.count(on: database) == 0)
        }
    }

    @Test func clearsessionsDeletesExpiredRows() async throws {
        try await withStore { store, database in
            let app = try makeSessionApp(store: store)
            let client = try app.testClient()
            _ = try await client.get("/visit")
            var expired = SessionRecord(id: SessionData.makeID(), data: "{}", expireDate: Date(timeIntervalSinceNow: -60))
            try await expired.save(on: database)
            #expect(try await SessionRecord.objects.count(on: database) == 2)
            let output = OutputCapture()
            app.console = Console { output.append($0) }
            try await app.runCommand(["clearsessions"])
            #expect(output.text.contains("Deleted 1 expired session(s)."))
            #expect(try await SessionRecord.objects.count(on: database) == 1)
        }
    }
}

final class OutputCapture: Sendable {
    private let lines = Mutex<String>("")
    func append(_ text: String) { lines.withLock { $0 += text } }
    var text: String { lines.withLock { $0 } }
}
