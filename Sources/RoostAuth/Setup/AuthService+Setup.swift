#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Roost
import RoostDatabase
import RoostORM
import RoostPasswords

extension AuthService {
    /// The tables auth needs, in creation order.
    static var models: [any Model.Type] {
        AuthModels.all(userModel: U.self)
    }

    func createTables(on database: any DatabaseExecutor) async throws {
        var missing: [any Model.Type] = []
        for model in Self.models where try await !Self.tableExists(model, on: database) {
            missing.append(model)
        }
        if !missing.isEmpty { try await Self.create(missing, on: database) }
        _ = try await syncPermissions(on: database)
    }

    private static func create(_ models: [any Model.Type], on database: some DatabaseExecutor) async throws {
        try await SchemaEditor(database: database).createTables(for: models)
    }

    private static func tableExists(_ model: any Model.Type, on database: any DatabaseExecutor) async throws -> Bool {
        do {
            _ = try await database.query("SELECT 1 FROM \(identifier: model.schema.table) WHERE 1 = 0")
            return true
        } catch let error as DatabaseError where error.code == .tableNotFound {
            // Both backends report a missing table with this code; anything else (a lost
            // connection, a permission problem) is a real error and is thrown.
            return false
        }
    }

    func syncPermissions(on database: any DatabaseExecutor) async throws -> Int {
        try await configuration.permissions.sync(on: database)
    }

    func clearStaleLoginAttempts() async throws -> Int? {
        guard let throttler else { return nil }
        return try await throttler.store.clearStale(before: Date().addingTimeInterval(-throttler.policy.window.seconds))
    }

    func userExists(username: String, on database: any DatabaseExecutor) async throws -> Bool {
        try await U.objects.filter(UserLookup.username(equals: username, in: U.self)).exists(on: database)
    }

    func createSuperuser(username: String, email: String, password: String?, on database: any DatabaseExecutor) async throws {
        var user = U.newUser(username: username, email: email, superuser: true)
        if let password {
            user.password = try await hashers.hash(password)
        } else {
            user.setUnusablePassword()
        }
        try user.fullClean()
        try await user.validateUnique(on: database)
        try await user.save(on: database)
    }
}
