/// The host names an app answers for: Django's `ALLOWED_HOSTS`, checked on every request so
/// that a forged `Host` header cannot poison password-reset links or caches.
///
/// Patterns, compared without case and without the port:
/// - `example.com`: exactly that host;
/// - `.example.com`: `example.com` and every subdomain of it;
/// - `*`: any host (turns the check off; avoid).
///
/// ```swift
/// let hosts = AllowedHosts(["example.com", ".example.org"], debug: false)
/// hosts.allows("www.example.org:8443")   // true
/// hosts.allows("evil.example")           // false
/// ```
///
/// With DEBUG on, `localhost` (and its subdomains), `127.0.0.1` and `[::1]` are allowed too.
/// With DEBUG off and no pattern, every host is refused (`check` warns about it).
public struct AllowedHosts: Sendable {
    /// The patterns, lowercased.
    public let patterns: [String]

    /// Hosts always allowed in DEBUG.
    public static let debugHosts = [".localhost", "127.0.0.1", "[::1]"]

    /// Creates the list.
    /// - Parameters:
    ///   - patterns: The allowed host patterns.
    ///   - debug: Whether DEBUG is on (adds the local hosts).
    public init(_ patterns: [String], debug: Bool) {
        var all = patterns.map { $0.lowercased() }
        if debug { all += Self.debugHosts.filter { !all.contains($0) } }
        self.patterns = all
    }

    /// Whether `host` (a `Host` header value, with or without a port) is allowed.
    public func allows(_ host: String) -> Bool {
        guard let domain = Self.domain(of: host) else { return false }
        return patterns.contains { Self.matches(domain, pattern: $0) }
    }

    /// The host without its port, lowercased and without a trailing dot, or `nil` when it is
    /// not a syntactically valid host (Django's `split_domain_port`).
    public static func domain(of host: String) -> String? {
        let lowered = host.lowercased()
        var bytes = Substring(lowered)
        guard !bytes.isEmpty else { return nil }
        var domain: Substring
        if bytes.first == "[" {
            guard let close = bytes.firstIndex(of: "]") else { return nil }
            domain = bytes[...close]
            bytes = bytes[bytes.index(after: close)...]
            let inside = domain.dropFirst().dropLast()
            guard inside.contains(":"),
                inside.utf8.allSatisfy({ isHexDigit($0) || $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: ".") })
            else { return nil }
        } else {
            let colon = bytes.firstIndex(of: ":") ?? bytes.endIndex
            domain = bytes[..<colon]
            bytes = bytes[colon...]
            guard !domain.isEmpty,
                domain.utf8.allSatisfy({ isLowerAlphanumeric($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-") })
            else { return nil }
        }
        if !bytes.isEmpty {
            let port = bytes.dropFirst()
            guard bytes.first == ":", !port.isEmpty, port.utf8.count <= 5, port.utf8.allSatisfy({ (0x30...0x39).contains($0) })
            else { return nil }
        }
        if domain.last == "." { domain = domain.dropLast() }
        return domain.isEmpty ? nil : String(domain)
    }

    /// Whether `domain` matches one pattern (Django's `is_same_domain`).
    static func matches(_ domain: String, pattern: String) -> Bool {
        if pattern == "*" { return true }
        if pattern.hasPrefix(".") {
            return domain == pattern.dropFirst() || domain.hasSuffix(pattern)
        }
        return domain == pattern
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x61...0x66).contains(byte)
    }

    private static func isLowerAlphanumeric(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x61...0x7A).contains(byte)
    }
}
