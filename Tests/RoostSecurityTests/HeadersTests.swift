import Foundation
import Roost
import RoostSecurity
import RoostTesting
import Testing

@Suite struct HeadersTests {
    static let frameOptions = HTTPField.Name("X-Frame-Options")!
    static let contentTypeOptions = HTTPField.Name("X-Content-Type-Options")!
    static let referrerPolicy = HTTPField.Name("Referrer-Policy")!
    static let openerPolicy = HTTPField.Name("Cross-Origin-Opener-Policy")!
    static let hsts = HTTPField.Name("Strict-Transport-Security")!

    @Test(arguments: ["/form", "/json", "/missing", "/embed"])
    func protectiveHeadersOnEveryResponse(_ path: String) async throws {
        let response = try await makeSecureApp().testClient().get(path)
        #expect(response.headers[Self.frameOptions] == (path == "/embed" ? "SAMEORIGIN" : "DENY"))
        #expect(response.headers[Self.contentTypeOptions] == "nosniff")
        #expect(response.headers[Self.referrerPolicy] == "same-origin")
        #expect(response.headers[Self.openerPolicy] == "same-origin")
        #expect(response.headers[Self.hsts] == nil)  // plain HTTP
    }

    @Test func headersAlsoOnRefusals() async throws {
        let client = try makeSecureApp().testClient()
        let forbidden = try await client.post("/submit", form: [:])
        #expect(forbidden.status == .forbidden)
        #expect(forbidden.headers[Self.frameOptions] == "DENY")
        let badHost = try await makeSecureApp().testClient(host: "evil.example").get("/form")
        #expect(badHost.status == .badRequest)
        #expect(badHost.headers[Self.frameOptions] == "DENY")
    }

    @Test func framingCanBeRelaxedPerRouteOrKeptByTheHandler() async throws {
        let app = try makeSecureApp(routes: { app in
            app.get("/own") { _ in Response(status: .ok, headerFields: [HeadersTests.frameOptions: "SAMEORIGIN"]) }
            app.group("/frames", options: .frameOptions(.sameOrigin)) { group in
                group.get("/a") { _ in "a" }
                group.get("/b", options: .frameOptions(.deny)) { _ in "b" }
            }
        })
        let client = try app.testClient()
        #expect(try await client.get("/widget").headers[Self.frameOptions] == nil)
        #expect(try await client.get("/own").headers[Self.frameOptions] == "SAMEORIGIN")
        #expect(try await client.get("/frames/a").headers[Self.frameOptions] == "SAMEORIGIN")
        #expect(try await client.get("/frames/b").headers[Self.frameOptions] == "DENY")
        let sameOrigin = try makeSecureApp(["X_FRAME_OPTIONS": "SAMEORIGIN"]).testClient()
        #expect(try await sameOrigin.get("/json").headers[Self.frameOptions] == "SAMEORIGIN")
    }

    @Test func hstsOnlyOnHTTPSAndConfigurable() async throws {
        let secure = try await makeSecureApp().testClient(isSecure: true).get("/json")
        #expect(secure.headers[Self.hsts] == "max-age=31536000")
        let configured = try makeSecureApp([
            "SECURE_HSTS_SECONDS": "63072000", "SECURE_HSTS_INCLUDE_SUBDOMAINS": "1", "SECURE_HSTS_PRELOAD": "1",
        ]).testClient(isSecure: true)
        #expect(try await configured.get("/json").headers[Self.hsts] == "max-age=63072000; includeSubDomains; preload")
        let off = try makeSecureApp(["SECURE_HSTS_SECONDS": "0"]).testClient(isSecure: true)
        #expect(try await off.get("/json").headers[Self.hsts] == nil)
    }

