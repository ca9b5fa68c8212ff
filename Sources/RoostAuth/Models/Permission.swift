public import RoostORM

/// A named right to do something with one kind of model: Django's `auth_permission`, same
/// table and columns (`id`, `name`, `content_type_id`, `codename`).
///
/// Four are created for every registered model — `add_`, `change_`, `delete_` and `view_`
/// followed by the model name (`blog.change_post`) — plus any custom ones the app declares
/// (see ``PermissionRegistry``). Grant them to users directly or through ``Group``s:
///
/// ```swift
/// let change = try await Permission.named("blog.change_post", on: db)
/// try await editors.relation(\.permissions).add(change, on: db)
/// try await ada.relation(\.groups).add(editors, on: db)
/// try await ada.hasPerm("blog.change_post", on: db)     // true
/// ```
@Model(table: "auth_permission", verboseName: "permission")
public struct Permission: Equatable {
    /// The primary key.
    public var id: Int64?
    /// The human name (`Can change post`).
    @Field(maxLength: 255) public var name: String
    /// The kind of model it is about.
    @ForeignKey(onDelete: .cascade, relatedName: "permissions") public var contentType: Reference<ContentType>
    /// The machine name within the model's app (`change_post`).
    @Field(maxLength: 100) public var codename: String

    /// Creates a permission.
    /// - Parameters:
    ///   - name: The human name.
    ///   - contentType: The model kind.
    ///   - codename: The machine name.
    public init(id: Int64? = nil, name: String, contentType: Reference<ContentType>, codename: String) {
        self.id = id
        self.name = name
        self.contentType = contentType
        self.codename = codename
    }

    /// A content type has each codename once, as in Django.
    public static var constraints: [ModelConstraint<Permission>] {
        [.unique(\.contentType, \.codename, name: "auth_permission_content_type_id_codename_uniq")]
    }

    /// The permission named `app_label.codename` (`blog.change_post`).
    /// - Parameters:
    ///   - fullName: The app label and codename, separated by a dot.
    ///   - database: Where the permissions live.
    /// - Returns: The permission.
    /// - Throws: ``RoostORM/ObjectDoesNotExist`` when there is no such permission.
    public static func named(_ fullName: String, on database: any DatabaseExecutor) async throws -> Permission {
        // Without a dot nothing matches, and `get` reports that the permission does not exist.
        let dot = fullName.firstIndex(of: ".")
        let app = dot.map { String(fullName[..<$0]) } ?? ""
        let codename = dot.map { String(fullName[fullName.index(after: $0)...]) } ?? fullName
        return try await Permission.objects.get(on: database) { $0.codename == codename && $0.contentType.appLabel == app }
    }
}
