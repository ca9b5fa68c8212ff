import Roost

/// `syncpermissions`: creates the content types and permissions of the registered models
/// that do not exist yet. `migrate` does it too (a post-migrate hook, as in Django); this is
/// for apps that create their tables without migrations. Registered by `useAuth`.
///
/// ```sh
/// swift run MyApp syncpermissions
/// ```
struct SyncPermissionsCommand: AppCommand {
    static let configuration = CommandConfiguration(
        commandName: "syncpermissions",
        abstract: "Create the permissions of the registered models."
    )

    func run(app: App) async throws {
        let created = try await app.syncAuthPermissions()
        app.console.print("Created \(created) permission(s).")
    }
}
