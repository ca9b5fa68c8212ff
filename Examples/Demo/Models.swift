import Foundation
import RoostAuth
import RoostORM

/// A blog post: the demo's one model, stored in SQLite. Posts written through the site
/// record their author; the welcome posts have none.
@Model(table: "demo_post")
struct Post {
    var id: Int64?
    @Field(maxLength: 200) var title: String
    var body: String = ""
    var publishedAt: Date = Date()
    /// Who wrote the post; encoded as the user's id (the row is never loaded into a post, so
    /// no password hash can reach a page or the API).
    @ForeignKey(onDelete: .setNull) var author: Reference<User>?
}

/// What a client sends to create a post through the JSON API.
struct PostDraft: Codable, Sendable {
    var title: String
    var body: String
}
