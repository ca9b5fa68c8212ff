public import RoostORM

/// Reads a user's permissions from the database in one query: those granted directly and
/// those of the user's groups, as `app_label.codename` names.
enum ModelPermissions {
    /// Which grants to read.
    enum Source {
        case user, groups, both
    }

    /// The join table of `U`'s relation to `target`, if it has one.
    static func relation<U: AuthUser>(of type: U.Type, to target: ModelSchema) -> ManyToManyDescriptor? {
        U.schema.manyToMany.first { $0.target().table == target.table }
    }

    /// The permission names `user` holds through `source`.
    static func names<U: AuthUser>(for user: U, from source: Source, on database: any DatabaseExecutor) async throws -> Set<String> {
        guard user.isSaved else { return [] }
        let key = user.primaryKeyValue
        var conditions: [SQL] = []
        if source != .groups, let direct = relation(of: U.self, to: Permission.schema) {
            conditions.append(
                """
                p.\(identifier: "id") IN (SELECT \(identifier: direct.targetColumn) FROM \(identifier: direct.table) \
                WHERE \(identifier: direct.sourceColumn) = \(key))
                """
            )
        }
        if source != .user, let groups = relation(of: U.self, to: Group.schema),
            let granted = Group.schema.manyToMany.first(where: { $0.name == "permissions" })
        {
            conditions.append(
                """
                p.\(identifier: "id") IN (SELECT \(identifier: granted.targetColumn) FROM \(identifier: granted.table) \
                WHERE \(identifier: granted.sourceColumn) IN (SELECT \(identifier: groups.targetColumn) FROM \(identifier: groups.table) \
                WHERE \(identifier: groups.sourceColumn) = \(key)))
                """
            )
        }
        guard !conditions.isEmpty else { return [] }
        let sql: SQL = """
            SELECT ct.\(identifier: "app_label"), p.\(identifier: "codename") FROM \(identifier: Permission.schema.table) p \
            INNER JOIN \(identifier: ContentType.schema.table) ct ON ct.\(identifier: "id") = p.\(identifier: "content_type_id") \
            WHERE \(conditions.joined(separator: " OR "))
            """
        var names: Set<String> = []
        for row in try await database.query(sql) {
            names.insert("\(try row.decode(String.self, at: 0)).\(try row.decode(String.self, at: 1))")
        }
        return names
    }
}

extension AuthUser {
    /// Whether the user has a permission, named `app_label.codename` (Django's
    /// `has_perm`): inactive users have none, superusers have all, others have those granted
    /// to them or to one of their groups.
    ///
    /// ```swift
    /// if try await user.hasPerm("blog.change_post", on: req.db) { … }
    /// ```
    /// This asks the database, through the model permissions only; `req.user.hasPerm(_:)`
    /// also asks the app's other backends and caches the answer for the request.
    /// - Parameters:
    ///   - permission: The permission's full name (`blog.change_post`).
    ///   - database: Where the permissions live.
    /// - Returns: Whether the user has it.
    public func hasPerm(_ permission: String, on database: any DatabaseExecutor) async throws -> Bool {
        try await PermissionRule.check(self, granted: { try await ModelPermissions.names(for: self, from: .both, on: database) }) {
            $0.contains(permission)
        }
    }

    /// Whether the user has every one of `permissions` (Django's `has_perms`).
    /// - Parameters:
    ///   - permissions: Full permission names.
    ///   - database: Where the permissions live.
    /// - Returns: `true` when all are held (and for an empty list).
    public func hasPerms(_ permissions: [String], on database: any DatabaseExecutor) async throws -> Bool {
        try await PermissionRule.check(self, granted: { try await ModelPermissions.names(for: self, from: .both, on: database) }) {
            permissions.allSatisfy($0.contains)
        }
    }

    /// Whether the user has any permission in the app `appLabel` (Django's `has_module_perms`).
    /// - Parameters:
    ///   - appLabel: The app label (`blog`).
    ///   - database: Where the permissions live.
    public func hasModulePerms(_ appLabel: String, on database: any DatabaseExecutor) async throws -> Bool {
        try await PermissionRule.check(self, granted: { try await ModelPermissions.names(for: self, from: .both, on: database) }) {
            PermissionRule.anyInApp(appLabel, $0)
        }
    }

    /// The permissions the user holds directly and through groups, as `app_label.codename`
    /// (Django's `get_all_permissions`); empty for inactive users. Superusers get only what
    /// is granted; use ``hasPerm(_:on:)`` to check.
    public func permissions(on database: any DatabaseExecutor) async throws -> Set<String> {
        guard isActive else { return [] }
        return try await ModelPermissions.names(for: self, from: .both, on: database)
    }

    /// The permissions the user holds through groups only (Django's `get_group_permissions`).
    public func groupPermissions(on database: any DatabaseExecutor) async throws -> Set<String> {
        guard isActive else { return [] }
        return try await ModelPermissions.names(for: self, from: .groups, on: database)
    }
}
