import Foundation
import RoostTesting

/// A browser's side of a generated project's forms: cookies kept between requests as
/// `Set-Cookie` sends them, `Accept: text/html`, and the CSRF token of the last form seen,
/// sent with every POST.
struct FormBrowser {
    let server: LiveServer
    private var cookies: [(name: String, value: String)] = []
    private var token = ""

    init(port: Int) {
        server = LiveServer(port: port)
    }

    /// `GET path`.
    @discardableResult
    mutating func get(_ path: String) async throws -> RawHTTPResponse {
        let response = try await server.request(path, headers: headers())
        remember(response)
        return response
    }

    /// `POST path` with `fields` and the CSRF token; fetches the login page first when no
    /// token has been seen yet (it sets the CSRF cookie).
    @discardableResult
    mutating func post(_ path: String, _ fields: [(String, String)]) async throws -> RawHTTPResponse {
        if token.isEmpty { try await get("/accounts/login/") }
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let body = ([("csrfmiddlewaretoken", token)] + fields)
            .map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? $0.1)" }.joined(separator: "&")
        let response = try await server.request(
            path, method: "POST", headers: headers() + [("Content-Type", "application/x-www-form-urlencoded")], body: Array(body.utf8)
        )
        remember(response)
        return response
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
            cookies.removeAll { $0.name == name }
            if !header.value.lowercased().contains("max-age=0") { cookies.append((name, String(pair[pair.index(after: equals)...]))) }
        }
        let marker = #"name="csrfmiddlewaretoken" value=""#
        if let start = response.text.range(of: marker)?.upperBound {
            token = String(response.text[start...].prefix { $0 != "\"" })
        }
    }
}
