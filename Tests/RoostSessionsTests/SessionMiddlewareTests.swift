import Foundation
import Roost
import RoostSessions
import RoostSigning
import RoostTesting
import Testing

/// The behaviour every store shares, run against each of them.
@Suite struct SessionMiddlewareTests {
    enum StoreKind: String, CaseIterable, CustomTestStringConvertible {
        case signedCookie, memory
        var testDescription: String { rawValue }

        func make() -> (any SessionStore)? {
            switch self {
            case .signedCookie: nil  // the default
            case .memory: MemorySessionStore()
            }
        }
    }

    @Test(arguments: StoreKind.allCases)
    func valuesPersistAcrossRequests(_ kind: StoreKind) async throws {
        let client = try makeSessionApp(store: kind.make()).testClient()
        #expect(try await client.get("/visit").text == "1")
        #expect(try await client.get("/visit").text == "2")
        #expect(try await client.get("/peek").text == "2")
        #expect(try await client.get("/cart/apple").text == "apple")
        #expect(try await client.get("/cart/pear").text == "apple,pear")
    }

    @Test(arguments: StoreKind.allCases)
    func cookieHasSafeDefaults(_ kind: StoreKind) async throws {
        let app = try makeSessionApp(store: kind.make())
        let response = try await app.testClient().get("/visit")
        let attributes = try #require(cookieAttributes(response.headers, "sessionid"))
        #expect(attributes.contains("httponly"))
        #expect(attributes.contains("samesite=lax"))
        #expect(attributes.contains("path=/"))
        #expect(attributes.contains("max-age=1209600"))
        #expect(!attributes.contains("secure"))
        #expect(response.headers[.vary] == "Cookie")

        let secure = try await app.testClient(isSecure: true).get("/visit")
        #expect(try #require(cookieAttributes(secure.headers, "sessionid")).contains("secure"))
    }

    @Test(arguments: StoreKind.allCases)
    func untouchedOrEmptySessionsSetNoCookie(_ kind: StoreKind) async throws {
        let client = try makeSessionApp(store: kind.make()).testClient()
        let plain = try await client.get("/untouched")
        #expect(plain.headers[.setCookie] == nil)
        #expect(plain.headers[.vary] == nil)
        let peek = try await client.get("/peek")
        #expect(peek.headers[.setCookie] == nil)
        #expect(peek.headers[.vary] == "Cookie")
    }

    @Test(arguments: StoreKind.allCases)
    func tamperedCookieGivesAFreshAnonymousSession(_ kind: StoreKind) async throws {
        let app = try makeSessionApp(store: kind.make())
        let victim = try app.testClient()
        _ = try await victim.get("/visit")
        _ = try await victim.get("/visit")
        let cookie = try #require(victim.cookies["sessionid"])

        let attacker = try app.testClient()
        for forged in [cookie + "x", String(cookie.dropLast()), "0" + cookie.dropFirst(), "garbage", String(repeating: "a", count: 32), ""] {
            attacker.setCookie("sessionid", forged)
            let response = try await attacker.get("/peek")
            #expect(response.status == .ok)
            #expect(response.text == "0", "forged cookie \(forged.prefix(12))… must not load a session")
        }
        // Never an error, and the next write starts a brand-new session under a new key.
        attacker.setCookie("sessionid", cookie + "x")
        #expect(try await attacker.get("/visit").text == "1")
        #expect(attacker.cookies["sessionid"] != cookie)
        #expect(try await victim.get("/peek").text == "2")
    }

    @Test(arguments: StoreKind.allCases)
    func cycleKeyChangesTheKeyAndKeepsValues(_ kind: StoreKind) async throws {
        let client = try makeSessionApp(store: kind.make()).testClient()
        _ = try await client.get("/visit")
        let before = try await client.get("/id").text
        let oldCookie = try #require(client.cookies["sessionid"])
        let after = try await client.get("/cycle").text
        #expect(before != after)
        #expect(try await client.get("/id").text == after)
        #expect(try await client.get("/peek").text == "1")
        #expect(client.cookies["sessionid"] != oldCookie)
    }

