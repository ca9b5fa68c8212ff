import Foundation
import Roost
import RoostSecurity
import RoostTesting
import Testing

@Suite struct HostTests {
    @Test(arguments: ["evil.example", "example.com.evil.example", "localhost.evil", "127.0.0.1", "[::1]", "exa mple.com"])
    func disallowedHostIsABadRequest(_ host: String) async throws {
        let response = try await makeSecureApp().testClient(host: host).get("/json")
        #expect(response.status == .badRequest)
        #expect(!response.text.contains("ALLOWED_HOSTS"))  // details only in DEBUG
    }

    @Test(arguments: ["localhost", "example.com", "EXAMPLE.com:8443", "example.org", "www.example.org", "a.b.example.org."])
    func allowedHostsPass(_ host: String) async throws {
        #expect(try await makeSecureApp().testClient(host: host).get("/json").status == .ok)
    }

    @Test func debugAllowsLocalHostsAndExplains() async throws {
        let settings = ["DEBUG": "1", "ALLOWED_HOSTS": ""]
        for host in ["localhost:8000", "app.localhost", "127.0.0.1:8000", "[::1]:8000"] {
            #expect(try await makeSecureApp(settings).testClient(host: host).get("/json").status == .ok, "\(host)")
        }
        let refused = try await makeSecureApp(settings).testClient(host: "evil.example").get("/json")
        #expect(refused.status == .badRequest)
        #expect(refused.text.contains("evil.example") && refused.text.contains("to ALLOWED_HOSTS."))
    }

    @Test func emptyAllowedHostsRefuseEverythingWithoutDebug() async throws {
        let client = try makeSecureApp(["ALLOWED_HOSTS": ""]).testClient()
        #expect(try await client.get("/json").status == .badRequest)
    }

    @Test func hostParsing() {
        #expect(AllowedHosts.domain(of: "Example.COM:80") == "example.com")
        #expect(AllowedHosts.domain(of: "[::1]:8000") == "[::1]")
        #expect(AllowedHosts.domain(of: "example.com.") == "example.com")
        for bad in ["", ":80", "exa_mple.com", "example.com:", "example.com:80:80", "[::1", "ex ample.com", "example.com:123456"] {
            #expect(AllowedHosts.domain(of: bad) == nil, "\(bad)")
        }
        let wildcard = AllowedHosts(["*"], debug: false)
        #expect(wildcard.allows("anything.example"))
        #expect(!wildcard.allows("bad host"))
    }
}
