import Foundation
import Roost
import RoostSecurity
import RoostSessions
import RoostTesting
import Testing

@Suite struct CSRFTests {
    @Test(arguments: [HTTPRequest.Method.post, .put, .patch, .delete])
    func unsafeMethodWithoutTokenIsForbidden(_ method: HTTPRequest.Method) async throws {
        let client = try makeSecureApp().testClient()
        _ = try await client.get("/form")  // the browser has the CSRF cookie
        let response = try await client.send(method, "/submit", form: ["title": "x"])
        #expect(response.status == .forbidden)
        #expect(response.text.contains("CSRF verification failed"))
        #expect(!response.text.contains("CSRF token missing"))  // details only in DEBUG
    }

    @Test func postWithWrongTokenIsForbidden() async throws {
        let client = try makeSecureApp().testClient()
        _ = try await client.get("/form")
        let wrongMasked = CSRFToken.mask(CSRFToken.makeSecret())
        for token in [wrongMasked, CSRFToken.makeSecret(), "short", String(repeating: "!", count: 64)] {
            let response = try await client.post("/submit", form: ["csrfmiddlewaretoken": token])
            #expect(response.status == .forbidden, "token \(token)")
        }
        let header = try await client.post("/submit", body: [], headers: [HTTPField.Name("X-CSRFToken")!: wrongMasked])
        #expect(header.status == .forbidden)
    }

    @Test func postWithoutCookieIsForbidden() async throws {
        let client = try makeSecureApp().testClient()
        let html = try await client.get("/form").text
        let token = try #require(formToken(html))
        client.setCookie("csrftoken", "")
        let response = try await client.post("/submit", form: ["csrfmiddlewaretoken": token])
        #expect(response.status == .forbidden)
    }

    @Test func formTokenIsAccepted() async throws {
        let client = try makeSecureApp().testClient()
        let form = try await client.get("/form")
        let token = try #require(formToken(form.text))
        #expect(token.count == 64)
        let cookie = try #require(form.headers[values: .setCookie].first { $0.hasPrefix("csrftoken=") })
        #expect(cookie.contains("SameSite=Lax") && !cookie.contains("HttpOnly") && cookie.contains("Max-Age=31449600"))
        #expect(form.headers[.vary]?.contains("Cookie") == true)
        let response = try await client.post("/submit", form: ["title": "hello", "csrfmiddlewaretoken": token])
        #expect(response.status == .ok)
        #expect(response.text == "accepted")
    }

    @Test func headerTokenIsAcceptedForEveryUnsafeMethod() async throws {
        let client = try makeSecureApp().testClient()
        let token = try await client.get("/token").text
        for method in [HTTPRequest.Method.post, .put, .patch, .delete] {
            let response = try await client.request(method, "/submit", headers: [HTTPField.Name("X-CSRFToken")!: token])
            #expect(response.status == .ok, "\(method)")
        }
        // The unmasked secret (what JavaScript reads from the cookie) works too, as in Django.
        let secret = try #require(client.cookies["csrftoken"])
        let response = try await client.post("/submit", body: [], headers: [HTTPField.Name("X-CSRFToken")!: secret])
        #expect(response.status == .ok)
    }

    @Test func multipartFormTokenIsAcceptedAndTheHandlerStillReadsTheForm() async throws {
        let client = try makeSecureApp().testClient()
        let token = try #require(formToken(try await client.get("/form").text))
        let boundary = "XyZ"
        let body = """
            --\(boundary)\r\nContent-Disposition: form-data; name="title"\r\n\r\nhello\r\n\
            --\(boundary)\r\nContent-Disposition: form-data; name="csrfmiddlewaretoken"\r\n\r\n\(token)\r\n\
            --\(boundary)--\r\n
            """
        let response = try await client.post(
            "/upload", body: Array(body.utf8), headers: [.contentType: "multipart/form-data; boundary=\(boundary)"]
        )
        #expect(response.status == .ok)
        #expect(response.text == "accepted hello")
    }

    @Test func everyRenderGetsADifferentTokenForTheSameSecret() async throws {
        let client = try makeSecureApp().testClient()
        let first = try await client.get("/token").text
        let second = try await client.get("/token").text
        #expect(first != second)
        #expect(CSRFToken.unmask(first) == CSRFToken.unmask(second))
        #expect(CSRFToken.unmask(first) == client.cookies["csrftoken"])
        for token in [first, second] {
            #expect(try await client.post("/submit", form: ["csrfmiddlewaretoken": token]).status == .ok)
        }
    }

    @Test func safeMethodsAndExemptRoutesAreNotChecked() async throws {
        let client = try makeSecureApp().testClient()
        #expect(try await client.get("/json").status == .ok)
        #expect(try await client.post("/hook", form: ["a": "b"]).text == "hooked")
        #expect(try await client.post("/api/items", form: [:]).text == "created")
        #expect(try await client.post("/nowhere", form: [:]).status == .notFound)
    }

    @Test func crossOriginPostIsForbiddenEvenWithAToken() async throws {
        let client = try makeSecureApp().testClient()
        let token = try #require(formToken(try await client.get("/form").text))
        let evil = try await client.post("/submit", form: ["csrfmiddlewaretoken": token], headers: [.origin: "https://evil.example"])
        #expect(evil.status == .forbidden)
        let null = try await client.post("/submit", form: ["csrfmiddlewaretoken": token], headers: [.origin: "null"])
        #expect(null.status == .forbidden)
        let same = try await client.post("/submit", form: ["csrfmiddlewaretoken": token], headers: [.origin: "http://localhost"])
        #expect(same.status == .ok)
    }

