import Foundation
import Roost
import RoostAuth
import RoostORM
import RoostSecurity
import RoostTesting
import Testing

@Suite("Bearer tokens")
struct TokenBackendTests {
    static func apiRoutes(_ app: App) {
        app.group("/api", options: RouteOptions.requireLogin.exemptingCSRF()) { api in
            api.get("/me") { req in "\(req.user.username) via \(req.user.backend ?? "-")" }
            api.post("/posts") { req in "created by \(req.user.username)" }
        }
        app.get("/open") { req in req.user.isAuthenticated ? req.user.username : "anonymous" }
    }

    @Test(arguments: Backend.allCases)
    func bearerTokensAuthenticateAndAreStoredHashed(backend: Backend) async throws {
        try await withAuthApp(backend, routes: Self.apiRoutes) { fixture in
            let ada = try await fixture.makeUser("ada")
            let (token, record) = try await TokenBackend<User>.issue(for: ada, name: "CI", on: fixture.database)
            #expect(token.hasPrefix("rst_"))
            #expect(token.count == 47)
            #expect(record.digest != token)
            #expect(record.digest.count == 64)
            #expect(!record.digest.contains(token))
            // Nothing in the table equals or contains the token itself.
            let stored = try await AuthToken<User>.objects.all(on: fixture.database)
            #expect(stored.count == 1)
            #expect(stored.allSatisfy { $0.digest != token && !token.hasSuffix($0.digest) })

            let client = try fixture.app.testClient()
            let me = try await client.get("/api/me", headers: [.authorization: "Bearer \(token)"])
            #expect(me.status == .ok)
            #expect(me.text == "ada via token")
            // Unsafe methods work without cookies or a CSRF token on the exempt API group.
            let created = try await client.post("/api/posts", json: ["title": "x"], headers: [.authorization: "Bearer \(token)"])
            #expect(created.text == "created by ada")
            // No session is started for token clients.
            #expect(client.cookies["sessionid"] == nil)
            let used = try await AuthToken<User>.objects.get(on: fixture.database) { $0.digest == record.digest }
            #expect(used.lastUsed != nil)
        }
    }

    @Test(arguments: Backend.allCases)
    func badTokensAreRejected(backend: Backend) async throws {
        try await withAuthApp(backend, routes: Self.apiRoutes) { fixture in
            let ada = try await fixture.makeUser("ada")
            var off = try await fixture.makeUser("off")
            let (expired, _) = try await TokenBackend<User>.issue(for: ada, expiresIn: .seconds(-10), on: fixture.database)
            let (inactive, _) = try await TokenBackend<User>.issue(for: off, on: fixture.database)
            off.isActive = false
            try await off.save(on: fixture.database)
            let client = try fixture.app.testClient()

            let none = try await client.get("/api/me")
            #expect(none.status == .unauthorized)
            #expect(none.headers[.wwwAuthenticate] == "Bearer")
            for token in [expired, inactive, "rst_" + String(repeating: "a", count: 43), "not-a-token", "rst_'; DROP TABLE x; --"] {
                let response = try await client.get("/api/me", headers: [.authorization: "Bearer \(token)"])
                #expect(response.status == .unauthorized, "\(token)")
                #expect(response.headers[.wwwAuthenticate] == "Bearer error=\"invalid_token\"")
            }
            // A bad token is refused even on public pages, rather than silently ignored.
            #expect(try await client.get("/open", headers: [.authorization: "Bearer rst_nope"]).status == .unauthorized)
            #expect(try await client.get("/open").text == "anonymous")
        }
    }

