public import Roost

/// Route attribute keys of RoostSecurity.
enum CSRFExemptKey: RouteAttributeKey {
    typealias Value = Bool
}

enum FrameOptionsKey: RouteAttributeKey {
    typealias Value = FrameOptions
}

extension RouteOptions {
    /// Whether the route (or every route of a group) skips CSRF checks: for webhooks and APIs
    /// authenticated by something other than cookies. Django's `csrf_exempt`.
    ///
    /// ```swift
    /// app.post("/hooks/stripe", options: .csrfExempt) { req in … }
    /// app.group("/api", middleware: [TokenAuth()], options: .csrfExempt) { api in … }
    /// ```
    public var csrfExempt: Bool {
        get { attributes[CSRFExemptKey.self] ?? false }
        set { attributes[CSRFExemptKey.self] = newValue }
    }

    /// The route's `X-Frame-Options`, overriding the app's (Django's
    /// `xframe_options_sameorigin` and `xframe_options_exempt`); `nil` follows the app.
    public var frameOptions: FrameOptions? {
        get { attributes[FrameOptionsKey.self] }
        set { attributes[FrameOptionsKey.self] = newValue }
    }

    /// Options with CSRF checks turned off.
    public static var csrfExempt: RouteOptions {
        var options = RouteOptions()
        options.csrfExempt = true
        return options
    }

    /// Options with their own `X-Frame-Options`.
    /// - Parameter policy: `.sameOrigin`, `.exempt` or `.deny`.
    public static func frameOptions(_ policy: FrameOptions) -> RouteOptions {
        var options = RouteOptions()
        options.frameOptions = policy
        return options
    }

    /// These options with CSRF checks turned off (for chaining: `.init(bodyLimit: 1024).exemptingCSRF()`).
    public func exemptingCSRF() -> RouteOptions {
        var options = self
        options.csrfExempt = true
        return options
    }

    /// These options with their own `X-Frame-Options`.
    public func withFrameOptions(_ policy: FrameOptions) -> RouteOptions {
        var options = self
        options.frameOptions = policy
        return options
    }
}