    @Test func contentSecurityPolicyWithNonce() async throws {
        let app = try makeSecureApp(configure: { security in
            var policy = ContentSecurityPolicy.strict
            policy.set(.scriptSource, [.self, .nonce])
            security.headers.contentSecurityPolicy = policy
        }, routes: { app in
            app.get("/nonce") { req in try req.render("nonce.html") }
        })
        let response = try await app.testClient().get("/nonce")
        let header = try #require(response.headers[HTTPField.Name("Content-Security-Policy")!])
        #expect(header.hasPrefix("default-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'; script-src 'self' 'nonce-"))
        let nonce = try #require(header.split(separator: "'nonce-").last?.split(separator: "'").first)
        #expect(nonce.count >= 22)
        #expect(response.text == "<script nonce=\"\(nonce)\"></script>")
        let next = try await app.testClient().get("/nonce")
        #expect(next.headers[HTTPField.Name("Content-Security-Policy")!] != header)

        var reportOnly = ContentSecurityPolicy()
        reportOnly.set(.defaultSource, [.self, .host("cdn.example.com")])
        reportOnly.reportOnly = true
        #expect(reportOnly.headerName == "Content-Security-Policy-Report-Only")
        #expect(reportOnly.headerValue(nonce: nil) == "default-src 'self' cdn.example.com")
    }

    @Test func httpsRedirect() async throws {
        let app = try makeSecureApp(["SECURE_SSL_REDIRECT": "1"])
        let plain = try await app.testClient().get("/json?x=1")
        #expect(plain.status == .movedPermanently)
        #expect(plain.headers[.location] == "https://localhost/json?x=1")
        #expect(try await app.testClient(isSecure: true).get("/json").status == .ok)
        let proxied = try makeSecureApp(["SECURE_SSL_REDIRECT": "1", "TRUSTED_PROXIES": "127.0.0.0/8"]).testClient()
        #expect(try await proxied.get("/json", headers: [HTTPField.Name("X-Forwarded-Proto")!: "https"]).status == .ok)
    }
}

@Suite struct ProxyTests {
    static let forwardedFor = HTTPField.Name("X-Forwarded-For")!
    static let forwardedProto = HTTPField.Name("X-Forwarded-Proto")!

    @Test func forwardedHeadersAreIgnoredUnlessTheProxyIsTrusted() async throws {
        let client = try makeSecureApp().testClient()
        let headers: HTTPFields = [Self.forwardedFor: "203.0.113.9", Self.forwardedProto: "https"]
        #expect(try await client.get("/remote", headers: headers).text == "127.0.0.1")
        #expect(try await client.get("/scheme", headers: headers).text == "http")
        #expect(try await client.get("/json", headers: headers).headers[HeadersTests.hsts] == nil)
    }

    @Test func trustedProxyGivesClientAddressAndScheme() async throws {
        let client = try makeSecureApp(["TRUSTED_PROXIES": "127.0.0.1, 10.0.0.0/8"]).testClient()
        let headers: HTTPFields = [Self.forwardedFor: "198.51.100.7, 203.0.113.9, 10.1.2.3", Self.forwardedProto: "https"]
        // The rightmost address that is not a trusted proxy is the client; a spoofed prefix is ignored.
        #expect(try await client.get("/remote", headers: headers).text == "203.0.113.9")
        #expect(try await client.get("/scheme", headers: headers).text == "https")
        #expect(try await client.get("/json", headers: headers).headers[HeadersTests.hsts] != nil)
    }

    @Test func addressRanges() throws {
        let v4 = try #require(IPAddressRange("10.0.0.0/8"))
        #expect(v4.contains("10.255.0.1") && !v4.contains("11.0.0.1") && v4.contains("::ffff:10.0.0.1"))
        let v6 = try #require(IPAddressRange("2001:db8::/32"))
        #expect(v6.contains("2001:db8:1::1") && !v6.contains("2001:db9::1"))
        #expect(try #require(IPAddressRange("::1")).contains("::1"))
        #expect(try #require(IPAddressRange("[::1]")).contains("0:0:0:0:0:0:0:1"))
        for bad in ["10.0.0.0/33", "256.1.1.1", "1.2.3", "::1::2", "abc", "1:2:3:4:5:6:7:8:9"] {
            #expect(IPAddressRange(bad) == nil, "\(bad)")
        }
        #expect(throws: SettingsError.self) { try TrustedProxies(["not-an-ip"]) }
    }
}
