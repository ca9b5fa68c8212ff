/// The migration that creates RoostAuth's tables in a new project: what `makemigrations`
/// writes for `AuthModels.all()` (content types, permissions, groups, users and their join
/// tables, API tokens, login attempts) after the project's first migration.
///
/// RoostMigrations cannot import RoostAuth, so the operations are spelled out here;
/// `RoostAuthTests` checks that `makemigrations` finds nothing left to write after them, and
/// the scaffold's end-to-end test runs `makemigrations --check` in a generated project.
enum ScaffoldAuthMigration {
    /// The file name (and migration name) in the project's `Migrations` folder.
    static let name = "0002_auth"

    /// The migration for app `label`, after its `0001_initial`.
    static func migration(app label: String) -> Migration {
        Migration(app: label, name: name, dependencies: [.init(label, "0001_initial")], operations: [
            CreateModel("User", table: "auth_user", fields: [
                FieldSpec("id", .autoIncrement),
                FieldSpec("password", .string(maxLength: 128)),
                FieldSpec("lastLogin", .dateTime, nullable: true),
                FieldSpec("isSuperuser", .boolean),
                FieldSpec("username", .string(maxLength: 150), unique: true),
                FieldSpec("firstName", .string(maxLength: 150)),
                FieldSpec("lastName", .string(maxLength: 150)),
                FieldSpec("email", .string(maxLength: 254)),
                FieldSpec("isStaff", .boolean),
                FieldSpec("isActive", .boolean),
                FieldSpec("dateJoined", .dateTime),
            ]),
            CreateModel("AuthToken", table: "roost_auth_token", fields: [
                FieldSpec("id", .autoIncrement),
                FieldSpec("user", .bigInteger, indexed: true, references: "User", onDelete: .cascade),
                FieldSpec("name", .string(maxLength: 100)),
                FieldSpec("prefix", .string(maxLength: 12)),
                FieldSpec("digest", .string(maxLength: 64), unique: true),
                FieldSpec("created", .dateTime),
                FieldSpec("lastUsed", .dateTime, nullable: true),
                FieldSpec("expires", .dateTime, nullable: true),
            ]),
            CreateModel(
                "ContentType", table: "django_content_type",
                fields: [
                    FieldSpec("id", .autoIncrement),
                    FieldSpec("appLabel", .string(maxLength: 100)),
                    FieldSpec("model", .string(maxLength: 100)),
                ],
                constraints: [.unique("django_content_type_app_label_model_uniq", columns: ["app_label", "model"])]
            ),
            CreateModel("Group", table: "auth_group", fields: [
                FieldSpec("id", .autoIncrement),
                FieldSpec("name", .string(maxLength: 150), unique: true),
            ]),
            CreateModel("LoginAttempt", table: "roost_login_attempt", fields: [
                FieldSpec("id", .string(maxLength: 80), column: "key", primaryKey: true),
                FieldSpec("failures", .bigInteger),
                FieldSpec("lastFailure", .bigInteger),
            ]),
            CreateModel(
                "Permission", table: "auth_permission",
                fields: [
                    FieldSpec("id", .autoIncrement),
                    FieldSpec("name", .string(maxLength: 255)),
                    FieldSpec("contentType", .bigInteger, indexed: true, references: "ContentType", onDelete: .cascade),
                    FieldSpec("codename", .string(maxLength: 100)),
                ],
                constraints: [.unique("auth_permission_content_type_id_codename_uniq", columns: ["content_type_id", "codename"])]
            ),
            joinTable("Group", "permissions", to: "Permission", table: "auth_group_permissions", "group_id", "permission_id"),
            joinTable("User", "groups", to: "Group", table: "auth_user_groups", "user_id", "group_id"),
            joinTable("User", "userPermissions", to: "Permission", table: "auth_user_user_permissions", "user_id", "permission_id"),
        ])
    }

    private static func joinTable(
        _ model: String, _ field: String, to target: String, table: String, _ sourceColumn: String, _ targetColumn: String
    ) -> CreateJoinTable {
        CreateJoinTable(
            model: model,
            JoinTableSpec(field: field, target: target, table: table, sourceColumn: sourceColumn, targetColumn: targetColumn)
        )
    }
}
