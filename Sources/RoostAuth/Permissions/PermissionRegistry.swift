public import RoostORM

/// The models whose permissions exist, and how to create them: Django creates `add_`,
/// `change_`, `delete_` and `view_` permissions for every installed model after `migrate`;
/// Roost has no list of installed models, so the app registers them.
///
/// ```swift
/// try app.useAuth { auth in
///     auth.permissions.register(Post.self, app: "blog", custom: [("publish_post", "Can publish posts")])
///     auth.permissions.register(Comment.self, app: "blog")
/// }
/// // after creating the tables (and after each migration):
/// try await app.syncAuthPermissions()           // or `swift run MyApp syncpermissions`
/// ```
///
/// The auth models register themselves under `auth` (`auth.change_user`, …). A model's
/// name in permissions is its type name in lower case (`BlogPost` → `blogpost`), as in Django.
public struct PermissionRegistry: Sendable {
    /// The default permissions of every model.
    public enum Action: String, Sendable, CaseIterable {
        /// `add_<model>`.
        case add
        /// `change_<model>`.
        case change
        /// `delete_<model>`.
        case delete
        /// `view_<model>`.
        case view
    }

    /// One registered model.
    public struct Entry: Sendable {
        /// The app label (`blog`).
        public var appLabel: String
        /// The model name in lower case (`post`).
        public var model: String
        /// The model's human name, for permission names (`Can change post`).
        public var verboseName: String
        /// Which default permissions it gets.
        public var actions: [Action]
        /// Its own permissions: codename and human name.
        public var custom: [(codename: String, name: String)]

        /// Every permission of the model: codename and human name.
        public var permissions: [(codename: String, name: String)] {
            actions.map { ("\($0.rawValue)_\(model)", "Can \($0.rawValue) \(verboseName)") } + custom
        }
    }

    /// The registered models, in registration order.
    public private(set) var entries: [Entry] = []

    /// An empty registry.
    public init() {}

    /// Registers a model's permissions. Registering the same model again replaces it.
    /// - Parameters:
    ///   - model: The model type.
    ///   - app: The app label, the part before the dot in permission names.
    ///   - actions: The default permissions to create; all four by default.
    ///   - custom: Extra permissions as codename and human name (Django's `Meta.permissions`).
    public mutating func register(
        _ model: any Model.Type, app: String, actions: [Action] = Action.allCases,
        custom: [(codename: String, name: String)] = []
    ) {
        let schema = model.schema
        register(Entry(appLabel: app, model: schema.name.lowercased(), verboseName: schema.verboseName, actions: actions, custom: custom))
    }

    /// Registers permissions described by value (for models known only by name).
    public mutating func register(_ entry: Entry) {
        entries.removeAll { $0.appLabel == entry.appLabel && $0.model == entry.model }
        entries.append(entry)
    }

    /// Every permission name the registry describes (`blog.change_post`, …).
    public var allNames: [String] {
        entries.flatMap { entry in entry.permissions.map { "\(entry.appLabel).\($0.codename)" } }
    }

    /// Creates the content types and permissions that do not exist yet; existing ones are
    /// left alone (their human names are not rewritten). Safe to run again and again, and
    /// from several instances at once.
    /// - Parameter database: Where the auth tables are.
    /// - Returns: How many permissions were created.
    @discardableResult
    public func sync(on database: any DatabaseExecutor) async throws -> Int {
        var created = 0
        for entry in entries {
            let type = try await contentType(app: entry.appLabel, model: entry.model, on: database)
            let existing = Set(
                try await Permission.objects.filter { $0.contentType == type }.valuesList({ $0.codename }, on: database)
            )
            for (codename, name) in entry.permissions where !existing.contains(codename) {
                let permission = Permission(name: String(name.prefix(255)), contentType: Reference(type), codename: codename)
                do {
                    _ = try await Permission.objects.create(permission, on: database)
                    created += 1
                } catch let error as DatabaseError where error.code == .uniqueViolation {
                    continue  // another instance made it first
                }
            }
        }
        return created
    }

    private func contentType(app: String, model: String, on database: any DatabaseExecutor) async throws -> ContentType {
        let query = ContentType.objects.filter { $0.appLabel == app && $0.model == model }
        if let existing = try await query.first(on: database) { return existing }
        do {
            return try await ContentType.objects.create(ContentType(appLabel: app, model: model), on: database)
        } catch let error as DatabaseError where error.code == .uniqueViolation {
            return try await query.get(on: database)
        }
    }
}
