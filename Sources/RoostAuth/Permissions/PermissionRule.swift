/// Django's rule for every permission question, in one place: inactive users hold nothing,
/// active superusers hold everything, other users hold what they were granted.
enum PermissionRule {
    /// Applies the rule: `test` sees the granted permissions only when it has to (they cost
    /// a query).
    static func check(
        _ user: any AuthUser, granted: () async throws -> Set<String>, _ test: (Set<String>) -> Bool
    ) async throws -> Bool {
        guard user.isActive else { return false }
        if user.isSuperuser { return true }
        return test(try await granted())
    }

    /// Whether any of `permissions` belongs to the app `appLabel` (Django's `has_module_perms`).
    static func anyInApp(_ appLabel: String, _ permissions: Set<String>) -> Bool {
        permissions.contains { $0.hasPrefix(appLabel + ".") }
    }
}
