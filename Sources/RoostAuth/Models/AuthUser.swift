#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif
public import RoostORM
public import RoostPasswords

/// A model users log in as: what RoostAuth needs of a user, so that an app can swap in its
/// own user model (Django's `AUTH_USER_MODEL` with `AbstractBaseUser` and `PermissionsMixin`).
///
/// ``User`` is the default. An app with other needs declares its own `@Model` and conforms
/// it; stored properties with the names below satisfy the requirements, and those it does not
/// have take the defaults (`isActive` true, `isStaff` and `isSuperuser` false):
///
/// ```swift
/// @Model(table: "members")
/// struct Member: AuthUser {
///     var id: Int64?
///     @Field(maxLength: 254, unique: true) var email: String
///     @Field(maxLength: 128) var password: String = PasswordHashers.makeUnusable()
///     var lastLogin: Date?
///     var isActive = true
///     var displayName = ""
///     @ManyToMany(table: "members_groups") var groups: ManyToMany<Group>   // optional
///
///     static var usernameField: String { "email" }       // log in with the e-mail address
///     var username: String { email }
///     static func newUser(username: String, email: String, superuser: Bool) -> Member {
///         Member(email: email, groups: ManyToMany())
///     }
/// }
/// try app.useAuth(userModel: Member.self)
/// ```
///
/// A many-to-many relation to ``Group`` and one to ``Permission`` are found in the schema and
/// give the user group and direct permissions; without them only `isSuperuser` grants any.
public protocol AuthUser: Model, Encodable {
    /// The name of the stored field users log in with (Django's `USERNAME_FIELD`);
    /// `username` by default. It should be unique.
    static var usernameField: String { get }
    /// The name of the stored field holding the e-mail address password resets go to
    /// (Django's `EMAIL_FIELD`); `email` by default.
    static var emailField: String { get }
    /// The value users log in with.
    var username: String { get }
    /// The e-mail address, or empty.
    var email: String { get }
    /// The password hash in Django's format, or an unusable marker (``RoostPasswords/PasswordHashers/makeUnusable()``).
    var password: String { get set }
    /// When the user last logged in; part of what makes password-reset links single-use.
    var lastLogin: Date? { get set }
    /// Whether the account may log in; `true` by default.
    var isActive: Bool { get }
    /// Whether the user may enter the admin site; `false` by default.
    var isStaff: Bool { get }
    /// Whether the user has every permission; `false` by default.
    var isSuperuser: Bool { get }

    /// A new, unsaved user with no usable password: what `createsuperuser` and
    /// ``RoostAuth`` tools create (Django's `create_user`/`create_superuser`).
    /// - Parameters:
    ///   - username: The value of ``usernameField``.
    ///   - email: The e-mail address.
    ///   - superuser: Whether the user gets every permission and the admin site.
    static func newUser(username: String, email: String, superuser: Bool) -> Self
}

extension AuthUser {
    /// `username`.
    public static var usernameField: String { "username" }
    /// `email`.
    public static var emailField: String { "email" }
    /// Active, for models without the field.
    public var isActive: Bool { true }
    /// Not staff, for models without the field.
    public var isStaff: Bool { false }
    /// Not a superuser, for models without the field.
    public var isSuperuser: Bool { false }

    /// Hashes and stores a new password (Django's `set_password`); save the user afterwards.
    ///
    /// ```swift
    /// try await user.setPassword(form.newPassword)
    /// try await user.save(on: req.db)
    /// ```
    /// - Parameters:
    ///   - rawPassword: The password in clear.
    ///   - hashers: The hashers; the app's are in `req.authHashers`.
    /// - Throws: ``RoostPasswords/PasswordHashingError`` when hashing fails.
    public mutating func setPassword(_ rawPassword: String, using hashers: PasswordHashers = .default) async throws {
        password = try await hashers.hash(rawPassword)
    }

    /// Marks the password unusable, so that no password logs in (Django's
    /// `set_unusable_password`): for users of an external backend.
    public mutating func setUnusablePassword() {
        password = PasswordHashers.makeUnusable()
    }

    /// Whether some password can log this user in.
    public var hasUsablePassword: Bool {
        !password.hasPrefix("!") && !password.isEmpty
    }

    /// Checks a password against the stored hash (Django's `check_password`), without
    /// upgrading the hash; logins go through the backends, which do.
    /// - Parameters:
    ///   - rawPassword: The password to check.
    ///   - hashers: The accepted hashers.
    /// - Returns: Whether it is the user's password.
    public func checkPassword(_ rawPassword: String, using hashers: PasswordHashers = .default) async -> Bool {
        await hashers.check(rawPassword, against: password).isValid
    }

    /// The primary key as text, as sessions and reset links carry it.
    public var authIdentifier: String {
        AuthIdentifier.text(of: primaryKeyValue)
    }

    /// The primary key `text` stands for, or `nil` when it is not one of this model's keys.
    /// - Parameter text: An ``authIdentifier``.
    public static func primaryKey(fromAuthIdentifier text: String) -> ID? {
        AuthIdentifier.value(text, as: ID.self)
    }
}

/// Primary keys as text and back, for sessions and links.
enum AuthIdentifier {
    static func text(of value: DatabaseValue) -> String {
        switch value {
        case .int(let int): String(int)
        case .string(let text): text
        case .uuid(let uuid): uuid.uuidString.lowercased()
        default: "\(value)"
        }
    }

    static func value<ID: ModelFieldValue>(_ text: String, as type: ID.Type) -> ID? {
        guard !text.isEmpty, text.utf8.count <= 200 else { return nil }
        switch ID.fieldType {
        case .autoIncrement, .bigInteger, .integer, .smallInteger:
            guard let int = Int64(text) else { return nil }
            return try? ID(databaseValue: .int(int))
        case .uuid:
            guard let uuid = UUID(uuidString: text) else { return nil }
            return try? ID(databaseValue: .uuid(uuid))
        default:
            return try? ID(databaseValue: .string(text))
        }
    }
}
