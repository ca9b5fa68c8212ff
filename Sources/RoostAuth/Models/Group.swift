public import RoostORM

/// A named set of permissions given to users together: Django's `auth_group`, with its
/// permissions in `auth_group_permissions` (`group_id`, `permission_id`).
///
/// ```swift
/// var editors = try await Group.objects.create(Group(name: "Editors"), on: db)
/// try await editors.relation(\.permissions).add(try await Permission.named("blog.change_post", on: db), on: db)
/// try await ada.relation(\.groups).add(editors, on: db)
/// ```
@Model(table: "auth_group", verboseName: "group")
public struct Group: Equatable {
    /// The primary key.
    public var id: Int64?
    /// The group's unique name.
    @Field(maxLength: 150, unique: true) public var name: String
    /// The permissions every member has.
    @ManyToMany(table: "auth_group_permissions", verboseName: "permissions") public var permissions: ManyToMany<Permission>

    /// Creates a group.
    /// - Parameter name: The unique name.
    public init(id: Int64? = nil, name: String) {
        self.id = id
        self.name = name
        self.permissions = ManyToMany()
    }

    /// Groups are equal when their keys and names are.
    public static func == (lhs: Group, rhs: Group) -> Bool { lhs.id == rhs.id && lhs.name == rhs.name }
}