    @Test func crossOriginRefererOnHTTPSIsForbidden() async throws {
        let client = try makeSecureApp().testClient(isSecure: true)
        let token = try #require(formToken(try await client.get("/form").text))
        let form: KeyValuePairs<String, String> = ["csrfmiddlewaretoken": token]
        #expect(try await client.post("/submit", form: form, headers: [.referer: "https://evil.example/page"]).status == .forbidden)
        #expect(try await client.post("/submit", form: form).status == .forbidden)  // no Referer at all
        #expect(try await client.post("/submit", form: form, headers: [.referer: "http://localhost/form"]).status == .forbidden)
        #expect(try await client.post("/submit", form: form, headers: [.referer: "not a url"]).status == .forbidden)
        #expect(try await client.post("/submit", form: form, headers: [.referer: "https://localhost/form"]).status == .ok)
    }

    @Test func crossOriginRefererOnHTTPSBehindTrustedProxyIsForbidden() async throws {
        let client = try makeSecureApp(["TRUSTED_PROXIES": "127.0.0.1"]).testClient()
        let proto: HTTPFields = [HTTPField.Name("X-Forwarded-Proto")!: "https"]
        let token = try #require(formToken(try await client.get("/form", headers: proto).text))
        var evil = proto
        evil[.referer] = "https://evil.example/"
        #expect(try await client.post("/submit", form: ["csrfmiddlewaretoken": token], headers: evil).status == .forbidden)
        var good = proto
        good[.referer] = "https://localhost/form"
        #expect(try await client.post("/submit", form: ["csrfmiddlewaretoken": token], headers: good).status == .ok)
    }

    @Test func trustedOriginsAreAccepted() async throws {
        let client = try makeSecureApp(["CSRF_TRUSTED_ORIGINS": "https://admin.example.com,https://*.partner.example"])
            .testClient(isSecure: true)
        let token = try #require(formToken(try await client.get("/form").text))
        let form: KeyValuePairs<String, String> = ["csrfmiddlewaretoken": token]
        for origin in ["https://admin.example.com", "https://a.partner.example", "https://b.c.partner.example"] {
            #expect(try await client.post("/submit", form: form, headers: [.origin: origin]).status == .ok, "\(origin)")
        }
        for origin in ["http://admin.example.com", "https://partner.example.evil", "https://evilpartner.example"] {
            #expect(try await client.post("/submit", form: form, headers: [.origin: origin]).status == .forbidden, "\(origin)")
        }
        #expect(try await client.post("/submit", form: form, headers: [.referer: "https://x.partner.example/p"]).status == .ok)
    }

    @Test func trustedOriginWithoutSchemeStopsStartUp() throws {
        #expect(throws: SettingsError.self) { try makeSecureApp(["CSRF_TRUSTED_ORIGINS": "example.com"]) }
    }

    @Test func debugPageExplainsTheReason() async throws {
        let client = try makeSecureApp(["DEBUG": "1"]).testClient()
        let response = try await client.post("/submit", form: [:])
        #expect(response.status == .forbidden)
        #expect(response.text.contains("CSRF cookie not set."))
        _ = try await client.get("/form")
        #expect(try await client.post("/submit", form: [:]).text.contains("CSRF token missing."))
    }

    @Test func failurePageCanBeReplaced() async throws {
        let app = try makeSecureApp()
        app.onError(CSRFFailure.self) { _, failure in Response.text("custom: \(failure.reason)", status: .forbidden) }
        let response = try await app.testClient().post("/submit", form: [:])
        #expect(response.text == "custom: CSRF cookie not set.")
        #expect(response.headers[HTTPField.Name("X-Frame-Options")!] == "DENY")
    }

    @Test func rotationInvalidatesEarlierTokens() async throws {
        let app = try makeSecureApp(routes: { app in
            app.post("/login") { req in
                req.rotateCSRFToken()
                req.session.cycleKey()
                return "rotated"
            }
        })
        let client = try app.testClient()
        let token = try #require(formToken(try await client.get("/form").text))
        #expect(try await client.post("/login", form: ["csrfmiddlewaretoken": token]).text == "rotated")
        #expect(try await client.post("/submit", form: ["csrfmiddlewaretoken": token]).status == .forbidden)
        let fresh = try #require(formToken(try await client.get("/form").text))
        #expect(try await client.post("/submit", form: ["csrfmiddlewaretoken": fresh]).status == .ok)
    }

    @Test func secretCanLiveInTheSession() async throws {
        let store = MemorySessionStore()
        let client = try makeSecureApp(["CSRF_USE_SESSIONS": "1"], sessions: .store(store)).testClient()
        let token = try #require(formToken(try await client.get("/form").text))
        #expect(client.cookies["csrftoken"] == nil)
        #expect(client.cookies["sessionid"] != nil)
        #expect(try await client.post("/submit", form: ["csrfmiddlewaretoken": token]).status == .ok)
        #expect(try await client.post("/submit", form: ["csrfmiddlewaretoken": CSRFToken.mask(CSRFToken.makeSecret())]).status == .forbidden)
        #expect(throws: SecurityConfigurationError.self) { try makeSecureApp(["CSRF_USE_SESSIONS": "1"], sessions: .disabled) }
    }

    @Test func malformedCookieIsReplaced() async throws {
        let client = try makeSecureApp().testClient()
        client.setCookie("csrftoken", "not-a-secret")
        _ = try await client.get("/form")
        #expect(client.cookies["csrftoken"].map(CSRFToken.isSecret) == true)
    }

    @Test func tokensMaskAndUnmask() {
        let secret = CSRFToken.makeSecret()
        #expect(CSRFToken.isSecret(secret))
        let token = CSRFToken.mask(secret)
        #expect(token.count == 64)
        #expect(!token.contains(secret))
        #expect(CSRFToken.unmask(token) == secret)
        #expect(CSRFToken.unmask("short") == nil)
    }
}
