import Foundation
import RoostORM

/// A blog post: the demo's one model, stored in SQLite.
@Model(table: "demo_post")
struct Post {
    var id: Int64?
    @Field(maxLength: 200) var title: String
    var body: String = ""
    var publishedAt: Date = Date()
}

/// What a client sends to create a post through the JSON API.
struct PostDraft: Codable, Sendable {
    var title: String
    var body: String
}
