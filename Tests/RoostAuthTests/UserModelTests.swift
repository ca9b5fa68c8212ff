import Foundation
import Roost
import RoostAuth
import RoostAuthTesting
import RoostDatabase
import RoostORM
import RoostSecurity
import RoostTesting
import Testing

@Suite("Users, groups and permissions")
struct UserModelTests {
    /// Django's `auth_user` columns, in Django's order.
    static let djangoUserColumns = [
        "id", "password", "last_login", "is_superuser", "username", "first_name", "last_name", "email", "is_staff",
        "is_active", "date_joined",
    ]

    /// `SELECT "a", "b" FROM "table"`.
    static func select(_ columns: [String], from table: String) -> SQL {
        let list = columns.map { SQL.identifier($0) }.joined(separator: ", ")
        return "SELECT " + list + " FROM " + SQL.identifier(table)
    }

    @Test func userSchemaMirrorsDjangoAuthUser() {
        #expect(User.schema.table == "auth_user")
        #expect(User.schema.fields.map(\.column) == Self.djangoUserColumns)
        #expect(Group.schema.table == "auth_group")
        #expect(Permission.schema.table == "auth_permission")
        #expect(Permission.schema.fields.map(\.column).sorted() == ["codename", "content_type_id", "id", "name"])
        #expect(ContentType.schema.table == "django_content_type")
        let joins = User.schema.manyToMany.map(\.table).sorted()
        #expect(joins == ["auth_user_groups", "auth_user_user_permissions"])
    }

    @Test(arguments: Backend.allCases)
    func tablesHaveDjangosShape(backend: Backend) async throws {
        try await withAuthApp(backend) { fixture in
            try await fixture.makeUser("ada", email: "ada@example.com", staff: true)
            let rows = try await fixture.database.query(Self.select(Self.djangoUserColumns, from: "auth_user"))
            #expect(rows.count == 1)
            let row = try #require(rows.first)
            #expect(try row.decode(String.self, at: 4) == "ada")
            #expect(try row.decode(String.self, at: 1).hasPrefix("pbkdf2_sha256$1000$"))
            #expect(try row.decode(Bool.self, at: 8) == true)
            #expect(try row.decode(Bool.self, at: 9) == true)
            // The join tables and the other tables, with Django's column names.
            let tables: [(String, [String])] = [
                ("auth_user_groups", ["user_id", "group_id"]),
                ("auth_user_user_permissions", ["user_id", "permission_id"]),
                ("auth_group_permissions", ["group_id", "permission_id"]),
                ("auth_group", ["id", "name"]),
                ("auth_permission", ["id", "name", "content_type_id", "codename"]),
                ("django_content_type", ["id", "app_label", "model"]),
            ]
            for (table, columns) in tables {
                _ = try await fixture.database.query(Self.select(columns, from: table))
            }
        }
    }

    @Test(arguments: Backend.allCases)
    func fourPermissionsPerRegisteredModel(backend: Backend) async throws {
        try await withAuthApp(backend) { fixture in
            let names = Set(
                try await Permission.objects.selectRelated(\.contentType).all(on: fixture.database).map { permission in
                    "\(permission.contentType.object?.appLabel ?? "?").\(permission.codename)"
                }
            )
            for action in ["add", "change", "delete", "view"] {
                #expect(names.contains("blog.\(action)_post"))
                #expect(names.contains("auth.\(action)_user"))
                #expect(names.contains("auth.\(action)_group"))
                #expect(names.contains("auth.\(action)_permission"))
            }
            #expect(names.contains("blog.publish_post"))
            let change = try await Permission.named("blog.change_post", on: fixture.database)
            #expect(change.name == "Can change post")
            // Syncing again creates nothing and fails on nothing.
            #expect(try await fixture.app.syncAuthPermissions() == 0)
            #expect(try await fixture.run(["syncpermissions"]).contains("Created 0 permission(s)."))
            await #expect(throws: ObjectDoesNotExist<Permission>.self) { try await Permission.named("blog.fly_post", on: fixture.database) }
        }
    }

