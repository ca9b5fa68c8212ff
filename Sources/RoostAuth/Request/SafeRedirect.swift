public import Roost

extension Request {
    /// `target` if it is safe to redirect to after a login or logout, else `nil`: only a
    /// path on this site is accepted (Django's `url_has_allowed_host_and_scheme`, stricter).
    ///
    /// ```swift
    /// let next = req.safeRedirectPath(form["next"]) ?? "/"
    /// return Response.redirect(to: next)
    /// ```
    ///
    /// Refused: other hosts (`https://evil.example/`), scheme-relative URLs (`//evil.example`),
    /// backslash tricks browsers read as slashes (`/\evil.example`, `\\evil.example`), the same
    /// after percent-decoding (`/%2F%2Fevil.example`, `/%5Cevil.example`), control characters
    /// and whitespace that browsers strip (`/\t/evil.example`), schemes such as `javascript:`,
    /// and relative paths. A full URL is accepted only when its scheme and host are this
    /// request's own; it is then reduced to its path.
    /// - Parameter target: A `next` value from the query or a form.
    /// - Returns: The path (with its query) to redirect to, or `nil`.
    public func safeRedirectPath(_ target: String?) -> String? {
        guard let target else { return nil }
        return SafeRedirect.path(target, host: host, scheme: scheme)
    }
}

/// The rules of ``Roost/Request/safeRedirectPath(_:)``.
enum SafeRedirect {
    static func path(_ target: String, host: String?, scheme: String) -> String? {
        guard !target.isEmpty, target.utf8.count <= 2048 else { return nil }
        var candidate = target
        // A full URL to this very site is reduced to its path.
        if let schemeEnd = candidate.firstRange(of: "://") {
            let givenScheme = candidate[..<schemeEnd.lowerBound].lowercased()
            let rest = candidate[schemeEnd.upperBound...]
            let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
            let authority = rest[..<authorityEnd].lowercased()
            guard givenScheme == scheme, let host, authority == host.lowercased(), !authority.contains("@") else { return nil }
            candidate = String(rest[authorityEnd...])
            if candidate.isEmpty { candidate = "/" }
            guard candidate.hasPrefix("/") else { return nil }
        }
        // Printable ASCII only (no spaces, tabs, newlines, DEL or non-ASCII).
        guard isPathOnThisSite(Array(candidate.utf8), allowing: { $0 > 0x20 && $0 < 0x7F }) else { return nil }
        // Encoded variants: the decoded bytes must pass too, as often as they decode
        // differently; spaces and non-ASCII letters are fine there, control characters not.
        var decoded = Array(candidate.utf8)
        for _ in 0..<3 {
            guard let once = PercentEncoding.decodeBytes(decoded), once != decoded else { break }
            guard isPathOnThisSite(once, allowing: { $0 >= 0x20 && $0 != 0x7F }) else { return nil }
            decoded = once
        }
        return candidate
    }

    /// A path on this site: one leading `/` not followed by `/` or `\` (browsers read both as
    /// another host), no backslash anywhere, and only bytes `allowed` accepts.
    private static func isPathOnThisSite(_ bytes: [UInt8], allowing allowed: (UInt8) -> Bool) -> Bool {
        guard bytes.first == UInt8(ascii: "/") else { return false }
        if bytes.count > 1, bytes[1] == UInt8(ascii: "/") || bytes[1] == UInt8(ascii: "\\") { return false }
        return bytes.allSatisfy { $0 != UInt8(ascii: "\\") && allowed($0) }
    }
}
