/// A cookie to set on a response, with all of RFC 6265bis's attributes.
///
/// Defaults are the safe ones: `HttpOnly`, `SameSite=Lax`, path `/`.
///
/// ```swift
/// var response = Response.redirect(to: "/")
/// response.setCookie(Cookie(name: "theme", value: "dark", maxAge: 86_400 * 365))
/// response.deleteCookie(named: "old")
/// ```
public struct Cookie: Sendable, Equatable {
    /// The `SameSite` attribute.
    public enum SameSite: String, Sendable {
        case strict = "Strict"
        case lax = "Lax"
        /// Sent cross-site too; browsers require `Secure` with it.
        case none = "None"
    }

    /// The name: a token (letters, digits and ``!#$%&'*+-.^_`|~``).
    public var name: String
    /// The value; characters a cookie cannot hold are quoted as Werkzeug does.
    public var value: String
    /// `Max-Age` in seconds; `nil` for a session cookie.
    public var maxAge: Int?
    /// `Expires`, as seconds since 1970; `Max-Age` wins where both are understood.
    public var expires: Double?
    /// `Domain`; `nil` for the exact host only.
    public var domain: String?
    /// `Path`, `/` by default.
    public var path: String?
    /// `Secure`: only over HTTPS.
    public var secure: Bool
    /// `HttpOnly`: hidden from scripts. On by default.
    public var httpOnly: Bool
    /// `SameSite`, `.lax` by default.
    public var sameSite: SameSite?
    /// `Partitioned` (CHIPS).
    public var partitioned: Bool

    /// Creates a cookie.
    public init(
        name: String,
        value: String,
        maxAge: Int? = nil,
        expires: Double? = nil,
        domain: String? = nil,
        path: String? = "/",
        secure: Bool = false,
        httpOnly: Bool = true,
        sameSite: SameSite? = .lax,
        partitioned: Bool = false
    ) {
        self.name = name
        self.value = value
        self.maxAge = maxAge
        self.expires = expires
        self.domain = domain
        self.path = path
        self.secure = secure
        self.httpOnly = httpOnly
        self.sameSite = sameSite
        self.partitioned = partitioned
    }

    /// The `Set-Cookie` header value.
    /// - Precondition: the name is a valid token (a programmer error otherwise).
    public var headerValue: String {
        precondition(!name.isEmpty && name.utf8.allSatisfy(Self.isTokenByte), "invalid cookie name '\(name)'")
        var parts = ["\(name)=\(Self.quote(value))"]
        if let maxAge { parts.append("Max-Age=\(maxAge)") }
        if let expires { parts.append("Expires=\(HTTPDate.format(secondsSince1970: expires))") }
        if let domain { parts.append("Domain=\(Self.sanitizeAttribute(domain))") }
        if let path { parts.append("Path=\(Self.sanitizeAttribute(path))") }
        if secure || sameSite == SameSite.none { parts.append("Secure") }
        if httpOnly { parts.append("HttpOnly") }
        if let sameSite { parts.append("SameSite=\(sameSite.rawValue)") }
        if partitioned { parts.append("Partitioned") }
        return parts.joined(separator: "; ")
    }

    static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        default:
            "!#$%&'*+-.^_`|~".utf8.contains(byte)
        }
    }

    /// Bytes a cookie value may hold unquoted (RFC 6265 `cookie-octet`).
    static func isCookieOctet(_ byte: UInt8) -> Bool {
        byte == 0x21 || (0x23...0x2B).contains(byte) || (0x2D...0x3A).contains(byte)
            || (0x3C...0x5B).contains(byte) || (0x5D...0x7E).contains(byte)
    }

    /// Quotes a value that holds bytes a cookie cannot: `"…"` with `\"`, `\\` and octal escapes.
    static func quote(_ value: String) -> String {
        guard !value.utf8.allSatisfy(isCookieOctet) else { return value }
        var result = "\""
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\""): result += "\\\""
            case UInt8(ascii: "\\"): result += "\\\\"
            default:
                if isCookieOctet(byte) {
                    result.unicodeScalars.append(UnicodeScalar(byte))
                } else {
                    let octal = String(byte, radix: 8)
                    result += "\\" + String(repeating: "0", count: 3 - octal.count) + octal
                }
            }
        }
        return result + "\""
    }

    /// Reverses ``quote(_:)``; other values come back as they are.
    static func unquote(_ value: String) -> String {
        let bytes = Array(value.utf8)
        guard bytes.count >= 2, bytes.first == UInt8(ascii: "\""), bytes.last == UInt8(ascii: "\"") else { return value }
        var output: [UInt8] = []
        var index = 1
        while index < bytes.count - 1 {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\\"), index + 1 < bytes.count - 1 {
                let next = bytes[index + 1]
                if index + 3 < bytes.count - 1,
                    bytes[(index + 1)...(index + 3)].allSatisfy({ (48...55).contains($0) })
                {
                    output.append(bytes[(index + 1)...(index + 3)].reduce(0) { $0 &* 8 &+ ($1 - 48) })
                    index += 4
                    continue
                }
                output.append(next)
                index += 2
                continue
            }
            output.append(byte)
            index += 1
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Attribute values cannot contain `;` or control characters.
    private static func sanitizeAttribute(_ text: String) -> String {
        String(text.unicodeScalars.filter { $0 != ";" && $0.value >= 0x20 && $0.value != 0x7F }.map(Character.init))
    }
}

extension Response {
    /// Adds a `Set-Cookie` header.
    public mutating func setCookie(_ cookie: Cookie) {
        headerFields.append(HTTPField(name: .setCookie, value: cookie.headerValue))
    }

    /// Tells the client to delete a cookie (same name, path and domain it was set with).
    public mutating func deleteCookie(named name: String, path: String? = "/", domain: String? = nil) {
        setCookie(Cookie(name: name, value: "", maxAge: 0, expires: 0, domain: domain, path: path))
    }
}
