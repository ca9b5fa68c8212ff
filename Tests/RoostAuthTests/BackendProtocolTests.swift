import Foundation
import Roost
import RoostAuth
import RoostAuthTesting
import RoostORM
import RoostSecurity
import RoostTesting
import Testing

/// A stand-in for an external directory (LDAP): knows passwords the database does not, and
/// grants permissions by its own groups.
struct DirectoryBackend: AuthenticationBackend {
    typealias User = RoostAuth.User
    let people: [String: String]

    var name: String { "directory" }

    func authenticate(_ credentials: Credentials, request: Request) async throws -> User? {
        guard let username = credentials.username, let password = credentials.password, people[username] == password else { return nil }
        if credentials.fields["locked"] == "yes" { throw AuthenticationRefused("locked in the directory") }
        if let existing = try await User.objects.filter({ $0.username == username }).first(on: request.db) { return existing }
        var user = User(username: username, email: "\(username)@directory.example")
        try await user.save(on: request.db)
        return user
    }

    func permissions(for user: User, request: Request) async throws -> Set<String> {
        user.username.hasPrefix("dir-editor") ? ["blog.change_post"] : []
    }
}

@Suite("Authentication backends")
struct BackendProtocolTests {
    @Test(arguments: Backend.allCases)
    func externalBackendLogsInAndGrantsPermissions(backend: Backend) async throws {
        try await withAuthApp(backend, configure: { auth in
            auth.backends = [DirectoryBackend(people: ["dir-editor": "from-ldap-1"]), ModelBackend()]
        }, routes: AccessTests.routes) { fixture in
            try await fixture.makeUser("local", password: "correct-horse-42")
            let client = try fixture.app.testClient()
            #expect(try await client.logIn("dir-editor", "from-ldap-1").status == .found)
            #expect(try await client.get("/whoami").text == "dir-editor")
            // Permissions come from the directory backend, and the session remembers it.
            #expect(try await client.get("/edit").text == "editing")
            let local = try fixture.app.testClient()
            // The model backend is tried after the directory.
            #expect(try await local.logIn("local", "correct-horse-42").status == .found)
            #expect(try await local.get("/edit").status == .forbidden)
            // The row made for the directory user has no usable password.
            #expect(try await fixture.user("dir-editor").hasUsablePassword == false)
        }
    }

    @Test func refusalStopsTheChain() async throws {
        try await withAuthApp(.sqlite, configure: { auth in
            auth.backends = [DirectoryBackend(people: ["ada": "pw"]), ModelBackend()]
        }, routes: { app in
            app.post("/api/login", options: .csrfExempt) { req in
                let form = try await req.form()
                let credentials = Credentials(username: form["username"], password: form["password"], fields: ["locked": form["locked"] ?? "no"])
                guard let user = try await req.authenticate(credentials) else { return "refused" }
                return "ok \(user.username) \(user.backend ?? "-")"
            }
        }) { fixture in
            try await fixture.makeUser("ada", password: "pw")
            let client = try fixture.app.testClient()
            let headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
            let accepted = try await client.post("/api/login", body: encodeForm([("username", "ada"), ("password", "pw")]), headers: headers)
            #expect(accepted.text == "ok ada directory")
            let lockedForm = encodeForm([("username", "ada"), ("password", "pw"), ("locked", "yes")])
            let locked = try await client.post("/api/login", body: lockedForm, headers: headers)
            #expect(locked.text == "refused")
        }
    }

    @Test func loggingInThroughAnUnknownBackendIsAnError() async throws {
        try await withAuthApp(.sqlite, routes: { app in
            app.get("/sso/<name>") { (req, name: String) in
                let user = try await User.objects.get(on: req.db) { $0.username == "ada" }
                do {
                    try await req.login(user, backend: name)
                    return "logged in as \(req.user.username)"
                } catch let error as AuthConfigurationError {
                    return "\(error)"
                }
            }
        }) { fixture in
            try await fixture.makeUser("ada")
            let client = try fixture.app.testClient()
            #expect(try await client.get("/sso/oauth").text.contains("the configured backends are 'model', 'token'"))
            #expect(try await client.get("/whoami").text == "anonymous")
            #expect(try await client.get("/sso/model").text == "logged in as ada")
            #expect(try await client.get("/whoami").text == "ada")
        }
    }

    @Test func misconfigurationIsReportedAtSetUp() throws {
        let app = App(settings: try Settings(baseSettings))
        let error = try #require(throws: AuthConfigurationError.self) { try app.useAuth { $0.backends = [] } }
        #expect(error.description.contains("no authentication backend"))
        #expect(error.description.contains("useDatabases"))
        #expect(error.description.contains("useSecurity"))
    }

    @Test func credentialsNeverPrintThePassword() {
        let credentials = Credentials(username: "ada", password: "hunter2", fields: ["otp": "123456"])
        #expect(!"\(credentials)".contains("hunter2"))
        #expect(!"\(credentials)".contains("123456"))
        #expect(!String(reflecting: credentials).contains("hunter2"))
    }

    @Test(arguments: Backend.allCases)
    func templatesSeeTheUser(backend: Backend) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("roost-auth-templates-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "{% if user.is_authenticated %}{{ user.username }} {{ user.first_name }} [{{ user.password }}]{% else %}{{ user }}{% endif %}"
            .write(to: folder.appendingPathComponent("me.html"), atomically: true, encoding: .utf8)
        // The app's own folder wins over RoostAuth's built-in pages.
        let registration = folder.appendingPathComponent("registration")
        try FileManager.default.createDirectory(at: registration, withIntermediateDirectories: true)
        try "custom login page".write(to: registration.appendingPathComponent("login.html"), atomically: true, encoding: .utf8)
        try await withAuthApp(backend, settings: ["TEMPLATES_DIR": folder.path], routes: { app in
            app.get("/me") { req in try req.render("me.html") }
        }) { fixture in
            var ada = User(username: "ada", firstName: "Ada")
            try await ada.setPassword("correct-horse-42", using: fastHashers)
            try await ada.save(on: fixture.database)
            let client = try fixture.app.testClient()
            #expect(try await client.get("/me").text == "AnonymousUser")
            try await client.login(ada)
            #expect(try await client.get("/me").text == "ada Ada []")
            #expect(try await client.get("/accounts/login/").text == "custom login page")
            #expect(try await client.get("/accounts/password_reset/").text.contains("csrfmiddlewaretoken"))
        }
    }
}
