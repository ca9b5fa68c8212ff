public import Roost

/// What a route asks of the user, set with ``Roost/RouteOptions/requireLogin``,
/// ``Roost/RouteOptions/requireStaff`` and ``Roost/RouteOptions/requirePermission(_:)``, or
/// with the ``RequireLogin``, ``RequireStaff`` and ``RequirePermission`` middleware.
public struct AccessRequirement: Sendable, Equatable {
    /// A logged-in, active user.
    public var login: Bool
    /// A staff user (implies ``login``).
    public var staff: Bool
    /// Every one of these permissions (implies ``login``).
    public var permissions: [String]

    /// Creates a requirement.
    public init(login: Bool = true, staff: Bool = false, permissions: [String] = []) {
        self.login = login
        self.staff = staff
        self.permissions = permissions
    }

    /// Whether anything is required.
    var isEmpty: Bool { !login && !staff && permissions.isEmpty }
}

enum LoginRequiredKey: RouteAttributeKey { typealias Value = Bool }
enum StaffRequiredKey: RouteAttributeKey { typealias Value = Bool }
enum PermissionsRequiredKey: RouteAttributeKey { typealias Value = [String] }

extension RouteOptions {
    /// The route's access requirement, or `nil` when anyone may call it. Login, staff and
    /// permission requirements are kept apart, so a group's `requireStaff` and a route's
    /// `requirePermission` both apply; a route's own permission list replaces its group's.
    public var accessRequirement: AccessRequirement? {
        let staff = attributes[StaffRequiredKey.self] ?? false
        let permissions = attributes[PermissionsRequiredKey.self] ?? []
        let login = attributes[LoginRequiredKey.self] ?? false
        let requirement = AccessRequirement(login: login || staff || !permissions.isEmpty, staff: staff, permissions: permissions)
        return requirement.isEmpty ? nil : requirement
    }

    /// Options requiring a logged-in user (Django's `login_required`). Anonymous browsers
    /// are redirected to the login page with `?next=`; API clients get `401`.
    ///
    /// ```swift
    /// app.get("/profile", options: .requireLogin) { req in "Hello \(req.user.username)" }
    /// app.group("/account", options: .requireLogin) { account in … }
    /// ```
    public static var requireLogin: RouteOptions { RouteOptions().requiringLogin() }

    /// Options requiring a staff user (Django's `staff_member_required`); logged-in
    /// non-staff users get `403`.
    public static var requireStaff: RouteOptions { RouteOptions().requiringStaff() }

    /// Options requiring permissions (Django's `permission_required`); logged-in users
    /// without them get `403`.
    ///
    /// ```swift
    /// app.post("/posts/<int:id>/publish", options: .requirePermission("blog.publish_post")) { … }
    /// ```
    public static func requirePermission(_ permissions: String...) -> RouteOptions {
        RouteOptions().requiringPermission(permissions)
    }

    /// These options, also requiring a logged-in user.
    public func requiringLogin() -> RouteOptions {
        var options = self
        options.attributes[LoginRequiredKey.self] = true
        return options
    }

    /// These options, letting anonymous users in although the group requires a login (for a
    /// public page inside a private group).
    public func allowingAnonymous() -> RouteOptions {
        var options = self
        options.attributes[LoginRequiredKey.self] = false
        options.attributes[StaffRequiredKey.self] = false
        options.attributes[PermissionsRequiredKey.self] = []
        return options
    }

    /// These options, also requiring a staff user.
    public func requiringStaff() -> RouteOptions {
        var options = self
        options.attributes[StaffRequiredKey.self] = true
        return options
    }

    /// These options, also requiring permissions.
    public func requiringPermission(_ permissions: [String]) -> RouteOptions {
        var options = self
        options.attributes[PermissionsRequiredKey.self] = permissions
        return options
    }
}
