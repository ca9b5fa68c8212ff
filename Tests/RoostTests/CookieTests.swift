import Roost
import RoostTesting
import Testing

@Suite struct CookieTests {
    @Test func readsCookiesFromEveryCookieHeader() async throws {
        let app = try makeApp()
        app.get("/") { req in req.cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "|") }
        let response = try await app.testClient().get("/", headers: [.cookie: "a=1; b=\"two words\"; a=ignored; c=\"q\\\"uote\\073\""])
        #expect(response.text == "a=1|b=two words|c=q\"uote;")
    }

    @Test func writesEveryAttribute() {
        let cookie = Cookie(
            name: "session", value: "abc", maxAge: 3600, expires: 0, domain: "example.com", path: "/app",
            secure: true, httpOnly: true, sameSite: .strict, partitioned: true
        )
        #expect(cookie.headerValue == "session=abc; Max-Age=3600; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Domain=example.com; Path=/app; Secure; HttpOnly; SameSite=Strict; Partitioned")
        #expect(Cookie(name: "x", value: "1", sameSite: Cookie.SameSite.none).headerValue == "x=1; Path=/; Secure; HttpOnly; SameSite=None")
    }

    @Test func quotesValuesACookieCannotHoldAndReadsThemBack() async throws {
        let hostile = "a;b c,\"d\\é"
        let app = try makeApp()
        app.get("/set") { _ in
            var response = Response.text("set")
            response.setCookie(Cookie(name: "v", value: hostile))
            return response
        }
        app.get("/get") { req in req.cookies["v"] ?? "missing" }
        let client = try app.testClient()
        let set = try await client.get("/set")
        #expect(set.headers[.setCookie]?.hasPrefix("v=\"a\\073b\\040c\\054\\\"d\\\\") == true)
        #expect(try await client.get("/get").text == hostile)
    }

    @Test func keepsAndDeletesCookiesInTheTestClient() async throws {
        let app = try makeApp()
        app.get("/login") { _ in
            var response = Response.text("in")
            response.setCookie(Cookie(name: "user", value: "ada"))
            return response
        }
        app.get("/logout") { _ in
            var response = Response.text("out")
            response.deleteCookie(named: "user")
            return response
        }
        app.get("/me") { req in req.cookies["user"] ?? "anonymous" }
        let client = try app.testClient()
        _ = try await client.get("/login")
        #expect(try await client.get("/me").text == "ada")
        _ = try await client.get("/logout")
        #expect(try await client.get("/me").text == "anonymous")
    }
}
