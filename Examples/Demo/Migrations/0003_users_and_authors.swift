// Written by `makemigrations` (Roost 0.1.0). Review it, rebuild the app, then run `migrate`.
import RoostMigrations

extension DemoMigrations {
    static let m0003_users_and_authors = Migration(
        app: "demo",
        name: "0003_users_and_authors",
        dependencies: [.init("demo", "0002_welcome_posts")],
        operations: [
            CreateModel(
                "User",
                table: "auth_user",
                fields: [
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
                ]
            ),
            CreateModel(
                "AuthToken",
                table: "roost_auth_token",
                fields: [
                    FieldSpec("id", .autoIncrement),
                    FieldSpec("user", .bigInteger, indexed: true, references: "User", onDelete: .cascade),
                    FieldSpec("name", .string(maxLength: 100)),
                    FieldSpec("prefix", .string(maxLength: 12)),
                    FieldSpec("digest", .string(maxLength: 64), unique: true),
                    FieldSpec("created", .dateTime),
                    FieldSpec("lastUsed", .dateTime, nullable: true),
                    FieldSpec("expires", .dateTime, nullable: true),
                ]
            ),
            CreateModel(
                "ContentType",
                table: "django_content_type",
                fields: [
                    FieldSpec("id", .autoIncrement),
                    FieldSpec("appLabel", .string(maxLength: 100)),
                    FieldSpec("model", .string(maxLength: 100)),
                ],
                constraints: [.unique("django_content_type_app_label_model_uniq", columns: ["app_label", "model"])]
            ),
            CreateModel(
                "Group",
                table: "auth_group",
                fields: [
                    FieldSpec("id", .autoIncrement),
                    FieldSpec("name", .string(maxLength: 150), unique: true),
                ]
            ),
            CreateModel(
                "LoginAttempt",
                table: "roost_login_attempt",
                fields: [
                    FieldSpec("id", .string(maxLength: 80), column: "key", primaryKey: true),
                    FieldSpec("failures", .bigInteger),
                    FieldSpec("lastFailure", .bigInteger),
                ]
            ),
            CreateModel(
                "Permission",
                table: "auth_permission",
                fields: [
                    FieldSpec("id", .autoIncrement),
                    FieldSpec("name", .string(maxLength: 255)),
                    FieldSpec("contentType", .bigInteger, indexed: true, references: "ContentType", onDelete: .cascade),
                    FieldSpec("codename", .string(maxLength: 100)),
                ],
                constraints: [.unique("auth_permission_content_type_id_codename_uniq", columns: ["content_type_id", "codename"])]
            ),
            AddField(
                model: "Post",
                FieldSpec("author", .bigInteger, nullable: true, indexed: true, references: "User", onDelete: .setNull)
            ),
            CreateJoinTable(
                model: "Group",
                JoinTableSpec(
                    field: "permissions",
                    target: "Permission",
                    table: "auth_group_permissions",
                    sourceColumn: "group_id",
                    targetColumn: "permission_id"
                )
            ),
            CreateJoinTable(
                model: "User",
                JoinTableSpec(
                    field: "groups",
                    target: "Group",
                    table: "auth_user_groups",
                    sourceColumn: "user_id",
                    targetColumn: "group_id"
                )
            ),
            CreateJoinTable(
                model: "User",
                JoinTableSpec(
                    field: "userPermissions",
                    target: "Permission",
                    table: "auth_user_user_permissions",
                    sourceColumn: "user_id",
                    targetColumn: "permission_id"
                )
            ),
        ]
    )
}
