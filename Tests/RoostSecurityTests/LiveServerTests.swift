import Foundation
import Roost
import RoostSecurity
import RoostTesting
import Testing

/// The protections over a real socket, through the NIO server.
@Suite struct LiveServerTests {
    @Test func headersAndHostCheckOverTheWire() async throws {
        let app = try makeSecureApp()
        try await app.withLiveServer { server in
            let connection = try await server.connect()
            try await connection.send("GET /form HTTP/1.1\r\nHost: localhost\r\n\r\n")
            let page = try await connection.readResponse()
            #expect(page.status == 200)
            #expect(page.header("X-Frame-Options") == "DENY")
            #expect(page.header("X-Content-Type-Options") == "nosniff")
            #expect(page.header("Referrer-Policy") == "same-origin")
            #expect(page.header("Cross-Origin-Opener-Policy") == "same-origin")
            #expect(page.header("Strict-Transport-Security") == nil)

            try await connection.send("GET /json HTTP/1.1\r\nHost: evil.example\r\n\r\n")
            let evil = try await connection.readResponse()
            #expect(evil.status == 400)
            #expect(evil.header("X-Frame-Options") == "DENY")
            await connection.close()

            // POST without a token over the wire.
            let post = try await server.request("/submit", method: "POST", headers: [("Host", "localhost")])
            #expect(post.status == 403 || post.status == 400)
        }
    }

    @Test func secureTransportGetsHSTSAndRefererChecks() async throws {
        let app = try makeSecureApp()
        app.serverConfiguration.transport = SecureMarkingTransport()
        try await app.withLiveServer { server in
            let connection = try await server.connect()
            try await connection.send("GET /form HTTP/1.1\r\nHost: localhost\r\n\r\n")
            let page = try await connection.readResponse()
            #expect(page.header("Strict-Transport-Security") == "max-age=31536000")
            let cookieHeader = try #require(page.headers.first { $0.name.lowercased() == "set-cookie" && $0.value.hasPrefix("csrftoken=") }?.value)
            #expect(cookieHeader.contains("Secure"))
            let cookie = String(cookieHeader.split(separator: ";")[0])
            let token = try #require(formToken(page.text))
            let body = "csrfmiddlewaretoken=\(token)"
            func post(referer: String) async throws -> Int {
                try await connection.send(
                    "POST /submit HTTP/1.1\r\nHost: localhost\r\nCookie: \(cookie)\r\nReferer: \(referer)\r\n"
                        + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)"
                )
                return try await connection.readResponse().status
            }
            #expect(try await post(referer: "https://evil.example/attack") == 403)
            #expect(try await post(referer: "https://localhost/form") == 200)
            await connection.close()
        }
    }
}
