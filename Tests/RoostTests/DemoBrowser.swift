import Foundation
import RoostTesting
import Testing

/// A browser's view of the running demo: cookies kept between requests (as `Set-Cookie`
/// sends them), `Accept: text/html`, and the CSRF token of the last page with a form.
struct DemoBrowser {
    let server: LiveServer
    private(set) var cookies: [(name: String, value: String)] = []
    /// The `csrfmiddlewaretoken` of the last page fetched that had one.
    private(set) var token = ""

    init(port: Int) {
        server = LiveServer(port: port)
    }

    /// `GET path`, remembering cookies and the form token.
    @discardableResult
    mutating func get(_ path: String) async throws -> RawHTTPResponse {
        let response = try await server.request(path, headers: headers())
        remember(response)
        return response
    }

    /// `POST path` with a form body and the current CSRF token.
    @discardableResult
    mutating func post(_ path: String, _ fields: [(String, String)]) async throws -> RawHTTPResponse {
        let pairs = [("csrfmiddlewaretoken", token)] + fields
        let body = pairs.map { "\($0.0)=\(Self.encode($0.1))" }.joined(separator: "&")
        let response = try await server.request(
            path, method: "POST", headers: headers() + [("Content-Type", "application/x-www-form-urlencoded")], body: Array(body.utf8)
        )
        remember(response)
        return response
    }

    /// Logs in through the login form; returns the login POST's response.
    @discardableResult
    mutating func logIn(_ username: String, _ password: String) async throws -> RawHTTPResponse {
        try await get("/accounts/login/")
        return try await post("/accounts/login/", [("username", username), ("password", password)])
    }

    private func headers() -> [(String, String)] {
        var headers = [("Accept", "text/html")]
        if !cookies.isEmpty { headers.append(("Cookie", cookies.map { "\($0.name)=\($0.value)" }.joined(separator: "; "))) }
        return headers
    }

    private mutating func remember(_ response: RawHTTPResponse) {
        for header in response.headers where header.name.lowercased() == "set-cookie" {
            let pair = header.value.prefix { $0 != ";" }
            guard let equals = pair.firstIndex(of: "=") else { continue }
            let name = String(pair[..<equals])
            let value = String(pair[pair.index(after: equals)...])
            cookies.removeAll { $0.name == name }
            // A cookie set to expire in the past is deleted.
            if !header.value.lowercased().contains("max-age=0") { cookies.append((name, value)) }
        }
        let marker = #"name="csrfmiddlewaretoken" value=""#
        if let start = response.text.range(of: marker)?.upperBound {
            token = String(response.text[start...].prefix { $0 != "\"" })
        }
    }

    private static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}
