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
        guard isSafePath(candidate) else { return nil }
        // Encoded variants: the decoded text must pass too, as often as it decodes differently.
        var decoded = candidate
        for _ in 0..<3 {
            guard let once = percentDecode(decoded), once != decoded else { break }
            guard hasSafeStart(once) else { return nil }
            decoded = once
        }
        return candidate
    }

    /// A path on this site: starts with one `/` (not `//` or `/\`), printable ASCII, no
    /// backslash.
    private static func isSafePath(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.first == UInt8(ascii: "/") else { return false }
        if bytes.count > 1, bytes[1] == UInt8(ascii: "/") || bytes[1] == UInt8(ascii: "\\") { return false }
        // Printable ASCII only (no spaces, tabs, newlines, DEL or non-ASCII); no backslash.
        return bytes.allSatisfy { $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "\\") }
    }

    /// What must still hold after decoding: one leading `/` not followed by `/` or `\`, no
    /// backslash and no control characters (spaces and non-ASCII letters are fine).
    private static func hasSafeStart(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.first == UInt8(ascii: "/") else { return false }
        if bytes.count > 1, bytes[1] == UInt8(ascii: "/") || bytes[1] == UInt8(ascii: "\\") { return false }
        return bytes.allSatisfy { $0 >= 0x20 && $0 != 0x7F && $0 != UInt8(ascii: "\\") }
    }

    /// `%XX` sequences decoded; `nil` when a sequence is malformed.
    private static func percentDecode(_ text: String) -> String? {
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8).makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else { return nil }
            bytes.append(high << 4 | low)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
