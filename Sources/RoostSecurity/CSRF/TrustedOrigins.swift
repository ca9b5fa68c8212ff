import Roost

/// The `Origin`/`Referer` half of CSRF protection: which sites may send unsafe requests.
/// The request's own origin always may; others only when listed in
/// ``CSRFConfiguration/trustedOrigins`` (`https://example.com`, `https://*.example.com`).
struct TrustedOrigins: Sendable {
    /// Exact origins, lowercased.
    private let exact: Set<String>
    /// `*.` origins: the scheme and the `.domain` the host must end with.
    private let wildcards: [(scheme: String, domain: String)]
    /// Host patterns for `Referer` checks (`example.com`, `.example.com`).
    private let refererHosts: [String]
    private let cookieDomain: String?

    init(_ origins: [String], cookieDomain: String?) {
        var exact: Set<String> = []
        var wildcards: [(String, String)] = []
        var hosts: [String] = []
        for origin in origins {
            let lowered = origin.lowercased()
            guard let parts = URLParts(lowered) else { continue }
            if parts.netloc.hasPrefix("*.") {
                wildcards.append((parts.scheme, String(parts.netloc.dropFirst())))
                hosts.append(String(parts.netloc.dropFirst()))
            } else {
                exact.insert("\(parts.scheme)://\(parts.netloc)")
                hosts.append(parts.netloc)
            }
        }
        self.exact = exact
        self.wildcards = wildcards
        self.refererHosts = hosts
        self.cookieDomain = cookieDomain?.lowercased()
    }

    /// Checks `Origin` (any scheme), or on HTTPS without `Origin`, `Referer`.
    /// - Returns: The reason to refuse, or `nil` to go on.
    func check(_ request: Request) -> CSRFFailure.Reason? {
        let host = (request.host ?? "").lowercased()
        if let origin = request.headers[.origin] {
            let lowered = origin.lowercased()
            if lowered != "null" {
                if lowered == "\(request.scheme)://\(host)" || exact.contains(lowered) { return nil }
                if let parts = URLParts(lowered),
                    wildcards.contains(where: { $0.scheme == parts.scheme && Self.isSameDomain(parts.netloc, $0.domain) })
                {
                    return nil
                }
            }
            return .badOrigin(origin)
        }
        guard request.connection.isSecure else { return nil }
        guard let referer = request.headers[.referer] else { return .noReferer }
        guard let parts = URLParts(referer.lowercased()) else { return .malformedReferer }
        guard parts.scheme == "https" else { return .insecureReferer }
        let good = refererHosts + [cookieDomain ?? host]
        guard good.contains(where: { Self.isSameDomain(parts.netloc, $0) }) else { return .badReferer(referer) }
        return nil
    }

    /// Django's `is_same_domain`: `pattern` itself, or with a leading dot, any subdomain.
    static func isSameDomain(_ host: String, _ pattern: String) -> Bool {
        guard !pattern.isEmpty else { return false }
        if pattern.hasPrefix(".") { return host.hasSuffix(pattern) || host == pattern.dropFirst() }
        return host == pattern
    }
}

/// The scheme and `host[:port]` of an absolute URL.
struct URLParts {
    let scheme: String
    let netloc: String

    init?(_ url: String) {
        guard let separator = url.firstRange(of: "://") else { return nil }
        let scheme = url[..<separator.lowerBound]
        let rest = url[separator.upperBound...]
        let end = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
        let netloc = rest[..<end]
        guard !scheme.isEmpty, !netloc.isEmpty,
            scheme.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == "." })
        else { return nil }
        self.scheme = String(scheme)
        self.netloc = String(netloc)
    }
}
