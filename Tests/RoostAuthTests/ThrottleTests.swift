import Foundation
import Roost
import RoostAuth
import RoostORM
import RoostSecurity
import RoostTesting
import Testing

@Suite("Login throttling")
struct ThrottleTests {
    @Test(arguments: Backend.allCases)
    func eleventhBadPasswordForAUsernameIsThrottled(backend: Backend) async throws {
        try await withAuthApp(backend) { fixture in
            try await fixture.makeUser("ada", password: "correct-horse-42")
            // Ten wrong passwords, each from another address: only the username's counter trips.
            for attempt in 1...10 {
                let client = try fixture.app.testClient(remoteAddress: "10.0.0.\(attempt)")
                let response = try await client.logIn("ada", "guess-\(attempt)")
                #expect(response.status == .ok)
                #expect(response.text.contains("do not match"))
            }
            // The eleventh is refused before the password is checked, even the right one.
            let client = try fixture.app.testClient(remoteAddress: "10.0.1.1")
            let refused = try await client.logIn("ada", "correct-horse-42")
            #expect(refused.status == .tooManyRequests)
            #expect(refused.text.contains("Too many failed login attempts"))
            let retryAfter = try #require(refused.headers[.retryAfter].flatMap { Int($0) })
            #expect(retryAfter > 0 && retryAfter <= 900)
            #expect(try await client.get("/whoami").text == "anonymous")

            // Other usernames from a fresh address still log in.
            try await fixture.makeUser("bob", password: "correct-horse-42")
            #expect(try await client.logIn("bob", "correct-horse-42").status == .found)
            // The counters live in the database, hashed.
            let keys = try await LoginAttempt.objects.all(on: fixture.database).map(\.id)
            #expect(keys.allSatisfy { !$0.contains("ada") && !$0.contains("10.0.") })
        }
    }

    @Test(arguments: Backend.allCases)
    func eleventhFailureFromOneAddressIsThrottled(backend: Backend) async throws {
        try await withAuthApp(backend) { fixture in
            try await fixture.makeUser("ada", password: "correct-horse-42")
            let attacker = try fixture.app.testClient(remoteAddress: "203.0.113.9")
            for attempt in 1...10 {
                #expect(try await attacker.logIn("user\(attempt)", "guess").status == .ok)
            }
            #expect(try await attacker.logIn("ada", "correct-horse-42").status == .tooManyRequests)
            // Another address is not affected.
            let other = try fixture.app.testClient(remoteAddress: "198.51.100.7")
            #expect(try await other.logIn("ada", "correct-horse-42").status == .found)
        }
    }

    @Test func behindATrustedProxyTheForwardedAddressIsCounted() async throws {
        try await withAuthApp(.sqlite, settings: ["TRUSTED_PROXIES": "127.0.0.1"]) { fixture in
            try await fixture.makeUser("ada", password: "correct-horse-42")
            let proxy = try fixture.app.testClient()
            let attacker: HTTPFields = [HTTPField.Name("X-Forwarded-For")!: "203.0.113.5"]
            let visitor: HTTPFields = [HTTPField.Name("X-Forwarded-For")!: "198.51.100.20"]
            for attempt in 1...10 {
                #expect(try await proxy.logIn("user\(attempt)", "guess", headers: attacker).status == .ok)
            }
            #expect(try await proxy.logIn("ada", "correct-horse-42", headers: attacker).status == .tooManyRequests)
            // Everyone else behind the same proxy still logs in.
            let other = try fixture.app.testClient()
            #expect(try await other.logIn("ada", "correct-horse-42", headers: visitor).status == .found)
        }
    }

    @Test func successEndsTheUsernamesRun() async throws {
        try await withAuthApp(.sqlite) { fixture in
            try await fixture.makeUser("ada", password: "correct-horse-42")
            for attempt in 1...9 {
                let client = try fixture.app.testClient(remoteAddress: "10.0.0.\(attempt)")
                _ = try await client.logIn("ada", "wrong")
            }
            let client = try fixture.app.testClient(remoteAddress: "10.0.2.1")
            #expect(try await client.logIn("ada", "correct-horse-42").status == .found)
            for attempt in 1...9 {
                let other = try fixture.app.testClient(remoteAddress: "10.0.3.\(attempt)")
                #expect(try await other.logIn("ada", "wrong").status == .ok)
            }
        }
    }

    @Test func limitsComeFromSettingsAndRunsEndAfterTheWindow() async throws {
        let throttle = try LoginThrottle(settings: try Settings(["LOGIN_THROTTLE_USERNAME_LIMIT": "3", "LOGIN_THROTTLE_WINDOW": "60"]))
        #expect(throttle.usernameLimit == 3)
        #expect(throttle.addressLimit == 10)
        #expect(throttle.window == .seconds(60))
        #expect(throws: SettingsError.self) { try LoginThrottle(settings: try Settings(["LOGIN_THROTTLE_ADDRESS_LIMIT": "-1"])) }

        let store = MemoryLoginThrottleStore()
        let start = Date()
        for offset in 0..<3 {
            _ = try await store.recordFailure(key: "u:x", at: start.addingTimeInterval(Double(offset)), window: .seconds(60))
        }
        #expect(try await store.failures(key: "u:x", at: start.addingTimeInterval(10), window: .seconds(60)).count == 3)
        #expect(try await store.failures(key: "u:x", at: start.addingTimeInterval(120), window: .seconds(60)) == .none)
        let fresh = try await store.recordFailure(key: "u:x", at: start.addingTimeInterval(120), window: .seconds(60))
        #expect(fresh.count == 1)
    }

    @Test(arguments: Backend.allCases)
    func databaseStoreCountsAndForgets(backend: Backend) async throws {
        try await withAuthApp(backend) { fixture in
            let store = DatabaseLoginThrottleStore(database: fixture.database)
            let start = Date()
            for offset in 0..<4 {
                _ = try await store.recordFailure(key: "a:1", at: start.addingTimeInterval(Double(offset)), window: .seconds(60))
            }
            #expect(try await store.failures(key: "a:1", at: start.addingTimeInterval(5), window: .seconds(60)).count == 4)
            let restarted = try await store.recordFailure(key: "a:1", at: start.addingTimeInterval(200), window: .seconds(60))
            #expect(restarted.count == 1)
            try await store.reset(key: "a:1")
            #expect(try await store.failures(key: "a:1", at: start.addingTimeInterval(201), window: .seconds(60)) == .none)

            // clearloginattempts forgets runs that ended a window (15 minutes) ago, and only those.
            _ = try await store.recordFailure(key: "a:old", at: Date().addingTimeInterval(-2000), window: .seconds(900))
            _ = try await store.recordFailure(key: "a:new", at: Date(), window: .seconds(900))
            #expect(try await fixture.run(["clearloginattempts"]).contains("Forgot 1 finished run(s)"))
            #expect(try await LoginAttempt.objects.all(on: fixture.database).map(\.id) == ["a:new"])
        }
    }

    @Test func memoryStoreForgetsStaleRuns() async throws {
        let store = MemoryLoginThrottleStore()
        _ = try await store.recordFailure(key: "old", at: Date().addingTimeInterval(-100), window: .seconds(60))
        _ = try await store.recordFailure(key: "new", at: Date(), window: .seconds(60))
        #expect(try await store.clearStale(before: Date().addingTimeInterval(-60)) == 1)
        #expect(try await store.failures(key: "new", at: Date(), window: .seconds(60)).count == 1)
    }
}
