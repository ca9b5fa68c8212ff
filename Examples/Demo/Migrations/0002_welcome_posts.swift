// Written by `makemigrations --empty` (Roost 0.1.0), then filled in: a data migration.
import RoostMigrations

extension DemoMigrations {
    static let m0002_welcome_posts = Migration(
        app: "demo",
        name: "0002_welcome_posts",
        dependencies: [.init("demo", "0001_initial")],
        operations: [
            RunSwift("write the welcome posts", forward: { context in
                // The table as this point of the migrations knows it, not as the model is today.
                guard let post = context.state.schema(for: "Post") else { return }
                let welcome = [
                    ("Hello, Roost", "A Swift web framework with Flask's core and Django's batteries."),
                    ("Typed routes", "Placeholders arrive in handlers as typed arguments."),
                ]
                for (index, (title, body)) in welcome.enumerated() {
                    let published = DatabaseValue.timestamp(secondsSince1970: 1_700_000_000 + Double(index))
                    try await context.database.execute(
                        "INSERT INTO \(identifier: post.table) (title, body, published_at) VALUES (\(title), \(body), \(published))"
                    )
                }
            }, reverse: { context in
                guard let post = context.state.schema(for: "Post") else { return }
                try await context.database.execute(
                    "DELETE FROM \(identifier: post.table) WHERE title IN (\("Hello, Roost"), \("Typed routes"))"
                )
            }),
        ]
    )
}