    @Test(arguments: Backend.allCases)
    func revokedTokensStopWorking(backend: Backend) async throws {
        try await withAuthApp(backend, routes: Self.apiRoutes) { fixture in
            let ada = try await fixture.makeUser("ada")
            let (first, _) = try await TokenBackend<User>.issue(for: ada, name: "one", on: fixture.database)
            let (second, _) = try await TokenBackend<User>.issue(for: ada, name: "two", on: fixture.database)
            #expect(try await TokenBackend<User>.tokens(of: ada, on: fixture.database).count == 2)
            #expect(try await TokenBackend<User>.revokeAll(of: ada, on: fixture.database) == 2)
            let client = try fixture.app.testClient()
            for token in [first, second] {
                #expect(try await client.get("/api/me", headers: [.authorization: "Bearer \(token)"]).status == .unauthorized)
            }
        }
    }

    @Test(arguments: Backend.allCases)
    func apiOnlyAppsNeedNoSessions(backend: Backend) async throws {
        try await backend.withDatabase { database in
            let app = App(settings: try Settings(baseSettings))
            app.use(databases: try Databases([Databases.defaultName: database]))
            try app.useAuth { auth in
                auth.routePrefix = nil
                auth.backends = [TokenBackend()]
                auth.passwordHashers = fastHashers
            }
            app.get("/me", options: .requireLogin) { req in req.user.username }
            try await app.createAuthTables()
            var ada = User(username: "ada")
            try await ada.save(on: database)
            let (token, _) = try await TokenBackend<User>.issue(for: ada, on: database)
            let client = try app.testClient()
            #expect(try await client.get("/me", headers: [.authorization: "Bearer \(token)"]).text == "ada")
            #expect(try await client.get("/me").status == .unauthorized)
            #expect(try await client.get("/accounts/login/").status == .notFound)
            #expect(client.cookies.isEmpty)
        }
    }

    /// An API-key backend of the app's own: it recognises its header, so a bad key is refused
    /// with 401 like a bad Bearer token.
    struct APIKeyBackend: AuthenticationBackend {
        typealias User = RoostAuth.User
        var name: String { "api-key" }
        func recognisesCredentials(in request: Request) -> Bool { request.headers[HTTPField.Name("X-API-Key")!] != nil }
        func authenticate(request: Request) async throws -> User? {
            guard request.headers[HTTPField.Name("X-API-Key")!] == "good" else { return nil }
            return try await User.objects.filter { $0.username == "ada" }.first(on: request.db)
        }
    }

    /// The 401 for bad credentials comes from the backends: with no backend that reads Bearer
    /// tokens, the header is ignored (as Django ignores what no backend reads), and an app's
    /// own backend gets the same treatment as the token backend.
    @Test(arguments: Backend.allCases)
    func onlyBackendsThatRecogniseCredentialsRefuseThem(backend: Backend) async throws {
        try await withAuthApp(backend, configure: { $0.backends = [ModelBackend(), APIKeyBackend()] }, routes: Self.apiRoutes) { fixture in
            _ = try await fixture.makeUser("ada")
            let client = try fixture.app.testClient()
            #expect(try await client.get("/open", headers: [.authorization: "Bearer rst_nope"]).text == "anonymous")
            let key = HTTPField.Name("X-API-Key")!
            #expect(try await client.get("/open", headers: [key: "good"]).text == "ada")
            let bad = try await client.get("/open", headers: [key: "bad"])
            #expect(bad.status == .unauthorized)
            #expect(bad.headers[.wwwAuthenticate] == "Bearer error=\"invalid_token\"")
        }
    }

    @Test func bearerHeaderParsing() async throws {
        let app = App(settings: try Settings(baseSettings))
        app.get("/t") { req in TokenBackend<User>.bearerToken(in: req) ?? "none" }
        let client = try app.testClient()
        #expect(try await client.get("/t", headers: [.authorization: "Bearer rst_abc"]).text == "rst_abc")
        #expect(try await client.get("/t", headers: [.authorization: "bearer   rst_abc "]).text == "rst_abc")
        #expect(try await client.get("/t", headers: [.authorization: "Basic YWRhOnB3"]).text == "none")
        #expect(try await client.get("/t", headers: [.authorization: "Bearer"]).text == "none")
        #expect(try await client.get("/t").text == "none")
    }
}
