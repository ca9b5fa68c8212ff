public import Roost

extension Request {
    /// The value of a cookie set with ``Roost/Response/setSignedCookie(_:for:salt:)``, or `nil`
    /// when it is absent, was changed by the client, is older than `maxAge`, or the app has
    /// no `SECRET_KEY`: Flask's secure cookies, Django's `get_signed_cookie`.
    ///
    /// ```swift
    /// app.get("/") { req in
    ///     let theme = req.signedCookie("theme") ?? "light"
    ///     …
    /// }
    /// ```
    /// - Parameters:
    ///   - name: The cookie's name.
    ///   - maxAge: The oldest signature accepted; any age when `nil`.
    ///   - salt: The extra salt the cookie was set with.
    /// - Returns: The value the app signed, or `nil`.
    public func signedCookie(_ name: String, maxAge: Duration? = nil, salt: String = "") -> String? {
        guard let raw = cookies[name], let keys = try? SigningKeys(settings: app.settings) else { return nil }
        return try? SignedCookies.signer(name: name, salt: salt, keys: keys).unsign(raw, maxAge: maxAge)
    }
}

extension Response {
    /// Sets a cookie whose value is signed with the app's `SECRET_KEY`, so that
    /// ``Roost/Request/signedCookie(_:maxAge:salt:)`` can trust it when it comes back. The
    /// value stays readable by the client: sign, don't hide.
    ///
    /// ```swift
    /// var response = Response.redirect(to: "/")
    /// try response.setSignedCookie(Cookie(name: "theme", value: "dark", maxAge: 86_400 * 365), for: req)
    /// ```
    /// - Parameters:
    ///   - cookie: The cookie, with its value in clear; its attributes are kept.
    ///   - request: The request being answered (for the app's keys).
    ///   - salt: An extra salt, to tie the cookie to one use.
    /// - Throws: ``SigningError/missingSecretKey`` when `SECRET_KEY` is not set.
    public mutating func setSignedCookie(_ cookie: Cookie, for request: Request, salt: String = "") throws(SigningError) {
        let keys = try SigningKeys(settings: request.app.settings)
        setSignedCookie(cookie, keys: keys, salt: salt)
    }

    /// Sets a cookie whose value is signed with explicit keys.
    /// - Parameters:
    ///   - cookie: The cookie, with its value in clear.
    ///   - keys: The keys to sign with.
    ///   - salt: An extra salt, to tie the cookie to one use.
    public mutating func setSignedCookie(_ cookie: Cookie, keys: SigningKeys, salt: String = "") {
        var signed = cookie
        signed.value = SignedCookies.signer(name: cookie.name, salt: salt, keys: keys).sign(cookie.value)
        setCookie(signed)
    }
}

/// How signed cookies are signed: a timestamp signer whose salt includes the cookie's name,
/// so a value signed for one cookie does not verify as another.
enum SignedCookies {
    static func signer(name: String, salt: String, keys: SigningKeys) -> TimestampSigner {
        TimestampSigner(keys: keys, salt: "roost.signed-cookie." + name + salt)
    }
}
