import Foundation
import Roost
import RoostAuth
import RoostAuthTesting
import RoostORM
import RoostSecurity
import RoostSessions
import RoostTesting
import Testing

@Suite("Login and logout")
struct LoginFlowTests {
    @Test(arguments: Backend.allCases)
    func loginSetsTheUserAndRotatesTheSessionKey(backend: Backend) async throws {
        let store = MemorySessionStore()
        try await withAuthApp(backend, sessions: .store(store)) { fixture in
            try await fixture.makeUser("ada", password: "correct-horse-42")
            let client = try fixture.app.testClient()
            _ = try await client.get("/touch")
            let before = try #require(client.cookies["sessionid"])
            #expect(try await client.get("/whoami").text == "anonymous")

            _ = try await client.get("/accounts/login/")
            let csrfBefore = try #require(client.cookies["csrftoken"])
            let response = try await client.logIn("ada", "correct-horse-42")
            #expect(response.status == .found)
            #expect(response.headers[.location] == "/")
            // The CSRF secret is rotated too, so a token planted before the login is worthless.
            #expect(try #require(client.cookies["csrftoken"]) != csrfBefore)
            let after = try #require(client.cookies["sessionid"])
            #expect(after != before)
            #expect(!store.contains(id: before))
            #expect(try await client.get("/whoami").text == "ada")
            // The session kept what it held before the login (same user, new key).
            #expect(try await client.get("/touch").status == .ok)
            #expect(try await fixture.user("ada").lastLogin != nil)

            // A stolen pre-login key gives nothing.
            let attacker = try fixture.app.testClient()
            attacker.setCookie("sessionid", before)
            #expect(try await attacker.get("/whoami").text == "anonymous")
        }
    }

    @Test(arguments: Backend.allCases)
    func wrongPasswordsUnknownUsersAndInactiveUsersAreRefused(backend: Backend) async throws {
        try await withAuthApp(backend) { fixture in
            try await fixture.makeUser("ada", password: "correct-horse-42")
            try await fixture.makeUser("off", password: "correct-horse-42", active: false)
            let client = try fixture.app.testClient()
            for (username, password) in [("ada", "wrong"), ("nobody", "correct-horse-42"), ("off", "correct-horse-42"), ("ADA", "correct-horse-42")] {
                let response = try await client.logIn(username, password)
                #expect(response.status == .ok)
                #expect(response.text.contains("do not match an active account"))
                #expect(try await client.get("/whoami").text == "anonymous")
            }
            // The username typed is shown again, escaped.
            let echoed = try await client.logIn("<script>alert(1)</script>", "x")
            #expect(!echoed.text.contains("<script>alert(1)</script>"))
            #expect(echoed.text.contains("&lt;script&gt;"))
        }
    }

    @Test func loginWithoutACSRFTokenIsForbidden() async throws {
        try await withAuthApp(.sqlite) { fixture in
            try await fixture.makeUser("ada", password: "correct-horse-42")
            let client = try fixture.app.testClient()
            _ = try await client.get("/accounts/login/")
            let response = try await client.post(
                "/accounts/login/", body: encodeForm([("username", "ada"), ("password", "correct-horse-42")]),
                headers: [.contentType: "application/x-www-form-urlencoded"]
            )
            #expect(response.status == .forbidden)
            #expect(try await client.get("/whoami").text == "anonymous")
        }
    }

    @Test func loginOverHTTPSChecksTheRefererAndProtectsThePage() async throws {
        try await withAuthApp(.sqlite) { fixture in
            try await fixture.makeUser("ada", password: "correct-horse-42")
            let client = try fixture.app.testClient(isSecure: true)
            let page = try await client.get("/accounts/login/")
            #expect(page.headers[HTTPField.Name("X-Frame-Options")!] == "DENY")
            #expect(page.headers[.cacheControl]?.contains("no-store") == true)
            let setCookie = page.headers[values: .setCookie].joined(separator: "\n")
            #expect(setCookie.contains("Secure"))
            let token = try formToken(page.text)
            let body = encodeForm([("username", "ada"), ("password", "correct-horse-42"), ("csrfmiddlewaretoken", token)])
            let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
            var forged = form
            forged[.referer] = "https://evil.example/login"
            #expect(try await client.post("/accounts/login/", body: body, headers: forged).status == .forbidden)
            var genuine = form
            genuine[.referer] = "https://localhost/accounts/login/"
            let response = try await client.post("/accounts/login/", body: body, headers: genuine)
            #expect(response.status == .found)
            #expect(try await client.get("/whoami").text == "ada")
        }
    }

