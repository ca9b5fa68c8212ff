import Foundation
import Roost
import RoostAuth
import RoostDatabase
import RoostORM
import RoostPasswords
import RoostSecurity
import RoostSessions
import RoostTesting
import Synchronization
import Testing

/// A blog post: an app model whose permissions auth creates.
@Model(table: "blog_post")
struct Post {
    var id: Int64?
    @Field(maxLength: 100) var title: String
}

/// Hashers fast enough for tests: PBKDF2-SHA256 with 1,000 iterations preferred, scrypt accepted.
let fastHashers = PasswordHashers([PBKDF2PasswordHasher(iterations: 1000), ScryptPasswordHasher()])

/// Settings every auth test starts from.
let baseSettings = [
    "SECRET_KEY": "auth-test-secret-key-0123456789abcdef",
    "ALLOWED_HOSTS": "localhost,testserver",
]

/// An app with security (sessions, CSRF), auth and a few routes, over one database.
struct AuthTestApp {
    let app: App
    let database: Database
    let mail: MemoryEmailBackend
    let output: CapturedOutput

    /// A user saved with `password` hashed by the test hashers.
    @discardableResult
    func makeUser(
        _ username: String, password: String = "correct-horse-42", email: String = "", staff: Bool = false,
        superuser: Bool = false, active: Bool = true
    ) async throws -> User {
        var user = User(username: username, email: email, isStaff: staff, isSuperuser: superuser, isActive: active)
        try await user.setPassword(password, using: fastHashers)
        try await user.save(on: database)
        return user
    }

    /// The user stored under `username`.
    func user(_ username: String) async throws -> User {
        try await User.objects.get(on: database) { $0.username == username }
    }

    /// Runs a management command and returns what it printed.
    @discardableResult
    func run(_ arguments: [String]) async throws -> String {
        _ = output.take()
        try await app.runCommand(arguments)
        return output.take()
    }
}

/// Builds an ``AuthTestApp`` on a fresh database of `backend` and runs `body` with it.
func withAuthApp(
    _ backend: Backend,
    settings: [String: String] = [:],
    sessions: SessionSetup = .signedCookies,
    configure: @escaping (inout AuthConfiguration<User>) -> Void = { _ in },
    routes: (App) -> Void = { _ in },
    _ body: (AuthTestApp) async throws -> Void
) async throws {
    try await backend.withDatabase { database in
        let fixture = try makeAuthApp(database: database, settings: settings, sessions: sessions, configure: configure, routes: routes)
        try await fixture.app.createAuthTables()
        try await body(fixture)
    }
}

/// An app over `database` (tables not created yet).
func makeAuthApp(
    database: Database,
    settings: [String: String] = [:],
    sessions: SessionSetup = .signedCookies,
    configure: (inout AuthConfiguration<User>) -> Void = { _ in },
    routes: (App) -> Void = { _ in }
) throws -> AuthTestApp {
    var values = baseSettings
    values["TEMPLATES_DIR"] = FileManager.default.temporaryDirectory.appendingPathComponent("roost-auth-none-\(UUID().uuidString)").path
    values.merge(settings) { _, new in new }
    let app = App(settings: try Settings(values))
    let output = CapturedOutput()
    app.console = output.console
    app.use(databases: try Databases([Databases.defaultName: database]))
    try app.useSecurity(sessions: sessions)
    let mail = MemoryEmailBackend()
    try app.useAuth { auth in
        auth.passwordHashers = fastHashers
        auth.emailBackend = mail
        auth.permissions.register(Post.self, app: "blog", custom: [(codename: "publish_post", name: "Can publish posts")])
        configure(&auth)
    }
    app.get("/whoami") { req in req.user.isAuthenticated ? req.user.username : "anonymous" }
    app.get("/touch") { req in
        req.session[.visits] = (req.session[.visits] ?? 0) + 1
        return "visits"
    }
    routes(app)
    return AuthTestApp(app: app, database: database, mail: mail, output: output)
}

extension Session.Key where Value == Int {
    static let visits = Session.Key<Int>("visits")
}

/// What a command printed.
final class CapturedOutput: Sendable {
    private let text = Mutex("")

    var console: Console {
        Console { [self] piece in text.withLock { $0 += piece } }
    }

    func take() -> String {
        text.withLock { value in
            defer { value = "" }
            return value
        }
    }
}

/// The CSRF token of the hidden field in a rendered form.
func formToken(_ html: String) throws -> String {
    guard let start = html.range(of: "name=\"csrfmiddlewaretoken\" value=\"") else {
        throw TestFailure("no CSRF field in the page:\n\(html.prefix(600))")
    }
    let rest = html[start.upperBound...]
    guard let end = rest.firstIndex(of: "\"") else { throw TestFailure("unterminated CSRF field") }
    return String(rest[..<end])
}

extension TestClient {
    /// Loads the page at `path` and posts `fields` to `target` (the same page by default)
    /// with the page's CSRF token, as a browser submitting the form would.
    func submitForm(
        _ path: String, to target: String? = nil, _ fields: [(String, String)], headers: HTTPFields = [:]
    ) async throws -> TestResponse {
        let page = try await get(path, headers: headers)
        guard page.status == .ok else { throw TestFailure("GET \(path) answered \(page.status)") }
        let token = try formToken(page.text)
        var postHeaders = headers
        postHeaders[.contentType] = "application/x-www-form-urlencoded"
        return try await post(target ?? path, body: encodeForm(fields + [("csrfmiddlewaretoken", token)]), headers: postHeaders)
    }

    /// Logs in through the login page, as a browser would.
    func logIn(_ username: String, _ password: String, next: String? = nil, headers: HTTPFields = [:]) async throws -> TestResponse {
        let path = next.map { "/accounts/login/?next=" + percentEncode($0) } ?? "/accounts/login/"
        return try await submitForm(path, [("username", username), ("password", password)], headers: headers)
    }

    /// Posts `fields` with the CSRF token of the login page (for POST-only endpoints such as logout).
    func postWithToken(_ target: String, _ fields: [(String, String)] = []) async throws -> TestResponse {
        try await submitForm("/accounts/login/", to: target, fields)
    }
}

/// `application/x-www-form-urlencoded` bytes of `fields`.
func encodeForm(_ fields: [(String, String)]) -> [UInt8] {
    Array(fields.map { "\(percentEncode($0.0))=\(percentEncode($0.1))" }.joined(separator: "&").utf8)
}

/// Percent-encodes everything but unreserved characters.
func percentEncode(_ text: String) -> String {
    var allowed = CharacterSet.alphanumerics
    allowed.insert(charactersIn: "-._~")
    return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
}

/// A test precondition that did not hold.
struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
