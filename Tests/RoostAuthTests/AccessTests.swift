import Foundation
import Roost
import RoostAuth
import RoostAuthTesting
import RoostORM
import RoostSecurity
import RoostTesting
import Testing

@Suite("Route requirements")
struct AccessTests {
    static func routes(_ app: App) {
        app.get("/private", options: .requireLogin) { req in "hello \(req.user.username)" }
        app.get("/staff", options: .requireStaff) { _ in "staff area" }
        app.get("/edit", options: .requirePermission("blog.change_post")) { _ in "editing" }
        app.get("/publish", options: .requirePermission("blog.change_post", "blog.publish_post")) { _ in "publishing" }
        app.group("/members", options: .requireLogin) { members in
            members.get("/home") { _ in "members home" }
            members.get("/about", options: RouteOptions().allowingAnonymous()) { _ in "about us" }
        }
        app.group("/desk", middleware: [RequireStaff()]) { desk in
            desk.get("/inbox") { _ in "desk inbox" }
        }
        app.group("/editor", middleware: [RequirePermission("blog.change_post")]) { editor in
            editor.get("/queue") { _ in "queue" }
        }
        app.group("/account", middleware: [RequireLogin()]) { account in
            account.get("/settings") { _ in "settings" }
        }
    }

    static let html: HTTPFields = [.accept: "text/html,application/xhtml+xml"]

    @Test(arguments: Backend.allCases)
    func anonymousBrowsersAreSentToTheLoginPage(backend: Backend) async throws {
        try await withAuthApp(backend, routes: Self.routes) { fixture in
            let client = try fixture.app.testClient()
            for path in ["/private", "/staff", "/edit", "/members/home", "/desk/inbox", "/editor/queue", "/account/settings"] {
                let response = try await client.get(path, headers: Self.html)
                #expect(response.status == .found, "\(path)")
                #expect(response.headers[.location] == "/accounts/login/?next=" + percentEncode(path), "\(path)")
            }
            let withQuery = try await client.get("/private?tab=2", headers: Self.html)
            #expect(withQuery.headers[.location] == "/accounts/login/?next=" + percentEncode("/private?tab=2"))
            #expect(try await client.get("/members/about", headers: Self.html).text == "about us")
        }
    }

    @Test(arguments: Backend.allCases)
    func anonymousAPIClientsGet401(backend: Backend) async throws {
        try await withAuthApp(backend, routes: Self.routes) { fixture in
            let client = try fixture.app.testClient()
            for path in ["/private", "/staff", "/edit", "/members/home", "/desk/inbox", "/editor/queue", "/account/settings"] {
                let response = try await client.get(path, headers: [.accept: "application/json"])
                #expect(response.status == .unauthorized, "\(path)")
                #expect(response.headers[.wwwAuthenticate] == "Bearer")
            }
        }
    }

    @Test(arguments: Backend.allCases)
    func loggedInUsersNeedTheRightStatusAndPermissions(backend: Backend) async throws {
        try await withAuthApp(backend, routes: Self.routes) { fixture in
            let db = fixture.database
            let plain = try await fixture.makeUser("plain")
            let client = try fixture.app.testClient()
            try await client.login(plain)
            #expect(try await client.get("/private").text == "hello plain")
            #expect(try await client.get("/members/home").text == "members home")
            #expect(try await client.get("/account/settings").text == "settings")
            for path in ["/staff", "/edit", "/publish", "/desk/inbox", "/editor/queue"] {
                #expect(try await client.get(path, headers: Self.html).status == .forbidden, "\(path)")
            }

            let editor = try await fixture.makeUser("editor")
            try await editor.relation(\.userPermissions).add(try await Permission.named("blog.change_post", on: db), on: db)
            let editorClient = try fixture.app.testClient()
            try await editorClient.login(editor)
            #expect(try await editorClient.get("/edit").text == "editing")
            #expect(try await editorClient.get("/editor/queue").text == "queue")
            #expect(try await editorClient.get("/publish").status == .forbidden)
            #expect(try await editorClient.get("/staff").status == .forbidden)

            let staff = try await fixture.makeUser("staffer", staff: true)
            let staffClient = try fixture.app.testClient()
            try await staffClient.login(staff)
            #expect(try await staffClient.get("/staff").text == "staff area")
            #expect(try await staffClient.get("/desk/inbox").text == "desk inbox")
            #expect(try await staffClient.get("/edit").status == .forbidden)

            let root = try await fixture.makeUser("root", staff: true, superuser: true)
            let rootClient = try fixture.app.testClient()
            try await rootClient.login(root)
            for path in ["/private", "/staff", "/edit", "/publish", "/desk/inbox", "/editor/queue"] {
                #expect(try await rootClient.get(path).status == .ok, "\(path)")
            }
        }
    }

    @Test(arguments: Backend.allCases)
    func deactivatedUsersLoseTheirSession(backend: Backend) async throws {
        try await withAuthApp(backend, routes: Self.routes) { fixture in
            var ada = try await fixture.makeUser("ada")
            let client = try fixture.app.testClient()
            try await client.login(ada)
            #expect(try await client.get("/private").status == .ok)
            ada.isActive = false
            try await ada.save(on: fixture.database)
            #expect(try await client.get("/private", headers: Self.html).status == .found)
            #expect(try await client.get("/whoami").text == "anonymous")
        }
    }

    @Test func requirementsCombine() {
        #expect(RouteOptions().accessRequirement == nil)
        #expect(RouteOptions.requireLogin.accessRequirement == AccessRequirement())
        #expect(RouteOptions.requireStaff.accessRequirement == AccessRequirement(staff: true))
        let both = RouteOptions.requireStaff.requiringPermission(["blog.view_post"])
        #expect(both.accessRequirement == AccessRequirement(staff: true, permissions: ["blog.view_post"]))
        #expect(RouteOptions.requireLogin.allowingAnonymous().accessRequirement == nil)
    }
}
