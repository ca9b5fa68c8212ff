#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
public import Roost
import RoostORM
public import RoostPasswords

/// Logs users in with the username and password hash stored in the user model's table:
/// Django's `ModelBackend`, the default backend.
///
/// ```swift
/// try app.useAuth { auth in auth.backends = [ModelBackend(), TokenBackend()] }   // the default
/// ```
///
/// - An unknown username costs as much time as a wrong password (the hasher runs anyway),
///   so response times do not reveal which accounts exist.
/// - Inactive users are refused even with the right password.
/// - A hash made by another hasher or with other parameters (a Django hash with fewer
///   iterations) is replaced by a fresh one on a successful login.
/// - Grants the permissions stored for the user and for the user's groups.
public struct ModelBackend<U: AuthUser>: AuthenticationBackend {
    /// The user model.
    public typealias User = U

    /// The hashers to check with; the app's (``AuthConfiguration/passwordHashers``) when `nil`.
    public let hashers: PasswordHashers?

    /// Creates the backend.
    /// - Parameter hashers: Hashers to use instead of the app's.
    public init(hashers: PasswordHashers? = nil) {
        self.hashers = hashers
    }

    /// `model`.
    public var name: String { "model" }

    /// The active user whose stored hash the password matches, its hash upgraded if outdated; `nil` otherwise.
    public func authenticate(_ credentials: Credentials, request: Request) async throws -> U? {
        guard let username = credentials.username, let password = credentials.password else { return nil }
        let hashers = self.hashers ?? request.authHashers
        guard let user = try await U.objects.filter(UserLookup.username(equals: username, in: U.self)).first(on: request.db) else {
            await hashers.simulateCheck(password)
            return nil
        }
        switch await hashers.check(password, against: user.password) {
        case .invalid:
            return nil
        case .valid(let upgraded):
            guard user.isActive else { return nil }
            var user = user
            if let upgraded {
                try await UserLookup.storePassword(upgraded, of: user, on: request.db)
                user.password = upgraded
            }
            return user
        }
    }

    /// The permissions granted to the user and to the user's groups.
    public func permissions(for user: U, request: Request) async throws -> Set<String> {
        try await ModelPermissions.names(for: user, from: .both, on: request.db)
    }
}

/// Queries on the user model by the fields ``AuthUser`` names.
enum UserLookup {
    /// `username_field = username`.
    static func username<U: AuthUser>(equals username: String, in type: U.Type) -> RoostORM.Predicate {
        let column = U.schema.field(named: U.usernameField)?.column ?? U.usernameField
        return .comparison(.column(.root, column), .equal, .value(.string(username)))
    }

    /// `email_field` equal to `email`, ignoring case.
    static func email<U: AuthUser>(matching email: String, in type: U.Type) -> RoostORM.Predicate {
        let column = U.schema.field(named: U.emailField)?.column ?? U.emailField
        return .text(.column(.root, column), .exact, email, caseInsensitive: true)
    }

    /// Stores a new password hash in the user's row, touching only that column.
    static func storePassword<U: AuthUser>(_ hash: String, of user: U, on database: any DatabaseExecutor) async throws {
        try await update(user, field: "password", to: .string(hash), on: database)
    }

    /// Stores the last login time in the user's row, touching only that column.
    static func storeLastLogin<U: AuthUser>(_ date: Date, of user: U, on database: any DatabaseExecutor) async throws {
        try await update(user, field: "lastLogin", to: .timestamp(date), on: database)
    }

    private static func update<U: AuthUser>(_ user: U, field name: String, to value: DatabaseValue, on database: any DatabaseExecutor) async throws {
        guard let field = U.schema.field(named: name) else { return }
        let sql: SQL = """
            UPDATE \(identifier: U.schema.table) SET \(identifier: field.column) = \(value) \
            WHERE \(identifier: U.schema.primaryKey.column) = \(user.primaryKeyValue)
            """
        _ = try await database.execute(sql)
    }

    /// Problems with a user model's declaration, found at start-up.
    static func problems<U: AuthUser>(of type: U.Type) -> [String] {
        var problems: [String] = []
        let needed = [("USERNAME_FIELD (usernameField)", U.usernameField), ("EMAIL_FIELD (emailField)", U.emailField), ("password", "password")]
        for (role, name) in needed
        where U.schema.field(named: name) == nil {
            problems.append("\(U.schema.name) has no stored field '\(name)' for \(role)")
        }
        if U.schema.field(named: "lastLogin") == nil {
            problems.append("\(U.schema.name) has no stored field 'lastLogin' (Date?), which keeps password-reset links single-use")
        }
        return problems
    }
}
