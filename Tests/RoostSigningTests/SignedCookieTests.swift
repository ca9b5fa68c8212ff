import Foundation
import Roost
import RoostSigning
import RoostTesting
import Testing

@Suite struct SignedCookieTests {
    func makeApp(_ values: [String: String] = ["SECRET_KEY": "test-secret-key-that-is-long-enough"]) throws -> App {
        let app = App(settings: try Settings(values))
        app.get("/set") { req in
            var response = Response.text("set")
            try response.setSignedCookie(Cookie(name: "theme", value: "dark; with spaces"), for: req)
            return response
        }
        app.get("/read") { req in req.signedCookie("theme") ?? "absent" }
        app.get("/read-fresh") { req in req.signedCookie("theme", maxAge: .seconds(0)) ?? "absent" }
        return app
    }

    @Test func signedCookieRoundTrips() async throws {
        let client = try makeApp().testClient()
        let set = try await client.get("/set")
        #expect(set.headers[.setCookie]?.contains("HttpOnly") == true)
        #expect(try await client.get("/read").text == "dark; with spaces")
    }

    @Test func tamperedSignedCookieReadsAsAbsent() async throws {
        let client = try makeApp().testClient()
        _ = try await client.get("/set")
        let original = try #require(client.cookies["theme"])
        client.setCookie("theme", original.replacingOccurrences(of: "dark", with: "lite"))
        #expect(try await client.get("/read").text == "absent")
        client.setCookie("theme", "dark")
        #expect(try await client.get("/read").text == "absent")
    }

    @Test func cookieSignedForAnotherNameIsRefused() async throws {
        let app = try makeApp()
        app.get("/read-other") { req in req.signedCookie("other") ?? "absent" }
        let client = try app.testClient()
        _ = try await client.get("/set")
        client.setCookie("other", try #require(client.cookies["theme"]))
        #expect(try await client.get("/read-other").text == "absent")
    }

    @Test func rotatedSecretKeyStillReadsOldCookies() async throws {
        let old = try makeApp(["SECRET_KEY": "old-secret"]).testClient()
        _ = try await old.get("/set")
        let cookie = try #require(old.cookies["theme"])
        let rotated = try makeApp(["SECRET_KEY": "new-secret", "SECRET_KEY_FALLBACKS": "old-secret"]).testClient()
        rotated.setCookie("theme", cookie)
        #expect(try await rotated.get("/read").text == "dark; with spaces")
        let unrelated = try makeApp(["SECRET_KEY": "new-secret"]).testClient()
        unrelated.setCookie("theme", cookie)
        #expect(try await unrelated.get("/read").text == "absent")
    }

    @Test func withoutSecretKeySettingASignedCookieFails() async throws {
        let client = try makeApp([:]).testClient()
        #expect(try await client.get("/set").status == .internalServerError)
        #expect(try await client.get("/read").text == "absent")
        #expect(throws: SigningError.self) { try SigningKeys(settings: Settings([:])) }
    }
}
