public import Roost

/// The reverse proxies (nginx, a load balancer) whose `X-Forwarded-For` and
/// `X-Forwarded-Proto` headers the app believes. Without any, those headers are ignored: a
/// client could otherwise claim any address, or claim HTTPS.
///
/// ```sh
/// TRUSTED_PROXIES=127.0.0.1,10.0.0.0/8     # the addresses your proxies connect from
/// USE_X_FORWARDED_HOST=1                   # also believe X-Forwarded-Host (off by default)
/// ```
public struct TrustedProxies: Sendable {
    /// The proxies' addresses or networks; empty trusts nobody.
    public var ranges: [IPAddressRange]
    /// Whether `X-Forwarded-Host` replaces the `Host` (Django's `USE_X_FORWARDED_HOST`).
    public var trustsForwardedHost: Bool

    /// Trusts nobody.
    public init() {
        self.ranges = []
        self.trustsForwardedHost = false
    }

    /// Trusts the given proxies.
    /// - Parameters:
    ///   - ranges: Addresses or CIDR blocks (`127.0.0.1`, `10.0.0.0/8`, `::1`).
    ///   - trustsForwardedHost: Whether to believe `X-Forwarded-Host`.
    /// - Throws: `SettingsError` (for `TRUSTED_PROXIES`) naming an entry that does not parse.
    public init(_ ranges: [String], trustsForwardedHost: Bool = false) throws(SettingsError) {
        var parsed: [IPAddressRange] = []
        for text in ranges {
            guard let range = IPAddressRange(text.trimmingSpaces()) else {
                throw SettingsError(key: "TRUSTED_PROXIES", value: text, reason: "expected IP addresses or CIDR blocks such as 10.0.0.0/8")
            }
            parsed.append(range)
        }
        self.ranges = parsed
        self.trustsForwardedHost = trustsForwardedHost
    }

    /// Whether no proxy is trusted.
    public var isEmpty: Bool { ranges.isEmpty }

    /// Whether `address` belongs to a trusted proxy.
    public func trusts(_ address: String) -> Bool {
        ranges.contains { $0.contains(address) }
    }
}

extension String {
    func trimmingSpaces() -> String {
        var text = Substring(self)
        while text.first == " " || text.first == "\t" { text.removeFirst() }
        while text.last == " " || text.last == "\t" { text.removeLast() }
        return String(text)
    }
}
