public import Roost
import RoostSessions
import RoostTemplates

extension App {
    /// Turns on every protection Django turns on by default, in Django's order, with one call:
    ///
    /// 1. trusted-proxy headers (`TRUSTED_PROXIES`; ignored unless configured);
    /// 2. protective headers on every response: `X-Frame-Options: DENY`,
    ///    `X-Content-Type-Options: nosniff`, `Referrer-Policy: same-origin`,
    ///    `Cross-Origin-Opener-Policy: same-origin`, HSTS on HTTPS, and a CSP if configured;
    /// 3. the `Host` check against `ALLOWED_HOSTS` (`400` otherwise);
    /// 4. the HTTPS redirect, if `SECURE_SSL_REDIRECT` is on;
    /// 5. sessions (signed cookies by default) and flash messages;
    /// 6. CSRF protection for `POST`, `PUT`, `PATCH` and `DELETE`;
    ///
    /// and adds `csrf_token`, `csrf_input`, `csp_nonce` and `messages` to templates.
    ///
    /// ```swift
    /// let app = try App()
    /// try app.useSecurity()                                           // Django's defaults
    /// app.get("/contact") { req in try req.render("contact.html") }   // {{ csrf_input }} in the form
    /// app.post("/contact") { req in … }                               // refused without the token
    /// app.post("/hooks/stripe", options: .csrfExempt) { req in … }    // signed by Stripe instead
    /// ```
    ///
    /// Call it before adding other middleware, so that the protections run first.
    /// - Parameters:
    ///   - sessions: Which sessions to set up; signed cookies by default.
    ///   - configure: Adjusts the configuration read from the settings.
    /// - Throws: `SigningError` for signed-cookie sessions without `SECRET_KEY`;
    ///   ``SecurityConfigurationError`` for CSRF secrets in sessions without sessions;
    ///   `SettingsError` for a setting that does not parse.
    public func useSecurity(
        sessions: SessionSetup = .signedCookies, _ configure: (inout SecurityConfiguration) -> Void = { _ in }
    ) throws {
        var configuration = try SecurityConfiguration(settings: settings)
        configure(&configuration)
        let sessionMiddleware: SessionMiddleware?
        switch sessions {
        case .signedCookies:
            sessionMiddleware = try makeSessionMiddleware(configuration: configuration.sessions)
        case .store(let store):
            sessionMiddleware = try makeSessionMiddleware(store: store, configuration: configuration.sessions)
        case .disabled:
            sessionMiddleware = nil
        }
        if configuration.csrfProtection, configuration.csrf.storage == .session, sessionMiddleware == nil {
            throw SecurityConfigurationError(
                message: "CSRF_USE_SESSIONS keeps the CSRF secret in the session, but sessions are disabled; enable sessions or keep the secret in its cookie"
            )
        }

        if !configuration.trustedProxies.isEmpty { use(ProxyHeadersMiddleware(proxies: configuration.trustedProxies)) }
        use(SecurityHeadersMiddleware(headers: configuration.headers))
        use(HostValidationMiddleware(allowedHosts: configuration.allowedHosts))
        if configuration.redirectToHTTPS { use(HTTPSRedirectMiddleware(host: configuration.redirectHost)) }
        if let sessionMiddleware {
            use(sessionMiddleware)
            installSessionExtras(sessionMiddleware)
        }
        if configuration.csrfProtection {
            use(CSRFMiddleware(configuration: configuration.csrf))
            let field = configuration.csrf.formField
            addTemplateContext { request in SecurityTemplateGlobals.values(for: request, formField: field) }
        } else {
            addTemplateContext { request in request.cspNonce.map { ["csp_nonce": .string($0)] } ?? [:] }
        }
        storage[SecurityInstallation.self] = SecurityInstallation(configuration: configuration)
    }

    /// The configuration `useSecurity` installed, if it was called.
    public var securityConfiguration: SecurityConfiguration? {
        storage[SecurityInstallation.self]?.configuration
    }
}

/// `useSecurity`'s configuration, kept in the app's storage for other modules.
struct SecurityInstallation: AppStorageKey, Sendable {
    typealias Value = SecurityInstallation
    let configuration: SecurityConfiguration
}

/// The template globals of RoostSecurity.
enum SecurityTemplateGlobals {
    /// `csrf_token` (a fresh masked token), `csrf_input` (the hidden form field, safe markup)
    /// and `csp_nonce`.
    static func values(for request: Request, formField: String) -> [String: TemplateValue] {
        var values: [String: TemplateValue] = [:]
        if let token = request.csrfTokenIfAvailable {
            values["csrf_token"] = .string(token)
            values["csrf_input"] = .markup("<input type=\"hidden\" name=\"\(formField)\" value=\"\(token)\">")
        }
        if let nonce = request.cspNonce { values["csp_nonce"] = .string(nonce) }
        return values
    }
}
