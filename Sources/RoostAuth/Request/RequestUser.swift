public import Roost
import Synchronization

/// Who a request acts for: a logged-in user or the anonymous user — Django's
/// `request.user`, either a `User` or an `AnonymousUser`. Read it as `req.user`.
///
/// ```swift
/// app.get("/") { req in
///     req.user.isAuthenticated ? "Hello, \(req.user.username)" : "Hello, stranger"
/// }
/// app.post("/posts/<int:id>/publish") { (req, id: Int64) in
///     guard try await req.user.hasPerm("blog.publish_post") else { throw HTTPError(.forbidden) }
///     …
/// }
/// let me = req.user.model(as: User.self)    // the user row, nil when anonymous
/// ```
///
/// Permissions are asked of every configured backend once per request and then cached.
/// Anonymous and inactive users have none; active superusers have all.
///
/// ## Topics
/// ### Identity
/// - ``isAuthenticated``
/// - ``isAnonymous``
/// - ``id``
/// - ``username``
/// - ``email``
/// - ``model``
/// - ``model(as:)``
/// - ``backend``
/// ### Status
/// - ``isActive``
/// - ``isStaff``
/// - ``isSuperuser``
/// ### Permissions
/// - ``hasPerm(_:)``
/// - ``hasPerms(_:)``
/// - ``hasModulePerms(_:)``
/// - ``permissions()``
public struct RequestUser: Sendable {
    let state: UserState
    let request: Request?

    init(state: UserState, request: Request?) {
        self.state = state
        self.request = request
    }

    /// The anonymous user: not authenticated, no permissions.
    public static var anonymous: RequestUser { RequestUser(state: UserState(model: nil, backend: nil), request: nil) }

    /// The user row, or `nil` for the anonymous user.
    public var model: (any AuthUser)? { state.model }

    /// The user row as the app's user model, or `nil` when anonymous (or another model).
    /// - Parameter type: The user model, ``User`` by default.
    public func model<U: AuthUser>(as type: U.Type = User.self) -> U? {
        state.model as? U
    }

    /// The name of the backend that authenticated the user (`model`, `token`), if any.
    public var backend: String? { state.backend }

    /// Whether a user is logged in.
    public var isAuthenticated: Bool { state.model != nil }

    /// Whether nobody is logged in.
    public var isAnonymous: Bool { state.model == nil }

    /// The user's primary key as text; `nil` when anonymous.
    public var id: String? { state.model?.authIdentifier }

    /// The login name; empty when anonymous.
    public var username: String { state.model?.username ?? "" }

    /// The e-mail address; empty when anonymous.
    public var email: String { state.model?.email ?? "" }

    /// Whether the account is active; `false` when anonymous.
    public var isActive: Bool { state.model?.isActive ?? false }

    /// Whether the user may enter the admin site; `false` when anonymous.
    public var isStaff: Bool { state.model?.isStaff ?? false }

    /// Whether the user has every permission; `false` when anonymous.
    public var isSuperuser: Bool { state.model?.isSuperuser ?? false }

    /// Whether the user has a permission (`app_label.codename`): `false` for anonymous and
    /// inactive users, `true` for active superusers, else whether a backend grants it.
    public func hasPerm(_ permission: String) async throws -> Bool {
        guard let model = state.model else { return false }
        return try await PermissionRule.check(model, granted: permissions) { $0.contains(permission) }
    }

    /// Whether the user has every one of `permissions`.
    public func hasPerms(_ permissions: [String]) async throws -> Bool {
        guard let model = state.model else { return false }
        return try await PermissionRule.check(model, granted: self.permissions) { permissions.allSatisfy($0.contains) }
    }

    /// Whether the user has any permission in the app `appLabel` (`blog`).
    public func hasModulePerms(_ appLabel: String) async throws -> Bool {
        guard let model = state.model else { return false }
        return try await PermissionRule.check(model, granted: permissions) { PermissionRule.anyInApp(appLabel, $0) }
    }

    /// Every permission the backends grant the user, cached for the request; empty for
    /// anonymous and inactive users.
    public func permissions() async throws -> Set<String> {
        guard let model = state.model, model.isActive else { return [] }
        if let cached = state.cachedPermissions { return cached }
        guard let request, let engine = request.authEngine else { return [] }
        let permissions = try await engine.permissions(for: model, request: request)
        state.cachedPermissions = permissions
        return permissions
    }
}

/// The user of a request, shared by the copies of the request: `login` and `logout` change
/// it in place, so later reads in the same request see the change.
final class UserState: Sendable {
    private struct Values {
        var model: (any AuthUser)?
        var backend: String?
        var permissions: Set<String>?
    }

    private let values: Mutex<Values>

    init(model: (any AuthUser)?, backend: String?) {
        values = Mutex(Values(model: model, backend: backend))
    }

    var model: (any AuthUser)? { values.withLock { $0.model } }
    var backend: String? { values.withLock { $0.backend } }

    var cachedPermissions: Set<String>? {
        get { values.withLock { $0.permissions } }
        set { values.withLock { $0.permissions = newValue } }
    }

    func set(_ model: (any AuthUser)?, backend: String?) {
        values.withLock { $0 = Values(model: model, backend: backend) }
    }
}

/// Where the auth middleware keeps the request's ``UserState``.
enum UserStateKey: RequestStorageKey {
    typealias Value = UserState
}

extension Request {
    /// Who the request acts for; the anonymous user when nobody is logged in (or when auth
    /// is not set up). See ``RequestUser``.
    public var user: RequestUser {
        RequestUser(state: storage[UserStateKey.self] ?? UserState(model: nil, backend: nil), request: self)
    }
}
