// Written by `makemigrations` (Roost 0.1.0). Review it, rebuild the app, then run `migrate`.
import RoostMigrations

extension DemoMigrations {
    static let m0001_initial = Migration(
        app: "demo",
        name: "0001_initial",
        dependencies: [],
        operations: [
            CreateModel(
                "Post",
                table: "demo_post",
                fields: [
                    FieldSpec("id", .autoIncrement),
                    FieldSpec("title", .string(maxLength: 200)),
                    FieldSpec("body", .text),
                    FieldSpec("publishedAt", .dateTime),
                ]
            ),
        ]
    )
}
