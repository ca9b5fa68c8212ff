extension DatabaseConfiguration {
    /// Parses a database URL; see ``DatabaseConfiguration`` for the forms and options.
    ///
    /// - Parameter url: The URL, e.g. from the `DATABASE_URL` environment variable.
    /// - Throws: ``DatabaseConfigurationError`` naming the URL without its password.
    ///
    /// ```swift
    /// let config = try DatabaseConfiguration(url: "sqlite:////var/lib/app/app.db?busy_timeout=10")
    /// ```
    public init(url: String) throws(DatabaseConfigurationError) {
        let redacted = Self.redact(url)
        guard let schemeEnd = url.firstIndex(of: ":") else {
            throw .invalid(url: redacted, reason: "expected scheme://…, e.g. sqlite:///app.db or postgres://user:pass@host/db")
        }
        let scheme = url[..<schemeEnd].lowercased()
        var rest = url[url.index(after: schemeEnd)...]
        var query = Substring("")
        if let mark = rest.firstIndex(of: "?") {
            query = rest[rest.index(after: mark)...]
            rest = rest[..<mark]
        }
        switch scheme {
        case "sqlite":
            self.init(scheme: scheme, location: try Self.sqliteLocation(rest, redacted: redacted))
        case "postgres", "postgresql":
            self.init(scheme: scheme, location: .server(try Self.server(rest, redacted: redacted)))
        default:
            throw DatabaseConfigurationError(.unsupportedScheme, url: redacted,
                reason: "unsupported scheme '\(scheme)'; use sqlite or postgres")
        }
        try applyOptions(query, redacted: redacted)
    }

    private static func sqliteLocation(_ rest: Substring, redacted: String) throws(DatabaseConfigurationError) -> Location {
        if rest == ":memory:" || rest == "//:memory:" || rest == "///:memory:" { return .sqliteMemory }
        guard rest.hasPrefix("///") else {
            throw .invalid(url: redacted, reason: "use sqlite:///relative/path.db, sqlite:////absolute/path.db or sqlite::memory:")
        }
        let path = percentDecode(rest.dropFirst(3))
        guard let path, !path.isEmpty else { throw .invalid(url: redacted, reason: "the SQLite file path is empty") }
        return .sqliteFile(path: path)
    }

    private static func server(_ rest: Substring, redacted: String) throws(DatabaseConfigurationError) -> Server {
        guard rest.hasPrefix("//") else {
            throw .invalid(url: redacted, reason: "expected postgres://user:password@host:port/database")
        }
        let afterSlashes = rest.dropFirst(2)
        let authority = afterSlashes.prefix { $0 != "/" }
        let pathPart = afterSlashes.dropFirst(authority.count).drop { $0 == "/" }
        var hostPort = authority
        var username: String?
        var password: String?
        if let at = authority.lastIndex(of: "@") {
            let userInfo = authority[..<at]
            hostPort = authority[authority.index(after: at)...]
            if let colon = userInfo.firstIndex(of: ":") {
                username = percentDecode(userInfo[..<colon])
                password = percentDecode(userInfo[userInfo.index(after: colon)...])
            } else {
                username = percentDecode(userInfo)
            }
        }
        guard let username, !username.isEmpty else {
            throw .invalid(url: redacted, reason: "a user name is required: postgres://user:password@host/database")
        }
        let (host, port) = try hostAndPort(hostPort, redacted: redacted)
        let database = percentDecode(pathPart) ?? ""
        return Server(host: host, port: port, username: username, password: password,
                      database: database.isEmpty ? username : database)
    }

    private static func hostAndPort(_ text: Substring, redacted: String) throws(DatabaseConfigurationError) -> (String, Int) {
        var hostText = text
        var portText: Substring?
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else {
                throw .invalid(url: redacted, reason: "unclosed '[' in an IPv6 host")
            }
            hostText = text[text.index(after: text.startIndex)..<close]
            let after = text[text.index(after: close)...]
            if after.hasPrefix(":") { portText = after.dropFirst() } else if !after.isEmpty {
                throw .invalid(url: redacted, reason: "unexpected text after the IPv6 host")
            }
        } else if let colon = text.lastIndex(of: ":") {
            hostText = text[..<colon]
            portText = text[text.index(after: colon)...]
        }
        guard let host = percentDecode(hostText), !host.isEmpty else {
            throw .invalid(url: redacted, reason: "a host is required: postgres://user:password@host/database")
        }
        guard let portText else { return (host, 5432) }
        guard let port = Int(portText), (1...65535).contains(port) else {
            throw .invalid(url: redacted, reason: "the port must be a number from 1 to 65535")
        }
        return (host, port)
    }

    private mutating func applyOptions(_ query: Substring, redacted: String) throws(DatabaseConfigurationError) {
        let isSQLite = scheme == "sqlite"
        for pair in query.split(separator: "&") where !pair.isEmpty {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = String(parts[0])
            let value = parts.count > 1 ? (Self.percentDecode(parts[1]) ?? "") : ""
            switch key {
            case "max_connections":
                guard let count = Int(value), count >= 1 else {
                    throw .option(url: redacted, reason: "max_connections must be a whole number of at least 1")
                }
                pool.maxConnections = count
            case "acquire_timeout":
                pool.acquireTimeout = try Self.seconds(value, key, redacted: redacted)
            case "health_check_interval":
                pool.healthCheckInterval = try Self.seconds(value, key, redacted: redacted, allowZero: true)
            case "connect_timeout":
                connectTimeout = try Self.seconds(value, key, redacted: redacted)
            case "busy_timeout" where isSQLite:
                busyTimeout = try Self.seconds(value, key, redacted: redacted, allowZero: true)
            case "sslmode" where !isSQLite:
                guard let mode = TLSMode(rawValue: value) else {
                    throw .option(url: redacted, reason: "sslmode must be disable, prefer, require or verify-full")
                }
                tls = mode
            case "busy_timeout", "sslmode":
                throw .option(url: redacted, reason: "\(key) does not apply to \(scheme) databases")
            default:
                throw .option(url: redacted, reason: "unknown option '\(key)'; known options are max_connections, "
                    + "acquire_timeout, connect_timeout, health_check_interval, "
                    + (isSQLite ? "busy_timeout" : "sslmode"))
            }
        }
    }

    private static func seconds(
        _ text: String, _ key: String, redacted: String, allowZero: Bool = false
    ) throws(DatabaseConfigurationError) -> Duration {
        guard let value = Double(text), value.isFinite, allowZero ? value >= 0 : value > 0, value < 86_400 * 365 else {
            throw .option(url: redacted, reason: "\(key) must be a number of seconds\(allowZero ? "" : " above 0")")
        }
        return .milliseconds(Int64((value * 1000).rounded()))
    }

    /// Decodes `%XX` escapes; `nil` for a malformed escape or invalid UTF-8.
    static func percentDecode(_ text: Substring) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
                return nil
            }
            bytes.append(high << 4 | low)
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// `url` with the password of its user info replaced by `***`.
    static func redact(_ url: String) -> String {
        guard let colon = url.firstIndex(of: ":"), url[colon...].hasPrefix("://") else { return url }
        let afterScheme = url[url.index(colon, offsetBy: 3)...]
        let authorityEnd = afterScheme.firstIndex { $0 == "/" || $0 == "?" } ?? afterScheme.endIndex
        let authority = afterScheme[..<authorityEnd]
        guard let at = authority.lastIndex(of: "@"),
              let colon = authority[..<at].firstIndex(of: ":") else { return url }
        return String(url[..<authority.index(after: colon)]) + "***" + String(url[at...])
    }
}
