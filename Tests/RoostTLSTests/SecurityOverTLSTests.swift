import NIOCore
import Roost
import RoostSecurity
import RoostSessions
import RoostTLS
import RoostTesting
import Testing

extension Session.Key where Value == Int {
    fileprivate static let visits = Session.Key<Int>("visits")
}

/// The protections of `useSecurity()` see HTTPS behind a ``TLSTransport``, over HTTP/2 as
/// over HTTP/1.1: HSTS, `Secure` cookies, the `Referer` check of CSRF, the host check.
@Suite struct SecurityOverTLSTests {
    static func makeSecuredApp(_ certificate: TestCertificate) throws -> App {
        let app = App(settings: try Settings([
            "ACCESS_LOG": "false", "LOG_LEVEL": "warning",
            "SECRET_KEY": "tls-test-secret-key-0123456789abcdef", "ALLOWED_HOSTS": "localhost",
        ]))
        try app.useSecurity()
        app.get("/token") { req in req.csrfToken }
        app.get("/visit") { req in
            let visits = (req.session[.visits] ?? 0) + 1
            req.session[.visits] = visits
            return "\(visits) \(req.scheme)"
        }
        app.post("/submit") { req in "accepted \(try await req.collectBody().readableBytes)" }
        app.serverConfiguration.transport = try certificate.transport()
        return app
    }

    @Test(arguments: [("--http2", "2"), ("--http1.1", "1.1")])
    func protectionsTreatTheConnectionAsHTTPS(option: String, version: String) async throws {
        let certificate = try await TestCertificate.make()
        defer { certificate.remove() }
        let app = try Self.makeSecuredApp(certificate)
        try await app.withLiveServer { server in
            let base = "https://localhost:\(server.port)"
            let page = try await curl("\(base)/token", [option])
            #expect(page.httpVersion == version)
            #expect(page.status == 200)
            #expect(page.headers["strict-transport-security"] == "max-age=31536000")
            #expect(page.headers["x-frame-options"] == "DENY")
            let csrfCookie = try #require(page.values("set-cookie").first { $0.hasPrefix("csrftoken=") })
            #expect(csrfCookie.contains("; Secure"))
            let cookie = String(csrfCookie.split(separator: ";")[0])

            let visit = try await curl("\(base)/visit", [option])
            #expect(visit.text == "1 https")
            let sessionCookie = try #require(visit.values("set-cookie").first { $0.hasPrefix("sessionid=") })
            #expect(sessionCookie.contains("; Secure"))
            #expect(sessionCookie.contains("; HttpOnly"))

            func post(referer: String) async throws -> CurlResponse {
                try await curl("\(base)/submit", [
                    option, "-H", "Cookie: \(cookie)", "-H", "X-CSRFToken: \(page.text)", "-H", "Referer: \(referer)",
                    "--data-binary", "payload",
                ])
            }
            let crossOrigin = try await post(referer: "https://evil.example/attack")
            #expect(crossOrigin.httpVersion == version)
            #expect(crossOrigin.status == 403)
            let sameOrigin = try await post(referer: "\(base)/token")
            #expect(sameOrigin.status == 200)
            #expect(sameOrigin.text == "accepted 7")

            let wrongHost = try await curl("\(base)/token", [option, "-H", "Host: evil.example"])
            #expect(wrongHost.httpVersion == version)
            #expect(wrongHost.status == 400)
        }
    }
}