    @Test(arguments: Backend.allCases)
    func logoutDestroysTheSession(backend: Backend) async throws {
        let store = MemorySessionStore()
        try await withAuthApp(backend, sessions: .store(store)) { fixture in
            try await fixture.makeUser("ada", password: "correct-horse-42")
            let client = try fixture.app.testClient()
            _ = try await client.logIn("ada", "correct-horse-42")
            let loggedIn = try #require(client.cookies["sessionid"])
            #expect(try await client.get("/whoami").text == "ada")

            let response = try await client.postWithToken("/accounts/logout/")
            #expect(response.status == .ok)
            #expect(response.text.contains("You are logged out."))
            #expect(!store.contains(id: loggedIn))
            #expect(try await client.get("/whoami").text == "anonymous")

            // Replaying the old cookie does not bring the user back.
            let replay = try fixture.app.testClient()
            replay.setCookie("sessionid", loggedIn)
            #expect(try await replay.get("/whoami").text == "anonymous")
        }
    }

    @Test func logoutIsPostOnly() async throws {
        try await withAuthApp(.sqlite) { fixture in
            let user = try await fixture.makeUser("ada")
            let client = try fixture.app.testClient()
            try await client.login(user)
            #expect(try await client.get("/accounts/logout/").status == .methodNotAllowed)
            #expect(try await client.get("/whoami").text == "ada")
        }
    }

    @Test(arguments: Backend.allCases)
    func tamperedSessionCookieIsAnonymousNotAnError(backend: Backend) async throws {
        try await withAuthApp(backend) { fixture in
            try await fixture.makeUser("ada", password: "correct-horse-42")
            try await fixture.makeUser("eve", password: "correct-horse-42")
            let client = try fixture.app.testClient()
            _ = try await client.logIn("eve", "correct-horse-42")
            let cookie = try #require(client.cookies["sessionid"])
            /// `text` with the character at `offset` replaced by another base64 letter.
            func flipping(_ text: String, at offset: Int) -> String {
                var characters = Array(text)
                characters[offset] = characters[offset] == "Q" ? "R" : "Q"
                return String(characters)
            }
            // (The last character is not flipped: in unpadded base64 its low bits are padding,
            // so some changes there decode to the same bytes and the same, genuine cookie.)
            let forgeries = [
                flipping(cookie, at: cookie.count / 2),
                flipping(cookie, at: cookie.count - 5),
                flipping(cookie, at: 2),
                cookie.replacingOccurrences(of: ":", with: "."),
                "garbage",
                "",
                String(repeating: "x", count: 5000),
            ]
            for forged in forgeries {
                let attacker = try fixture.app.testClient()
                attacker.setCookie("sessionid", forged)
                let response = try await attacker.get("/whoami")
                #expect(response.status == .ok)
                #expect(response.text == "anonymous")
            }
        }
    }

    @Test(arguments: ["https://evil.example/", "//evil.example", "/\\evil.example", "\\\\evil.example", "http://localhost.evil.example/",
                      "javascript:alert(1)", "/%2F%2Fevil.example", "/%5Cevil.example", "https://user@localhost/", "evil.example"])
    func nextToAnotherSiteIsRefused(target: String) async throws {
        try await withAuthApp(.sqlite) { fixture in
            try await fixture.makeUser("ada", password: "correct-horse-42")
            let client = try fixture.app.testClient()
            let page = try await client.get("/accounts/login/?next=" + percentEncode(target))
            #expect(page.text.contains("name=\"next\" value=\"\""))
            let response = try await client.submitForm(
                "/accounts/login/", [("username", "ada"), ("password", "correct-horse-42"), ("next", target)]
            )
            #expect(response.status == .found)
            #expect(response.headers[.location] == "/")
        }
    }

    @Test func nextOnTheSameSiteIsFollowed() async throws {
        try await withAuthApp(.sqlite) { fixture in
            try await fixture.makeUser("ada", password: "correct-horse-42")
            let client = try fixture.app.testClient()
            let response = try await client.logIn("ada", "correct-horse-42", next: "/posts/?page=2")
            #expect(response.headers[.location] == "/posts/?page=2")
            _ = try await client.postWithToken("/accounts/logout/")
            let full = try await client.logIn("ada", "correct-horse-42", next: "http://localhost/dashboard")
            #expect(full.headers[.location] == "/dashboard")
        }
    }

    @Test func safeRedirectRules() async throws {
        let app = App(settings: try Settings(baseSettings))
        app.get("/check") { req in req.safeRedirectPath(req.query["next"]) ?? "refused" }
        let client = try app.testClient()
        let refusals = [
            "https://evil.example/", "//evil.example", "/\\evil.example", "/\t/evil.example", "", "posts", "/%2f%2fevil",
            "https://localhost@evil.example/", "https://localhost/", "ftp://localhost/x",
        ]
        for target in refusals {
            #expect(try await client.get("/check?next=" + percentEncode(target)).text == "refused", "\(target)")
        }
        #expect(try await client.get("/check?next=" + percentEncode("/ok?x=1")).text == "/ok?x=1")
        #expect(try await client.get("/check?next=" + percentEncode("http://localhost/ok")).text == "/ok")
    }
}
