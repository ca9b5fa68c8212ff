import Foundation
import Roost
import RoostAuth
import RoostAuthTesting
import RoostORM
import RoostPasswords
import RoostSQLite
import RoostSecurity
import RoostTesting
import Testing

/// An app's own user model: logs in with the e-mail address, no groups, no staff flag.
@Model(table: "members")
struct Member: AuthUser {
    var id: Int64?
    @Field(maxLength: 254, unique: true) var email: String
    @Field(maxLength: 128) var password: String
    var lastLogin: Date?
    var isActive: Bool = true
    @Field(maxLength: 100, blank: true) var displayName: String = ""

    init(id: Int64? = nil, email: String, password: String = PasswordHashers.makeUnusable(), displayName: String = "") {
        self.id = id
        self.email = email
        self.password = password
        self.displayName = displayName
    }

    static var usernameField: String { "email" }
    var username: String { email }

    static func newUser(username: String, email: String, superuser: Bool) -> Member {
        Member(email: username)
    }
}

/// A model that cannot be a user model: it has no `lastLogin` and names a missing field.
@Model(table: "broken_users")
struct BrokenUser: AuthUser {
    var id: Int64?
    @Field(maxLength: 100) var handle: String
    @Field(maxLength: 128) var password: String

    init(handle: String) {
        self.handle = handle
        self.password = "!"
    }

    var username: String { handle }
    var email: String { "" }
    var lastLogin: Date? {
        get { nil }
        set {}
    }

    static func newUser(username: String, email: String, superuser: Bool) -> BrokenUser { BrokenUser(handle: username) }
}

@Suite("A custom user model")
struct CustomUserTests {
    @Test(arguments: Backend.allCases)
    func membersLogInWithTheirEmailAddress(backend: Backend) async throws {
        try await backend.withDatabase { database in
            let app = App(settings: try Settings(baseSettings))
            app.use(databases: try Databases([Databases.defaultName: database]))
            try app.useSecurity()
            try app.useAuth(userModel: Member.self) { auth in auth.passwordHashers = fastHashers }
            app.get("/whoami") { req in
                guard let member = req.user.model(as: Member.self) else { return "anonymous" }
                return "\(member.email) \(member.displayName)"
            }
            app.get("/perm") { req in "\(try await req.user.hasPerm("auth.change_member"))" }
            try await app.createAuthTables()

            var ada = Member(email: "ada@example.com", displayName: "Ada")
            try await ada.setPassword("correct-horse-42", using: fastHashers)
            try await ada.save(on: database)
            let client = try app.testClient()
            #expect(try await client.logIn("ada@example.com", "correct-horse-42").status == .found)
            #expect(try await client.get("/whoami").text == "ada@example.com Ada")
            // Its permissions exist under `auth`; without relations only superusers have any.
            _ = try await Permission.named("auth.change_member", on: database)
            #expect(try await client.get("/perm").text == "false")
            #expect(try await ada.hasPerm("auth.change_member", on: database) == false)

            // Bearer tokens refer to the custom table.
            let (token, _) = try await TokenBackend<Member>.issue(for: ada, on: database)
            let api = try app.testClient()
            #expect(try await api.get("/whoami", headers: [.authorization: "Bearer \(token)"]).text == "ada@example.com Ada")

            // createsuperuser fills the username field, here the e-mail address.
            try await app.runCommand(["createsuperuser", "--no-input", "--username", "boss@example.com"])
            #expect(try await Member.objects.filter { $0.email == "boss@example.com" }.count(on: database) == 1)
        }
    }

    @Test func modelsWithoutTheNeededFieldsAreRefusedAtSetUp() throws {
        let app = App(settings: try Settings(baseSettings))
        app.use(databases: try Databases([Databases.defaultName: try Database.sqlite("sqlite::memory:")]))
        try app.useSecurity()
        let error = try #require(throws: AuthConfigurationError.self) { try app.useAuth(userModel: BrokenUser.self) }
        #expect(error.description.contains("no stored field 'username'"))
        #expect(error.description.contains("no stored field 'email'"))
        #expect(error.description.contains("lastLogin"))
    }
}