    @Test(arguments: Backend.allCases)
    func hasPermThroughUserGroupSuperuserAndInactive(backend: Backend) async throws {
        try await withAuthApp(backend) { fixture in
            let db = fixture.database
            let change = try await Permission.named("blog.change_post", on: db)
            let view = try await Permission.named("blog.view_post", on: db)
            let publish = try await Permission.named("blog.publish_post", on: db)

            // Directly granted.
            var ada = try await fixture.makeUser("ada")
            #expect(try await ada.hasPerm("blog.change_post", on: db) == false)
            try await ada.relation(\.userPermissions).add(change, on: db)
            #expect(try await ada.hasPerm("blog.change_post", on: db))
            #expect(try await ada.hasPerm("blog.delete_post", on: db) == false)

            // Through a group.
            let editors = try await Group.objects.create(Group(name: "Editors"), on: db)
            try await editors.relation(\.permissions).add(view, on: db)
            try await editors.relation(\.permissions).add(publish, on: db)
            let bob = try await fixture.makeUser("bob")
            #expect(try await bob.hasPerm("blog.view_post", on: db) == false)
            try await bob.relation(\.groups).add(editors, on: db)
            #expect(try await bob.hasPerm("blog.view_post", on: db))
            #expect(try await bob.hasPerms(["blog.view_post", "blog.publish_post"], on: db))
            #expect(try await bob.hasPerms(["blog.view_post", "blog.change_post"], on: db) == false)
            #expect(try await bob.groupPermissions(on: db) == ["blog.view_post", "blog.publish_post"])
            #expect(try await bob.hasModulePerms("blog", on: db))
            #expect(try await bob.hasModulePerms("auth", on: db) == false)
            try await ada.relation(\.groups).add(editors, on: db)
            #expect(try await ada.permissions(on: db) == ["blog.change_post", "blog.view_post", "blog.publish_post"])

            // Superusers have every permission without grants.
            let root = try await fixture.makeUser("root", staff: true, superuser: true)
            #expect(try await root.hasPerm("blog.delete_post", on: db))
            #expect(try await root.hasPerm("anything.at_all", on: db))

            // Inactive users have none, granted or not, superuser or not.
            ada.isActive = false
            try await ada.save(on: db)
            #expect(try await ada.hasPerm("blog.change_post", on: db) == false)
            #expect(try await ada.permissions(on: db).isEmpty)
            let inactiveRoot = try await fixture.makeUser("ghost", superuser: true, active: false)
            #expect(try await inactiveRoot.hasPerm("blog.view_post", on: db) == false)

            // Removing the grant removes the permission.
            try await bob.relation(\.groups).remove(editors, on: db)
            #expect(try await bob.hasPerm("blog.view_post", on: db) == false)
        }
    }

    @Test(arguments: Backend.allCases)
    func requestUserAsksTheBackendsAndCachesPerRequest(backend: Backend) async throws {
        try await withAuthApp(backend, routes: { app in
            app.get("/perms") { req in
                let change = try await req.user.hasPerm("blog.change_post")
                let delete = try await req.user.hasPerm("blog.delete_post")
                return "\(change) \(delete) \(try await req.user.hasModulePerms("blog"))"
            }
        }) { fixture in
            let client = try fixture.app.testClient()
            #expect(try await client.get("/perms").text == "false false false")
            let user = try await fixture.makeUser("ada")
            try await user.relation(\.userPermissions).add(try await Permission.named("blog.change_post", on: fixture.database), on: fixture.database)
            try await client.login(user)
            #expect(try await client.get("/perms").text == "true false true")
        }
    }

    @Test func usernameAndEmailAreValidated() throws {
        var user = User(username: "bad name!", email: "not-an-address")
        user.password = "!"
        let error = try #require(throws: RoostORM.ValidationError.self) { try user.fullClean() }
        #expect("\(error)".contains("username"))
        #expect("\(error)".contains("email"))
        #expect(User(username: "ada", firstName: " Ada", lastName: "Lovelace ").fullName == "Ada Lovelace")
        #expect(!User(username: "ada").hasUsablePassword)
    }
}