    @Test func cycleKeyForgetsTheOldKeyServerSide() async throws {
        let store = MemorySessionStore()
        let app = try makeSessionApp(store: store)
        let client = try app.testClient()
        _ = try await client.get("/visit")
        let oldCookie = try #require(client.cookies["sessionid"])
        _ = try await client.get("/cycle")
        #expect(!store.contains(id: oldCookie))
        #expect(store.count == 1)
        // Whoever kept the old key (a fixation attacker) holds nothing.
        let attacker = try app.testClient()
        attacker.setCookie("sessionid", oldCookie)
        #expect(try await attacker.get("/peek").text == "0")
    }

    @Test(arguments: StoreKind.allCases)
    func flushDeletesTheSessionAndItsCookie(_ kind: StoreKind) async throws {
        let client = try makeSessionApp(store: kind.make()).testClient()
        _ = try await client.get("/visit")
        let before = try await client.get("/id").text
        let response = try await client.get("/logout")
        #expect(try #require(cookieAttributes(response.headers, "sessionid")).contains("max-age=0"))
        #expect(client.cookies["sessionid"] == nil)
        #expect(try await client.get("/peek").text == "0")
        #expect(try await client.get("/id").text != before)
    }

    @Test func flushRemovesTheServerSideRecord() async throws {
        let store = MemorySessionStore()
        let client = try makeSessionApp(store: store).testClient()
        _ = try await client.get("/visit")
        let cookie = try #require(client.cookies["sessionid"])
        _ = try await client.get("/logout")
        #expect(!store.contains(id: cookie))
    }

    @Test(arguments: StoreKind.allCases)
    func rememberMeAndBrowserSessionExpiry(_ kind: StoreKind) async throws {
        let client = try makeSessionApp(store: kind.make()).testClient()
        let remembered = try await client.get("/remember")
        #expect(try #require(cookieAttributes(remembered.headers, "sessionid")).contains("max-age=2592000"))
        let closing = try await client.get("/forget-on-close")
        let attributes = try #require(cookieAttributes(closing.headers, "sessionid"))
        #expect(!attributes.contains { $0.hasPrefix("max-age") || $0.hasPrefix("expires") })
    }

    @Test func expireAtBrowserCloseSetting() async throws {
        let app = try makeSessionApp(settings: ["SESSION_EXPIRE_AT_BROWSER_CLOSE": "1", "SESSION_COOKIE_NAME": "sid"])
        let response = try await app.testClient().get("/visit")
        let attributes = try #require(cookieAttributes(response.headers, "sid"))
        #expect(!attributes.contains { $0.hasPrefix("max-age") })
    }

    @Test func expiredSessionsDoNotLoad() async throws {
        let store = MemorySessionStore()
        let client = try makeSessionApp(store: store, settings: ["SESSION_COOKIE_AGE": "1"]).testClient()
        _ = try await client.get("/visit")
        try await Task.sleep(for: .milliseconds(2100))
        #expect(try await client.get("/peek").text == "0")
        #expect(store.removeExpired() == 0)  // load already dropped it
    }

    @Test func unencodableValueFailsTheRequestInsteadOfLosingData() async throws {
        let response = try await makeSessionApp().testClient().get("/nan")
        #expect(response.status == .internalServerError)
        #expect(response.headers[.setCookie] == nil)
    }

    @Test func signedCookieSessionsNeedASecretKey() throws {
        let app = App(settings: try Settings([:]))
        #expect(throws: SigningError.self) { try app.useSessions() }
    }

    @Test func cookieSignedWithAFallbackKeyStillLoads() async throws {
        let old = try makeSessionApp(settings: ["SECRET_KEY": "old-key"]).testClient()
        _ = try await old.get("/visit")
        let cookie = try #require(old.cookies["sessionid"])
        let rotated = try makeSessionApp(settings: ["SECRET_KEY": "new-key", "SECRET_KEY_FALLBACKS": "old-key"]).testClient()
        rotated.setCookie("sessionid", cookie)
        #expect(try await rotated.get("/peek").text == "1")
    }

    @Test func oversizedCookieSessionFailsLoudly() async throws {
        let app = try makeSessionApp { app in
            app.get("/big") { req in
                req.session[.cart] = Array(repeating: String(repeating: "x", count: 100), count: 60)
                return "big"
            }
        }
        #expect(try await app.testClient().get("/big").status == .internalServerError)
    }
}
