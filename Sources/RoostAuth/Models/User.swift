#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif
public import RoostORM
public import RoostPasswords

/// The default user: Django's `auth_user` table, column for column (`id`, `password`,
/// `last_login`, `is_superuser`, `username`, `first_name`, `last_name`, `email`, `is_staff`,
/// `is_active`, `date_joined`), with its groups in `auth_user_groups` and its own permissions
/// in `auth_user_user_permissions`. A Django database's users log in unchanged.
///
/// ```swift
/// var ada = User(username: "ada", email: "ada@example.com")
/// try await ada.setPassword("correct horse battery staple")
/// try await ada.save(on: db)
/// try await ada.relation(\.groups).add(editors, on: db)
/// if try await ada.hasPerm("blog.change_post", on: db) { … }
/// ```
///
/// Apps that need other fields declare their own model and conform it to ``AuthUser``; see
/// ``Roost/App/useAuth(userModel:_:)``.
@Model(table: "auth_user", verboseName: "user")
public struct User: AuthUser {
    /// The primary key.
    public var id: Int64?
    /// The password hash (`pbkdf2_sha256$…`), or an unusable marker starting with `!`.
    @Field(maxLength: 128) public var password: String
    /// When the user last logged in.
    public var lastLogin: Date?
    /// Whether the user has every permission without being granted them.
    @Field(verboseName: "superuser status", helpText: "Has every permission without them being granted.")
    public var isSuperuser: Bool = false
    /// The unique name users log in with: letters, digits and `@ . + - _`, at most 150.
    @Field(
        maxLength: 150, unique: true, helpText: "150 characters or fewer: letters, digits and @/./+/-/_ only.",
        validators: [User.usernameValidator]
    )
    public var username: String
    /// The first name.
    @Field(maxLength: 150, blank: true) public var firstName: String = ""
    /// The last name.
    @Field(maxLength: 150, blank: true) public var lastName: String = ""
    /// The e-mail address password resets are sent to.
    @Field(maxLength: 254, blank: true, verboseName: "email address", validators: [User.emailValidator])
    public var email: String = ""
    /// Whether the user may enter the admin site.
    @Field(verboseName: "staff status", helpText: "May log into the admin site.")
    public var isStaff: Bool = false
    /// Whether the account may be used; clear it instead of deleting users.
    @Field(verboseName: "active", helpText: "Clear this instead of deleting the account.")
    public var isActive: Bool = true
    /// When the account was created.
    public var dateJoined: Date = Date()
    /// The groups the user belongs to (`auth_user_groups`).
    @ManyToMany(table: "auth_user_groups", verboseName: "groups") public var groups: ManyToMany<Group>
    /// Permissions granted to the user directly (`auth_user_user_permissions`).
    @ManyToMany(table: "auth_user_user_permissions", verboseName: "user permissions")
    public var userPermissions: ManyToMany<Permission>

    /// Creates a user with no usable password; set one with ``AuthUser/setPassword(_:using:)``.
    /// - Parameters:
    ///   - username: The login name.
    ///   - email: The e-mail address.
    ///   - firstName: The first name.
    ///   - lastName: The last name.
    ///   - isStaff: Whether the user may enter the admin site.
    ///   - isSuperuser: Whether the user has every permission.
    ///   - isActive: Whether the account may be used.
    public init(
        id: Int64? = nil, username: String, email: String = "", firstName: String = "", lastName: String = "",
        isStaff: Bool = false, isSuperuser: Bool = false, isActive: Bool = true,
        password: String = PasswordHashers.makeUnusable(), lastLogin: Date? = nil, dateJoined: Date = Date()
    ) {
        self.id = id
        self.password = password
        self.lastLogin = lastLogin
        self.isSuperuser = isSuperuser
        self.username = username
        self.firstName = firstName
        self.lastName = lastName
        self.email = email
        self.isStaff = isStaff
        self.isActive = isActive
        self.dateJoined = dateJoined
        self.groups = ManyToMany()
        self.userPermissions = ManyToMany()
    }

    /// A new user for `createsuperuser` and tools.
    public static func newUser(username: String, email: String, superuser: Bool) -> User {
        User(username: username, email: email, isStaff: superuser, isSuperuser: superuser)
    }

    /// The first and last names with a space between, trimmed (Django's `get_full_name`).
    public var fullName: String {
        "\(firstName) \(lastName)".trimmingWhitespace
    }

    /// The first name (Django's `get_short_name`).
    public var shortName: String { firstName }

    /// Letters, digits and `@ . + - _` (Django's `UnicodeUsernameValidator`).
    public static var usernameValidator: FieldValidator {
        .custom("Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ characters.") { value in
            guard case .string(let text) = value else { return true }
            return !text.isEmpty && text.allSatisfy { $0.isLetter || $0.isNumber || "@.+-_".contains($0) }
        }
    }

    /// Empty, or one `@` between a non-empty local part and a domain with a dot, no spaces.
    public static var emailValidator: FieldValidator {
        .custom("Enter a valid email address.") { value in
            guard case .string(let text) = value, !text.isEmpty else { return true }
            return EmailAddress.isPlausible(text)
        }
    }
}

/// A light check of e-mail addresses (the mail server has the last word).
enum EmailAddress {
    static func isPlausible(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."), !parts[1].hasSuffix(".")
        else { return false }
        return !text.contains { $0.isWhitespace || $0.isNewline || $0 == "<" || $0 == ">" || $0 == "," }
    }
}
