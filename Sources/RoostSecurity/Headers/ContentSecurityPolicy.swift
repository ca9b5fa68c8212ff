/// A `Content-Security-Policy` built from typed directives, optionally with a fresh nonce per
/// request for inline scripts and styles.
///
/// ```swift
/// var csp = ContentSecurityPolicy.strict                        // default-src 'self'; …
/// csp.set(.scriptSource, [.self, .nonce, .host("cdn.example.com")])
/// csp.set(.imageSource, [.self, .data])
/// security.headers.contentSecurityPolicy = csp
/// ```
///
/// ```jinja
/// <script nonce="{{ csp_nonce }}">…</script>
/// ```
///
/// A handler that sets the header itself keeps its own.
public struct ContentSecurityPolicy: Sendable, Equatable {
    /// A directive name (`script-src`).
    public struct Directive: Sendable, Hashable {
        /// The name as it appears in the header.
        public let name: String

        /// A directive by name, for those without a constant here.
        public init(_ name: String) {
            self.name = name
        }

        /// `default-src`.
        public static let defaultSource = Directive("default-src")
        /// `script-src`.
        public static let scriptSource = Directive("script-src")
        /// `style-src`.
        public static let styleSource = Directive("style-src")
        /// `img-src`.
        public static let imageSource = Directive("img-src")
        /// `font-src`.
        public static let fontSource = Directive("font-src")
        /// `connect-src`.
        public static let connectSource = Directive("connect-src")
        /// `media-src`.
        public static let mediaSource = Directive("media-src")
        /// `object-src`.
        public static let objectSource = Directive("object-src")
        /// `frame-src`.
        public static let frameSource = Directive("frame-src")
        /// `worker-src`.
        public static let workerSource = Directive("worker-src")
        /// `manifest-src`.
        public static let manifestSource = Directive("manifest-src")
        /// `frame-ancestors` (the modern `X-Frame-Options`).
        public static let frameAncestors = Directive("frame-ancestors")
        /// `base-uri`.
        public static let baseURI = Directive("base-uri")
        /// `form-action`.
        public static let formAction = Directive("form-action")
        /// `report-uri`.
        public static let reportURI = Directive("report-uri")
        /// `report-to`.
        public static let reportTo = Directive("report-to")
        /// `upgrade-insecure-requests` (takes no sources).
        public static let upgradeInsecureRequests = Directive("upgrade-insecure-requests")
    }

    /// A source expression (`'self'`, `https:`, `cdn.example.com`).
    public struct Source: Sendable, Hashable {
        let text: String

        /// A source written out as the header wants it.
        public init(raw text: String) {
            self.text = text
        }

        /// `'self'`.
        public static let `self` = Source(raw: "'self'")
        /// `'none'`.
        public static let none = Source(raw: "'none'")
        /// `'unsafe-inline'`.
        public static let unsafeInline = Source(raw: "'unsafe-inline'")
        /// `'unsafe-eval'`.
        public static let unsafeEval = Source(raw: "'unsafe-eval'")
        /// `'strict-dynamic'`.
        public static let strictDynamic = Source(raw: "'strict-dynamic'")
        /// `https:`.
        public static let https = Source(raw: "https:")
        /// `data:`.
        public static let data = Source(raw: "data:")
        /// `blob:`.
        public static let blob = Source(raw: "blob:")
        /// `'nonce-…'` with the request's fresh nonce (`csp_nonce` in templates, ``Roost/Request/cspNonce``).
        public static let nonce = Source(raw: "'nonce-{nonce}'")

        /// A host source (`cdn.example.com`, `*.example.com`, `https://api.example.com`).
        public static func host(_ host: String) -> Source { Source(raw: host) }
    }

    /// The directives, in the order they were set.
    public private(set) var directives: [(directive: Directive, sources: [Source])] = []
    /// Whether to send `Content-Security-Policy-Report-Only` (report, don't block).
    public var reportOnly = false

    /// An empty policy.
    public init() {}

    /// A strict starting point: `default-src 'self'; object-src 'none'; base-uri 'self';
    /// frame-ancestors 'none'; form-action 'self'`.
    public static var strict: ContentSecurityPolicy {
        var policy = ContentSecurityPolicy()
        policy.set(.defaultSource, [.self])
        policy.set(.objectSource, [.none])
        policy.set(.baseURI, [.self])
        policy.set(.frameAncestors, [.none])
        policy.set(.formAction, [.self])
        return policy
    }

    /// Sets (or replaces) one directive.
    public mutating func set(_ directive: Directive, _ sources: [Source]) {
        if let index = directives.firstIndex(where: { $0.directive == directive }) {
            directives[index].sources = sources
        } else {
            directives.append((directive, sources))
        }
    }

    /// Removes a directive.
    public mutating func remove(_ directive: Directive) {
        directives.removeAll { $0.directive == directive }
    }

    /// Whether some directive uses ``Source/nonce``.
    public var usesNonce: Bool {
        directives.contains { $0.sources.contains(.nonce) }
    }

    /// The header's name: `Content-Security-Policy` or its report-only variant.
    public var headerName: String {
        reportOnly ? "Content-Security-Policy-Report-Only" : "Content-Security-Policy"
    }

    /// The header's value, with `nonce` filled in.
    public func headerValue(nonce: String?) -> String {
        directives.map { entry in
            let sources = entry.sources.map { source in
                source == .nonce ? "'nonce-\(nonce ?? "")'" : source.text
            }
            return ([entry.directive.name] + sources).joined(separator: " ")
        }.joined(separator: "; ")
    }

    public static func == (lhs: ContentSecurityPolicy, rhs: ContentSecurityPolicy) -> Bool {
        lhs.reportOnly == rhs.reportOnly && lhs.directives.elementsEqual(rhs.directives) { $0.directive == $1.directive && $0.sources == $1.sources }
    }
}
